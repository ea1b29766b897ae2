package io.shoal.examples.demo;

import io.shoal.tpch.TpchQueries;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A short guided tour of a running federation in plain JDBC: each query is printed with its result
 * (at most {@link #MAX_ROWS} rows), its time, and the rows and bytes each site sent.
 */
public final class Tour {

  public static final int MAX_ROWS = 10;

  /**
   * One stop of the tour.
   *
   * @param title what the query shows
   * @param sql the query, in Shoal's SQL (Calcite, over the {@code global} schema)
   * @param refusedState when not null, the query must be refused with this SQLState (a policy demo)
   */
  public record Stop(String title, String sql, String refusedState) {
    Stop(String title, String sql) {
      this(title, sql, null);
    }

    boolean isExplain() {
      return sql.regionMatches(true, 0, "EXPLAIN", 0, 7);
    }
  }

  static final String REVENUE_PER_REGION =
      """
      SELECT r_name AS customer_region,
             COUNT(*) AS line_items,
             SUM(l_extendedprice * (1 - l_discount)) AS revenue
      FROM customer
        JOIN orders ON o_custkey = c_custkey
        JOIN lineitem ON l_orderkey = o_orderkey
        JOIN nation ON c_nationkey = n_nationkey
        JOIN region ON n_regionkey = r_regionkey
      GROUP BY r_name
      ORDER BY revenue DESC""";

  /** The stops, in order. */
  public static List<Stop> stops() {
    return List.of(
        new Stop(
            "One global table over three regions: orders per site",
            """
            SELECT _site, COUNT(*) AS orders, SUM(o_totalprice) AS total_price
            FROM orders
            GROUP BY _site
            ORDER BY _site"""),
        new Stop(
            "Revenue per customer region: a co-located join, aggregated where the data lives",
            REVENUE_PER_REGION),
        new Stop(
            "Top 5 orders by price: a local top-5 at each site, merged at the coordinator",
            """
            SELECT o_orderkey, o_custkey, o_orderdate, o_totalprice, _site
            FROM orders
            ORDER BY o_totalprice DESC
            LIMIT 5"""),
        new Stop(
            "Only eu is asked: the predicate on _site prunes the other sites",
            """
            SELECT o_orderpriority, COUNT(*) AS orders
            FROM orders
            WHERE _site = 'eu'
            GROUP BY o_orderpriority
            ORDER BY o_orderpriority"""),
        new Stop(TpchQueries.title(1), TpchQueries.get(1).strip()),
        new Stop(TpchQueries.title(5), TpchQueries.get(5).strip()),
        new Stop(
            "Residency: customers' phone numbers may not leave their region (refused, SQLState 42501)",
            "SELECT c_name, c_phone FROM customer WHERE c_custkey < 10",
            "42501"),
        new Stop(
            "The plan: each site's fragment and the coordinator's work for the revenue query",
            "EXPLAIN PLAN FOR\n" + REVENUE_PER_REGION));
  }

  private final PrintStream out;

  public Tour(PrintStream out) {
    this.out = out;
  }

  /** Runs every stop; returns how many succeeded. The first failure ends the tour. */
  public int run(Connection conn) throws DemoException {
    return run(conn, stops());
  }

  /** Runs the given stops in order; returns how many succeeded. The first failure ends the tour. */
  public int run(Connection conn, List<Stop> stops) throws DemoException {
    int ok = 0;
    for (int i = 0; i < stops.size(); i++) {
      Stop stop = stops.get(i);
      String name = "query " + (i + 1) + "/" + stops.size();
      out.println();
      out.println("--- " + name + ": " + stop.title());
      out.println(indent(stop.sql()));
      out.println();
      long t0 = System.nanoTime();
      try (Statement st = conn.createStatement()) {
        if (stop.refusedState() != null) {
          runRefused(st, stop, name, t0);
        } else {
          String shown;
          try (ResultSet rs = st.executeQuery(stop.sql())) {
            shown = stop.isExplain() ? planText(rs) : TextTable.read(rs, MAX_ROWS).render();
          }
          long ms = (System.nanoTime() - t0) / 1_000_000;
          out.print(shown);
          out.printf(Locale.ROOT, "time: %d ms%n", ms);
          out.print(QueryFigures.describe(conn, stop.sql()));
        }
      } catch (SQLException e) {
        throw new DemoException(
            "tour, " + name,
            firstLine(e.getMessage()) + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")")
                + " -- SQL: " + stop.sql().replaceAll("\\s+", " "),
            e);
      }
      ok++;
    }
    return ok;
  }

  private void runRefused(Statement st, Stop stop, String name, long t0) throws DemoException {
    try (ResultSet rs = st.executeQuery(stop.sql())) {
      TextTable leaked = TextTable.read(rs, MAX_ROWS);
      out.print(leaked.render());
      throw new DemoException(
          "tour, " + name,
          "the query was not refused: a denied column left its region (expected SQLState "
              + stop.refusedState() + ")");
    } catch (SQLException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (!stop.refusedState().equals(e.getSQLState())) {
        throw new DemoException(
            "tour, " + name,
            "expected a refusal with SQLState " + stop.refusedState() + " but got "
                + e.getSQLState() + ": " + firstLine(e.getMessage()),
            e);
      }
      out.println("refused as expected (SQLState " + e.getSQLState() + "):");
      out.println("  " + firstLine(e.getMessage()));
      out.printf(Locale.ROOT, "time: %d ms, nothing left any site%n", ms);
    }
  }

  /** EXPLAIN returns one multi-line text cell (or one row per line): print it as is, not boxed. */
  private static String planText(ResultSet rs) throws SQLException {
    StringBuilder s = new StringBuilder();
    int columns = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= columns; i++) {
        String cell = rs.getString(i);
        s.append(cell == null ? "" : cell.stripTrailing()).append(i < columns ? " " : "\n");
      }
    }
    return s.toString();
  }

  private static String indent(String sql) {
    List<String> lines = new ArrayList<>();
    sql.lines().forEach(l -> lines.add("  " + l));
    return String.join("\n", lines);
  }

  static String firstLine(String message) {
    if (message == null) return "(no message)";
    return message.lines().findFirst().orElse(message).strip();
  }
}

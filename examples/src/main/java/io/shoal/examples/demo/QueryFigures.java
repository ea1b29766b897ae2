package io.shoal.examples.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Rows and bytes each site sent for the last query, read from the system table {@code shoal.queries}.
 *
 * <p>The table's exact columns are the planner's business, so this reads it by column name with a
 * few tolerant rules instead of a fixed schema: the query is matched by its SQL text when a text
 * column exists (the newest match wins), rows are grouped by the query-id column, and the figures
 * shown are the columns whose names mention site, rows, bytes or time. Anything unexpected (no
 * such table, no match) prints {@link #UNAVAILABLE} rather than failing the tour.
 */
final class QueryFigures {

  static final String UNAVAILABLE = "(per-site figures unavailable)\n";
  private static final List<String> ID_COLUMNS = List.of("query_id", "queryid", "id");
  private static final List<String> SQL_COLUMNS = List.of("sql", "query_text", "sql_text", "text", "statement");
  private static final List<String> FIGURE_WORDS =
      List.of("site", "rows", "bytes", "ms", "time", "duration", "elapsed", "batches", "status");

  private QueryFigures() {}

  /** The figures for {@code sql} as text ending in a newline; never throws. */
  static String describe(Connection conn, String sql) {
    try {
      return describeOrThrow(conn, sql);
    } catch (SQLException | RuntimeException e) {
      return UNAVAILABLE;
    }
  }

  private static String describeOrThrow(Connection conn, String sql) throws SQLException {
    List<String> columns = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    List<List<Object>> rows = new ArrayList<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM shoal.queries")) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
        numeric.add(TextTable.isNumeric(md.getColumnType(i)));
      }
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns.size(); i++) row.add(rs.getObject(i));
        rows.add(row);
      }
    }
    List<List<Object>> mine = rowsOfQuery(columns, rows, sql);
    if (mine.isEmpty()) return UNAVAILABLE;
    // A query that asked no site (EXPLAIN, a refusal) is recorded with an empty site column.
    int siteCol = columns.indexOf("site");
    if (siteCol >= 0) {
      mine = mine.stream().filter(r -> r.get(siteCol) != null).toList();
      if (mine.isEmpty()) return "no site was asked: nothing left any region\n";
    }

    int sqlCol = find(columns, SQL_COLUMNS);
    int idCol = find(columns, ID_COLUMNS);
    List<Integer> shown = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      if (i == sqlCol || i == idCol) continue;
      String c = columns.get(i);
      if (FIGURE_WORDS.stream().anyMatch(c::contains)) shown.add(i);
    }
    if (shown.isEmpty()) {
      for (int i = 0; i < columns.size(); i++) if (i != sqlCol) shown.add(i);
    }
    TextTable t =
        new TextTable(shown.stream().map(columns::get).toList(), shown.stream().map(numeric::get).toList());
    for (List<Object> row : mine) {
      t.addRow(shown.stream().map(i -> TextTable.format(row.get(i))).toList());
    }
    String id = idCol < 0 ? "" : " (query " + mine.get(0).get(idCol) + ")";
    return "moved per site" + id + ":\n" + t.render();
  }

  /** The rows of the newest run of {@code sql}; all rows of one query id. */
  static List<List<Object>> rowsOfQuery(List<String> columns, List<List<Object>> rows, String sql) {
    int sqlCol = find(columns, SQL_COLUMNS);
    int idCol = find(columns, ID_COLUMNS);
    if (sqlCol < 0 && idCol < 0) return List.of();
    String wanted = normalize(sql);
    List<Object> last = null;
    for (List<Object> row : rows) {
      if (sqlCol < 0 || normalize(Objects.toString(row.get(sqlCol), "")).equals(wanted)) last = row;
    }
    if (last == null) return List.of();
    if (idCol < 0) return List.of(last);
    Map<Object, List<List<Object>>> byId = new LinkedHashMap<>();
    for (List<Object> row : rows) byId.computeIfAbsent(row.get(idCol), k -> new ArrayList<>()).add(row);
    return byId.getOrDefault(last.get(idCol), List.of(last));
  }

  private static int find(List<String> columns, List<String> names) {
    for (String n : names) {
      int i = columns.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  }

  private static String normalize(String sql) {
    return sql.strip().replaceAll("\\s+", " ").replaceAll(";$", "").toLowerCase(Locale.ROOT);
  }
}

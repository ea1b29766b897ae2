package io.shoal.examples.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Bytes the sites sent for the newest run of a query, from the system table {@code shoal.queries}.
 *
 * <p>The table's columns are the planner's business, so they are found by name: the query by its
 * SQL text (newest match), its rows by the query id, the figure as the sum of every numeric column
 * whose name mentions bytes. If the table is missing, the first failure switches the lookup off,
 * and the benchmark prints "n/a".
 */
final class BytesMoved {
  private static final List<String> ID_COLUMNS = List.of("query_id", "queryid", "id");
  private static final List<String> SQL_COLUMNS = List.of("sql", "query_text", "sql_text", "text", "statement");

  private boolean available = true;

  /** Bytes moved by the newest run of {@code sql}, or empty if unknown. */
  OptionalLong of(Connection conn, String sql) {
    if (!available) return OptionalLong.empty();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM shoal.queries")) {
      return find(rs, sql);
    } catch (SQLException | RuntimeException e) {
      available = false;
      return OptionalLong.empty();
    }
  }

  static OptionalLong find(ResultSet rs, String sql) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
    int sqlCol = indexOf(columns, SQL_COLUMNS);
    int idCol = indexOf(columns, ID_COLUMNS);
    List<Integer> bytesCols = new ArrayList<>();
    // What the sites sent: the "bytes" column, not store_bytes (what they fetched from object storage).
    if (columns.contains("bytes")) bytesCols.add(columns.indexOf("bytes"));
    else for (int i = 0; i < columns.size(); i++) if (columns.get(i).contains("bytes")) bytesCols.add(i);
    if (sqlCol < 0 || bytesCols.isEmpty()) return OptionalLong.empty();

    List<Object[]> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[columns.size()];
      for (int i = 0; i < row.length; i++) row[i] = rs.getObject(i + 1);
      rows.add(row);
    }
    String wanted = normalize(sql);
    Object[] last = null;
    for (Object[] row : rows) {
      if (normalize(Objects.toString(row[sqlCol], "")).equals(wanted)) last = row;
    }
    if (last == null) return OptionalLong.empty();
    long sum = 0;
    boolean any = false;
    for (Object[] row : rows) {
      boolean same = idCol < 0 ? row == last : Objects.equals(row[idCol], last[idCol]);
      if (!same) continue;
      for (int c : bytesCols) {
        if (row[c] instanceof Number n) {
          sum += n.longValue();
          any = true;
        }
      }
    }
    return any ? OptionalLong.of(sum) : OptionalLong.empty();
  }

  private static int indexOf(List<String> columns, List<String> names) {
    for (String n : names) {
      int i = columns.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  }

  static String normalize(String sql) {
    return sql.strip().replaceAll("\\s+", " ").replaceAll(";$", "").toLowerCase(Locale.ROOT);
  }

  /** 1234567 as "1.2 MB": powers of 1000, one decimal. */
  static String human(long bytes) {
    if (bytes < 1000) return bytes + " B";
    String[] units = {"kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }
}

package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A query result reduced to comparable values, so that the federation and the single-DuckDB oracle
 * can be compared whatever JDBC classes each driver returns: every number becomes a BigDecimal (or
 * a double for floating columns), dates and timestamps become java.time values.
 */
record ResultRows(List<String> columns, List<List<Object>> rows) {

  static ResultRows run(java.sql.Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return read(rs);
    }
  }

  static ResultRows read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= n; i++) columns.add(md.getColumnLabel(i));
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) row.add(normalize(rs.getObject(i)));
      rows.add(row);
    }
    return new ResultRows(columns, rows);
  }

  static Object normalize(Object o) {
    if (o == null) return null;
    if (o instanceof Double || o instanceof Float) return ((Number) o).doubleValue();
    if (o instanceof BigDecimal b) return b.stripTrailingZeros();
    if (o instanceof BigInteger b) return new BigDecimal(b);
    if (o instanceof Number num) return BigDecimal.valueOf(num.longValue());
    if (o instanceof java.sql.Date d) return d.toLocalDate();
    if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime();
    if (o instanceof java.sql.Time t) return t.toLocalTime();
    if (o instanceof java.time.LocalTime) return o;
    if (o instanceof LocalDate || o instanceof LocalDateTime) return o;
    if (o instanceof Boolean) return o;
    return o.toString();
  }

  /**
   * Asserts that {@code actual} answers {@code sql} with the oracle's rows, in order where the SQL
   * orders them; {@code description} (a format, with {@code args}) names the case when it fails.
   */
  static void assertSameAsOracle(java.sql.Connection oracle, java.sql.Connection actual, String sql,
      String description, Object... args) throws SQLException {
    ResultRows expected = run(oracle, sql);
    ResultRows got = run(actual, sql);
    assertThat(difference(expected, got, OracleTest.Corpus.ordered(sql))).as(description, args).isNull();
  }

  /** Null when equal, else a description of the first difference. */
  static String difference(ResultRows expected, ResultRows actual, boolean ordered) {
    if (expected.rows.size() != actual.rows.size()) {
      return "row count: expected " + expected.rows.size() + ", got " + actual.rows.size()
          + firstRows(expected, actual);
    }
    if (!expected.rows.isEmpty() && expected.rows.get(0).size() != actual.rows.get(0).size()) {
      return "column count: expected " + expected.columns + ", got " + actual.columns;
    }
    List<List<Object>> e = expected.rows;
    List<List<Object>> a = actual.rows;
    if (!ordered) {
      e = sorted(e);
      a = sorted(a);
    }
    for (int r = 0; r < e.size(); r++) {
      for (int c = 0; c < e.get(r).size(); c++) {
        if (!same(e.get(r).get(c), a.get(r).get(c))) {
          return "row " + r + " column " + (c + 1) + ": expected " + e.get(r) + ", got " + a.get(r);
        }
      }
    }
    return null;
  }

  private static String firstRows(ResultRows expected, ResultRows actual) {
    return "\n  expected first rows " + expected.rows.subList(0, Math.min(3, expected.rows.size()))
        + "\n  got first rows      " + actual.rows.subList(0, Math.min(3, actual.rows.size()));
  }

  static boolean same(Object x, Object y) {
    if (x == null || y == null) return x == y;
    if (x instanceof Number || y instanceof Number) {
      if (!(x instanceof Number) || !(y instanceof Number)) return false;
      if (x instanceof BigDecimal bx && y instanceof BigDecimal by) {
        if (bx.compareTo(by) == 0) return true;
      }
      double dx = ((Number) x).doubleValue();
      double dy = ((Number) y).doubleValue();
      if (dx == dy || (Double.isNaN(dx) && Double.isNaN(dy))) return true;
      double scale = Math.max(Math.abs(dx), Math.abs(dy));
      return Math.abs(dx - dy) <= 1e-9 * scale;
    }
    return Objects.equals(x, y);
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(ROW_ORDER);
    return copy;
  }

  /** A total order on normalized rows; doubles compare roughly equal values as equal keys. */
  private static final Comparator<List<Object>> ROW_ORDER =
      (r1, r2) -> {
        for (int i = 0; i < Math.min(r1.size(), r2.size()); i++) {
          int c = compareValues(r1.get(i), r2.get(i));
          if (c != 0) return c;
        }
        return Integer.compare(r1.size(), r2.size());
      };

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) return a == b ? 0 : a == null ? -1 : 1;
    if (a instanceof Number && b instanceof Number) {
      if (same(a, b)) return 0;
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    if (a.getClass() != b.getClass()) return a.getClass().getName().compareTo(b.getClass().getName());
    return ((Comparable) a).compareTo(b);
  }
}

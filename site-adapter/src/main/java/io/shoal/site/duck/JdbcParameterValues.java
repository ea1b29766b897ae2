package io.shoal.site.duck;

import java.time.LocalDateTime;

/** Values read from an Arrow parameter batch, as DuckDB's JDBC driver accepts them. */
final class JdbcParameterValues {
  private JdbcParameterValues() {}

  static Object toJdbc(Object value) {
    if (value == null) return null;
    if (value instanceof org.apache.arrow.vector.util.Text t) return t.toString();
    if (value instanceof LocalDateTime t) return java.sql.Timestamp.valueOf(t);
    if (value instanceof java.time.LocalDate d) return java.sql.Date.valueOf(d);
    return value;
  }
}

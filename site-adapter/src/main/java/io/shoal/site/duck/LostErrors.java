package io.shoal.site.duck;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * DuckDB's own error for a statement whose streaming result failed before its first batch, which
 * duckdb_jdbc 2.0.0.1 reports only as "Invalid result set" (a cast that fails on the 50,000th row,
 * a division by zero). The statement runs once more under EXPLAIN ANALYZE, which streams nothing
 * and so raises the engine's error as it is. Nothing of that run leaves the site: its plan text is
 * dropped, and the error goes through {@link ErrorText} like any other.
 */
final class LostErrors {
  private LostErrors() {}

  /**
   * The error {@code sql} raises with {@code parameters} on {@code conn} (the fragment's own, under
   * its limits), or null when it runs without one this time.
   */
  static SQLException recover(Connection conn, String sql, List<Object> parameters) {
    try (PreparedStatement ps = conn.prepareStatement("EXPLAIN ANALYZE " + sql)) {
      for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, JdbcParameterValues.toJdbc(parameters.get(i)));
      ps.execute();
      return null;
    } catch (SQLException real) {
      // DuckDB points into the text it ran, which is not the caller's: the position goes.
      String m = real.getMessage() == null ? "" : real.getMessage();
      int line = m.indexOf("\nLINE ");
      return new SQLException(line < 0 ? m : m.substring(0, line).strip(), real.getSQLState(), real);
    }
  }
}

package io.shoal.site.duck;

import io.shoal.site.table.Sql;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.duckdb.DuckDBConnection;

/**
 * One DuckDB connection of the site with the TEMP views it has and the statements prepared on it.
 * Used by one fragment at a time (see {@link ConnectionPool}). A statement is prepared against the
 * views of its moment, so any view change drops every statement.
 */
final class PooledConnection {

  /** Prepared statements kept per connection, least recently used dropped first. */
  static final int MAX_STATEMENTS = 32;

  private final DuckDBConnection conn;
  /** TEMP view name -> the SELECT it was created with. */
  private final Map<String, String> views = new HashMap<>();
  private final Map<String, PreparedStatement> statements =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
          if (size() <= MAX_STATEMENTS) return false;
          closeQuietly(eldest.getValue());
          return true;
        }
      };

  PooledConnection(DuckDBConnection conn) {
    this.conn = conn;
  }

  DuckDBConnection connection() {
    return conn;
  }

  /**
   * Makes the TEMP view {@code name} select {@code select}; null removes it, so the site's registered
   * view of that name shows again. Does nothing when the view already is so.
   */
  void view(String name, String select) throws SQLException {
    if (Objects.equals(views.get(name), select)) return;
    dropStatements();
    // Unknown until the statement succeeds: a failure leaves the view to be made again next time.
    views.remove(name);
    try (Statement st = conn.createStatement()) {
      if (select != null) {
        st.execute("CREATE OR REPLACE TEMP VIEW " + Sql.ident(name) + " AS " + select);
        views.put(name, select);
      } else {
        st.execute("DROP VIEW IF EXISTS temp.main." + Sql.ident(name));
      }
    }
  }

  /** A statement prepared earlier on this connection for exactly this SQL, or null. */
  PreparedStatement statement(String sql) {
    return statements.get(sql);
  }

  /** Keeps {@code ps} (prepared for {@code sql} on this connection) for later fragments. */
  void keep(String sql, PreparedStatement ps) {
    PreparedStatement old = statements.put(sql, ps);
    if (old != null && old != ps) closeQuietly(old);
  }

  int statementCount() {
    return statements.size();
  }

  private void dropStatements() {
    statements.values().forEach(PooledConnection::closeQuietly);
    statements.clear();
  }

  void close() {
    dropStatements();
    try {
      conn.close();
    } catch (SQLException ignored) {
      // the connection is dropped either way
    }
  }

  private static void closeQuietly(PreparedStatement ps) {
    try {
      ps.close();
    } catch (SQLException ignored) {
      // a statement that cannot close is gone anyway
    }
  }
}

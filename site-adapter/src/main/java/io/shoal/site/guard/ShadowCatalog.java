package io.shoal.site.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Json;
import io.shoal.site.SiteException;
import io.shoal.site.table.Sql;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.duckdb.DuckDBConnection;

/**
 * A separate in-memory DuckDB in which each table a principal may see exists as an empty table with
 * the same name, columns and types, and nothing else does. A fragment is bound here, never on the
 * site's own database: DuckDB's binder then resolves exactly what the fragment would read at the
 * site (through views, CTEs, aliases, USING, {@code *}, {@code COLUMNS}, lateral joins, macros and
 * {@code query()}), while nothing it names can touch data, files or settings. The tables are empty
 * so that the decision cannot depend on the data, and because DuckDB cannot serialize a plan over a
 * real Parquet scan. Tables the principal may not see do not exist here, so even binder errors
 * ("did you mean ...?") cannot reveal them.
 */
final class ShadowCatalog implements AutoCloseable {

  /** The catalog name DuckDB gives an in-memory database: every base-table scan must name it. */
  static final String CATALOG = "memory";

  private static final int MAX_IDLE = 8;

  private final DuckDBConnection base;
  /** Idle connections, each with the one statement the guard runs on it, prepared once. */
  private final Deque<Reader> idle = new ArrayDeque<>();

  private record Reader(Connection connection, PreparedStatement read) {
    void close() {
      try {
        read.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
      closeQuietly(connection);
    }
  }
  /** Binds share the database; closing it waits for them. */
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private ShadowCatalog(DuckDBConnection base) {
    this.base = base;
  }

  /** Builds the shadow of {@code tables} (name to columns) and locks it down. */
  static ShadowCatalog of(Map<String, List<ColumnInfo>> tables) throws SiteException {
    DuckDBConnection c = null;
    try {
      c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
      try (Statement st = c.createStatement()) {
        st.execute("SET threads = 1");
        st.execute("SET memory_limit = '64MB'");
        for (var t : tables.entrySet()) st.execute(createTable(t.getKey(), t.getValue()));
        st.execute("SET enable_external_access = false");
        st.execute("SET lock_configuration = true");
      }
      return new ShadowCatalog(c);
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // reporting the first failure
        }
      }
      throw new SiteException(SiteException.Kind.INTERNAL, "cannot build the site guard's catalog: " + e.getMessage(), e);
    }
  }

  static String createTable(String name, List<ColumnInfo> columns) {
    StringBuilder sql = new StringBuilder("CREATE TABLE ").append(Sql.ident(name)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      ColumnInfo col = columns.get(i);
      sql.append(i > 0 ? ", " : "").append(Sql.ident(col.name())).append(' ').append(col.type());
    }
    return sql.append(')').toString();
  }

  /**
   * DuckDB's syntax tree of {@code sql} and, when that is exactly one SELECT, its bound and
   * unoptimised logical plan, in one round trip. The plan is asked for only then: nothing that is
   * not a SELECT is ever bound, not even here.
   */
  Reading read(String sql) throws SiteException {
    lifecycle.readLock().lock();
    try {
      if (closed) throw new SiteException(SiteException.Kind.INTERNAL, "the site guard is closing");
      Reader c = acquire();
      boolean ok = false;
      try {
        PreparedStatement ps = c.read();
        ps.setString(1, sql);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          JsonNode tree = Json.mapper().readTree(rs.getString(1));
          String plan = rs.getString(2);
          ok = true;
          return new Reading(tree, plan == null ? null : Json.mapper().readTree(plan));
        }
      } finally {
        release(c, ok);
      }
    } catch (SQLException | IOException e) {
      throw new SiteException(SiteException.Kind.INVALID_SQL, "the site cannot read this statement: " + firstLine(e), e);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /**
   * The first {@code ?} of a SELECT that DuckDB's binder leaves without a type (it reports INVALID),
   * or 0. Prepared against the shadow's empty tables, as the plan above is bound: nothing runs.
   */
  int untypedParameter(String sql) {
    lifecycle.readLock().lock();
    try {
      if (closed) return 0;
      Reader c = acquire();
      try (PreparedStatement ps = c.connection().prepareStatement(sql)) {
        return io.shoal.site.duck.TypeProbes.untypedParameter(ps);
      } finally {
        release(c, true);
      }
    } catch (SQLException e) {
      return 0;
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  /** The syntax tree, and the plan or null when the text is not one SELECT. */
  record Reading(JsonNode tree, JsonNode plan) {}

  private static final String READ =
      "WITH parsed AS (SELECT json_serialize_sql($1::VARCHAR) AS tree) "
          + "SELECT tree, CASE WHEN NOT (tree->>'error')::BOOLEAN AND json_array_length(tree->'statements') = 1 "
          + "THEN json_serialize_plan($1::VARCHAR) END FROM parsed";

  private Reader acquire() throws SQLException {
    synchronized (idle) {
      Reader r = idle.pollFirst();
      if (r != null) return r;
    }
    Connection c = base.duplicate();
    try {
      return new Reader(c, c.prepareStatement(READ));
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
  }

  private void release(Reader c, boolean reusable) {
    if (reusable) {
      synchronized (idle) {
        if (idle.size() < MAX_IDLE) {
          idle.addFirst(c);
          return;
        }
      }
    }
    c.close();
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to do with it
    }
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) return;
      closed = true;
      synchronized (idle) {
        idle.forEach(Reader::close);
        idle.clear();
      }
      closeQuietly(base);
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}

package io.shoal.site.duck;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.duckdb.DuckDBConnection;

/**
 * The site's idle DuckDB connections. A connection keeps what earlier fragments left on it (TEMP
 * views, prepared statements, see {@link PooledConnection}), so a fragment over the same table
 * versions as an earlier one creates no view and prepares nothing: measured on a site answering
 * COUNT(*) fragments, the view and the prepare were 38% of the site's CPU.
 *
 * <p>Only a fragment whose runs were read to their end gives its connection back; one that was
 * cancelled, failed (also mid-stream), stopped early or was closed under an open run closes it, so
 * no interrupted or half-read state is ever reused.
 */
final class ConnectionPool implements AutoCloseable {

  /** Idle connections kept; more fragments at once than this open and close their own. */
  static final int MAX_IDLE = 16;

  private final DuckDBConnection base;
  private final Deque<PooledConnection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionPool(DuckDBConnection base) {
    this.base = base;
  }

  /** The most recently returned idle connection (its views most likely match), or a new one. */
  PooledConnection acquire() throws SQLException {
    synchronized (this) {
      if (closed) throw new SQLException("the site is closing");
      PooledConnection pc = idle.pollFirst();
      if (pc != null) return pc;
    }
    return new PooledConnection((DuckDBConnection) base.duplicate());
  }

  /** Takes a connection back if {@code reusable}, else (or when full or closed) closes it. */
  void release(PooledConnection pc, boolean reusable) {
    if (reusable) {
      synchronized (this) {
        if (!closed && idle.size() < MAX_IDLE) {
          idle.addFirst(pc);
          return;
        }
      }
    }
    pc.close();
  }

  synchronized int idleCount() {
    return idle.size();
  }

  @Override
  public void close() {
    Deque<PooledConnection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(PooledConnection::close);
  }
}

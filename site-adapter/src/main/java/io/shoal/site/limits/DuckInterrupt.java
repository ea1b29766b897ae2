package io.shoal.site.limits;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBConnection;

/**
 * Interrupts whatever a DuckDB connection is running. {@code Statement.cancel()} of duckdb_jdbc
 * 2.0.0.1 does nothing once {@code executeQuery} has returned, so a streaming result (DuckDB
 * computes each batch as it is fetched) could not be stopped by it; the connection's own interrupt
 * can, but it is package-private. Measured: an interrupt stops a recursive CTE, a cross join inside
 * {@code executeQuery} and a cross join being fetched as Arrow within 15 ms; an interrupt of an
 * idle connection does not affect its next query.
 */
public final class DuckInterrupt {
  private static final Field LOCK;
  private static final Method INTERRUPT;

  static {
    Field lock = null;
    Method interrupt = null;
    try {
      lock = DuckDBConnection.class.getDeclaredField("connRefLock");
      lock.setAccessible(true);
      interrupt = DuckDBConnection.class.getDeclaredMethod("interrupt");
      interrupt.setAccessible(true);
    } catch (ReflectiveOperationException | RuntimeException e) {
      lock = null;
      interrupt = null;
    }
    LOCK = lock;
    INTERRUPT = interrupt;
  }

  private DuckInterrupt() {}

  /**
   * Interrupts {@code conn}; falls back to {@code running.cancel()} (which reaches DuckDB only
   * inside {@code executeQuery}) if this DuckDB driver has no connection interrupt.
   */
  public static void interrupt(DuckDBConnection conn, Statement running) {
    if (INTERRUPT != null) {
      try {
        Lock lock = (Lock) LOCK.get(conn);
        lock.lock();
        try {
          if (!conn.isClosed()) INTERRUPT.invoke(conn);
        } finally {
          lock.unlock();
        }
        return;
      } catch (ReflectiveOperationException | SQLException | RuntimeException e) {
        // fall through to the statement's cancel
      }
    }
    if (running != null) {
      try {
        running.cancel();
      } catch (SQLException ignored) {
        // nothing is running
      }
    }
  }
}

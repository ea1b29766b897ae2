package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.lang.reflect.Method;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A statement (plain, prepared or callable) with a query timeout we enforce ourselves: a timer
 * cancels the engine's statement, and the failure that follows is reported as HYT00 (or 57014 for
 * {@link Statement#cancel}) instead of whatever the engine says about being interrupted. The timer
 * runs until the result set is read to the end or closed, because rows stream from the sites.
 */
final class ShoalStatement<S extends Statement> extends Delegating<S> {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "shoal-query-timeout");
        t.setDaemon(true);
        return t;
      });

  private final ShoalConnection connection;
  /** A prepared statement's SQL, else null. */
  private final String preparedSql;
  /**
   * Runs a prepared statement that has no parameters when it has a maxRows: Calcite (and Avatica's
   * protocol) take maxRows for a plan only when a Statement executes, so through this one it
   * becomes a LIMIT in the sites' fragments instead of a cut at the client.
   */
  private Statement limited;
  /** The statement whose result set is current: the delegate, or {@link #limited}. */
  private volatile Statement running;
  private S self;
  private volatile int timeoutSeconds;
  private volatile long maxRows;
  private volatile ScheduledFuture<?> timer;
  private volatile String interruption; // HYT00 or 57014 once we interrupted the running query

  private ShoalStatement(Class<S> iface, S delegate, ShoalConnection connection, String preparedSql) {
    super(iface, delegate);
    this.connection = connection;
    this.preparedSql = preparedSql;
    this.running = delegate;
    this.timeoutSeconds = connection.defaultQueryTimeout();
  }

  static <S extends Statement> S wrap(Class<S> iface, S delegate, ShoalConnection connection, String preparedSql) {
    ShoalStatement<S> h = new ShoalStatement<>(iface, delegate, connection, preparedSql);
    h.self = h.proxy();
    return h.self;
  }

  @Override
  String forcedState() {
    return interruption;
  }

  @Override
  Object intercept(Object proxy, Method m, Object[] args) throws Throwable {
    String name = m.getName();
    switch (name) {
      case "setQueryTimeout":
        checkOpen();
        int s = (Integer) args[0];
        if (s < 0) {
          throw new SQLException("Shoal: query timeout must be >= 0 seconds, not " + s, "22023");
        }
        timeoutSeconds = s;
        return null;
      case "getQueryTimeout":
        checkOpen();
        return timeoutSeconds;
      case "setMaxRows":
      case "setLargeMaxRows": {
        long n = ((Number) args[0]).longValue();
        if (n < 0) {
          throw new SQLException("Shoal: maxRows must be >= 0, not " + n, "22023");
        }
        maxRows = n;
        return PASS; // Calcite turns it into a LIMIT where it can
      }
      case "cancel":
        if (!SqlStates.TIMED_OUT.equals(interruption)) {
          interruption = SqlStates.CANCELLED;
        }
        disarm();
        stopRunning();
        return null;
      case "close":
        disarm();
        if (limited != null) {
          limited.close();
        }
        return PASS;
      case "getConnection":
        return connection.self();
      case "addBatch":
        return PASS;
      case "getResultSet":
      case "getGeneratedKeys": {
        ResultSet rs = (ResultSet) m.invoke(running, args);
        return rs == null ? null : ShoalResultSet.wrap(rs, this);
      }
      case "execute":
      case "executeQuery":
      case "executeUpdate":
      case "executeLargeUpdate":
      case "executeBatch":
      case "executeLargeBatch":
        return execute(m, args);
      default:
        return PASS;
    }
  }

  private Object execute(Method m, Object[] args) throws Throwable {
    disarm();
    interruption = null;
    arm();
    boolean keepTimer = false;
    try {
      Statement target = target(m, args);
      running = target;
      Object r = target == delegate ? m.invoke(delegate, args)
          : m.getName().equals("executeQuery") ? target.executeQuery(preparedSql) : target.execute(preparedSql);
      if (r instanceof ResultSet rs) {
        keepTimer = true;
        return ShoalResultSet.wrap(rs, this);
      }
      if (Boolean.TRUE.equals(r) && m.getName().equals("execute")) {
        keepTimer = true; // the caller fetches the result set next
      }
      return r;
    } finally {
      if (!keepTimer) {
        disarm();
      }
    }
  }

  /** The delegate, or for a parameterless prepared query with maxRows, {@link #limited}. */
  private Statement target(Method m, Object[] args) throws SQLException {
    boolean query = m.getName().equals("executeQuery") || m.getName().equals("execute");
    if (preparedSql == null || maxRows == 0 || !query || (args != null && args.length > 0)
        || ((java.sql.PreparedStatement) delegate).getParameterMetaData().getParameterCount() > 0) {
      return delegate;
    }
    if (limited == null) {
      limited = connection.engine().createStatement();
    }
    limited.setLargeMaxRows(maxRows);
    limited.setFetchSize(delegate.getFetchSize());
    return limited;
  }

  private void arm() {
    int s = timeoutSeconds;
    if (s > 0) {
      timer = TIMER.schedule(() -> {
        interruption = SqlStates.TIMED_OUT;
        try {
          stopRunning();
        } catch (Exception ignored) {
          // The statement finished or closed meanwhile: nothing left to stop.
        }
      }, s, TimeUnit.SECONDS);
    }
  }

  /** Cancels what runs: in remote mode at the coordinator, since Avatica's own cancel does not. */
  private void stopRunning() throws SQLException {
    if (connection.remote()) {
      RemoteCancel.send(connection.engine(), running);
      return;
    }
    // AvaticaStatement.cancel() is synchronized, and an executing statement holds that monitor
    // until its first rows are ready: the cancel waited for the query (seconds). Raising the flag
    // it would raise stops the query now; the fragments poll it.
    org.apache.calcite.avatica.AvaticaStatement a = running.unwrap(org.apache.calcite.avatica.AvaticaStatement.class);
    try {
      a.getConnection().unwrap(org.apache.calcite.avatica.AvaticaConnection.class).getCancelFlag(a.handle).set(true);
    } catch (org.apache.calcite.avatica.NoSuchStatementException e) {
      running.cancel();
    }
  }

  /** Called when the rows are all read or the result set is closed. */
  void disarm() {
    ScheduledFuture<?> t = timer;
    timer = null;
    if (t != null) {
      t.cancel(false);
    }
  }

  long maxRows() {
    return maxRows;
  }

  S self() {
    return self;
  }

  private void checkOpen() throws SQLException {
    if (delegate.isClosed()) {
      throw new SQLException("Shoal: statement is closed", "HY010");
    }
  }
}

package io.shoal.examples.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs SQL on one connection and times it, reading every row (a federated result streams from the
 * sites, so the time to the last row is the honest figure). Each run has a timeout: the statement's
 * own query timeout, and a wall-clock guard in case the engine does not notice its cancel (e.g.
 * while planning), after which the stuck connection is abandoned and a fresh one opened.
 */
final class TimedRunner implements AutoCloseable {

  /** Opens a connection; the runner opens a new one after abandoning a stuck one. */
  interface Opener {
    Connection open() throws SQLException;
  }

  /** The outcome of one or more runs of a query. */
  sealed interface Outcome permits Ok, TimedOut, Failed {}

  /**
   * Wall-clock nanoseconds of each measured run, the rows of the last one, and the CPU the runner's
   * processes used over all measured runs.
   */
  record Ok(List<Long> nanos, long rows, long cpuNanos) implements Outcome {
    Ok(List<Long> nanos, long rows) {
      this(nanos, rows, 0);
    }

    double medianMs() {
      return Stats.median(nanos) / 1e6;
    }

    /** CPU milliseconds per measured run. */
    double cpuMsPerRun() {
      return cpuNanos / 1e6 / nanos.size();
    }
  }

  record TimedOut() implements Outcome {}

  record Failed(String message) implements Outcome {}

  /** The SQLState for "timed out" (JDBC / ODBC). */
  private static final String TIMED_OUT = "HYT00";

  /** How long after the query timeout the guard waits for the engine to give up by itself. */
  private static final Duration GRACE = Duration.ofSeconds(10);

  /** A cap on a query's measured runs, whatever the minimum measured time asks for. */
  static final int MAX_RUNS = 1000;

  private final Opener opener;
  private final CpuClock cpu;
  private Connection conn;
  private ExecutorService worker;

  /** {@code cpu}: the processes that do this runner's work (see {@link CpuClock}). */
  TimedRunner(Opener opener, CpuClock cpu) throws SQLException {
    this.opener = opener;
    this.cpu = cpu;
    this.conn = opener.open();
    this.worker = newWorker();
  }

  TimedRunner(Opener opener) throws SQLException {
    this(opener, CpuClock.thisProcess());
  }

  /**
   * {@code warmups} unmeasured runs, then {@code runs} measured ones, with the CPU the runner's
   * processes used over the measured ones. Stops at the first timeout or failure, because a query
   * that timed out once would take the timeout on every run again.
   */
  Outcome measure(String sql, int warmups, int runs, Duration timeout) {
    for (int i = 0; i < warmups; i++) {
      Object r = runOnce(sql, timeout);
      if (!(r instanceof Long)) return (Outcome) r;
    }
    List<Long> nanos = new ArrayList<>();
    long rows = 0;
    long cpu0 = cpu.nanos();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      Object r = runOnce(sql, timeout);
      long elapsed = System.nanoTime() - t0;
      if (!(r instanceof Long n)) return (Outcome) r;
      rows = n;
      nanos.add(elapsed);
    }
    return new Ok(List.copyOf(nanos), rows, cpu.nanos() - cpu0);
  }

  /** The row count, or a {@link TimedOut} / {@link Failed} outcome. */
  private Object runOnce(String sql, Duration timeout) {
    AtomicReference<Statement> running = new AtomicReference<>();
    Connection c = conn;
    long t0 = System.nanoTime();
    Future<Long> f =
        worker.submit(() -> {
          try (Statement st = c.createStatement()) {
            running.set(st);
            setTimeout(st, timeout);
            long n = 0;
            try (ResultSet rs = st.executeQuery(sql)) {
              while (rs.next()) n++;
            }
            return n;
          }
        });
    try {
      return f.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      abandon(running.get(), f);
      return new TimedOut();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException s && isTimeout(s)) return new TimedOut();
      // Engines word a timeout differently (DuckDB: "INTERRUPT Error"); a failure that came when
      // the timeout was due is the timeout.
      if (System.nanoTime() - t0 >= timeout.toNanos()) return new TimedOut();
      return new Failed(firstLine(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon(running.get(), f);
      return new Failed("interrupted");
    }
  }

  private static void setTimeout(Statement st, Duration timeout) throws SQLException {
    try {
      st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
    } catch (SQLFeatureNotSupportedException ignored) {
      // the wall-clock guard still applies
    }
  }

  static boolean isTimeout(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && TIMED_OUT.equals(s.getSQLState())) return true;
    }
    return false;
  }

  /**
   * The engine ignored its timeout: cancel once more, and leave the thread and connection behind
   * (closing a connection that another thread is using can hang too). Later runs get a fresh pair.
   */
  private void abandon(Statement st, Future<?> f) {
    if (st != null) {
      try {
        st.cancel();
      } catch (SQLException | RuntimeException ignored) {
        // best effort: the statement may already be gone
      }
    }
    f.cancel(true);
    worker.shutdownNow();
    worker = newWorker();
    try {
      conn = opener.open();
    } catch (SQLException e) {
      // keep the old one: the next run fails with a clear message if it is unusable
    }
  }

  Connection connection() {
    return conn;
  }

  private static ExecutorService newWorker() {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shoal-bench-query");
      t.setDaemon(true); // an abandoned query must not keep the JVM alive
      return t;
    });
  }

  static String firstLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      conn.close();
    } catch (SQLException ignored) {
      // the sites are stopped next anyway
    }
  }
}

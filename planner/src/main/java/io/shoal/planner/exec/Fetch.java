package io.shoal.planner.exec;

import io.shoal.planner.errors.ShoalException;
import io.shoal.planner.client.SiteClient;
import io.shoal.protocol.Json;
import io.shoal.protocol.PolicySummary;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.SqlStates;
import io.shoal.protocol.StreamMetadata;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.linq4j.Enumerator;

/**
 * One fragment's request to one site: a producer (on the scatter executor) that reads Arrow
 * batches, converts them to rows and hands them over through a small bounded queue, so memory
 * stays at a few batches however large the result.
 */
final class Fetch {
  private static final Object END = new Object();
  /** Batches read ahead of the consumer. */
  private static final int PREFETCH = 4;
  /** A producer whose consumer never comes gives up after this long. */
  private static final long ABANDON_MILLIS = 10 * 60 * 1000;

  private final Scatter scatter;
  private final String site;
  private final String sql;
  private final String[] types;
  private final boolean scalar;
  private final QueryRun query;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(PREFETCH);
  private final AtomicBoolean started = new AtomicBoolean();
  /**
   * The scatter pool took the task: its thread runs it, however late. Only an unqueued fetch gets a
   * thread of its own when its rows are wanted (a queued one that lost the race to the consumer
   * made a new thread per fragment: 40% of the warm COUNT(*) runs did).
   */
  private volatile boolean queued;
  private volatile boolean closed;
  private volatile FlightStream stream;
  /** Set by {@link #begin}: when the request went out, its client and its stream. */
  private volatile long startNanos;
  private volatile SiteClient client;
  private volatile FlightStream opened;
  /** The bare LIMIT this fetch reads under (null: all rows are wanted). */
  private final LimitGroup limit;
  /** The LIMIT above has the rows it needs: stop reading, the rows taken so far are the result. */
  private volatile boolean enough;

  Fetch(Scatter scatter, String site, String sql, String[] types, boolean scalar,
      QueryRun query, LimitGroup limit) {
    this.scatter = scatter;
    this.site = site;
    this.sql = sql;
    this.types = types;
    this.scalar = scalar;
    this.query = query;
    this.limit = limit;
    query.fetches.add(this);
    if (limit != null) {
      limit.join(this);
    }
  }

  /**
   * The rows of this fetch's LIMIT group have arrived: the stream stops after the batch in hand
   * (a fetch waiting for its site's next batch stops at once), and the consumer gets the end.
   */
  void enough() {
    enough = true;
    FlightStream s = stream;
    if (s != null) {
      try {
        s.cancel("the LIMIT has its rows", null);
      } catch (RuntimeException ignored) {
        // The stream may have finished meanwhile.
      }
    }
  }

  /** Hands the fetch to {@code executor}; false when it refused (full), see {@link #enumerator}. */
  boolean submit(java.util.concurrent.Executor executor) {
    queued = true;
    try {
      executor.execute(this::runIfNotStarted);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      queued = false;
      return false;
    }
  }

  void runIfNotStarted() {
    if (started.compareAndSet(false, true)) {
      produce();
    }
  }

  /**
   * Sends the request now, on the caller's thread: a DoGet call only starts here (gRPC sends it from
   * its network thread), so the site starts working without waiting for a scatter thread to wake;
   * the producer then reads the stream. Failures are left to the producer, which reports them.
   */
  void begin() {
    startNanos = System.nanoTime();
    try {
      SiteClient c = scatter.client(site);
      client = c;
      // One round trip: Shoal sites take a statement ticket built from the SQL itself.
      FlightStream s = c.stream(SiteClient.statementTicket(sql), query.queryId);
      opened = s;
      stream = s;
    } catch (SQLException | RuntimeException e) {
      // produce() opens the stream itself and reports the error the usual way.
    }
  }

  /** Undoes {@link #begin} for a fetch the pool refused: it starts when its rows are wanted. */
  void unbegin() {
    FlightStream s = opened;
    opened = null;
    stream = null;
    client = null;
    startNanos = 0;
    if (s != null) {
      try {
        s.cancel("not started yet", null);
        s.close();
      } catch (Exception ignored) {
        // Nothing was read from it; the site sees a cancelled call.
      }
    }
  }

  private void produce() {
    boolean begun = startNanos != 0;
    long t0 = begun ? startNanos : System.nanoTime();
    boolean streaming = false;
    long rows = 0;
    SiteClient client = this.client;
    FlightStream pre = opened;
    opened = null;
    query.record.fragmentStarted(site);
    try {
      if (enough) {
        // The LIMIT had its rows before this one was sent: the site never runs it.
        if (pre != null) {
          try {
            pre.cancel("the LIMIT has its rows", null);
            pre.close();
          } catch (Exception ignored) {
            // Nothing was read from it; the site sees a cancelled call.
          }
        }
        ended(t0, LIMIT_REACHED);
        put(END);
        return;
      }
      if (client == null) {
        client = scatter.client(site);
      }
      for (Ticket ticket : List.of(SiteClient.statementTicket(sql))) {
        try (FlightStream s = pre != null ? pre : client.stream(ticket, query.queryId)) {
          stream = s;
          if (enough) {
            s.cancel("the LIMIT has its rows", null); // enough() ran before the stream was set
          }
          boolean first = true;
          while (!closed && !enough && s.next()) {
            streaming = true;
            VectorSchemaRoot root = s.getRoot();
            if (first) {
              readMetadata(s);
              first = false;
            }
            rows += root.getRowCount();
            long bytes = bytes(root);
            query.record.batch(site, root.getRowCount(), bytes);
            if (limit != null) {
              limit.arrived(root.getRowCount());
            }
            Batch batch = new Batch(ArrowRows.convert(root, types, scalar), bytes);
            if (!put(batch)) {
              s.cancel("consumer gone", null);
              ended(t0, "cancelled");
              return;
            }
          }
          if (closed) {
            s.cancel("query closed", null);
            ended(t0, "cancelled");
            return;
          }
          if (enough) {
            s.cancel("the LIMIT has its rows", null);
          }
        }
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      if (!enough) {
        scatter.recordLatency(site, ms, "up");
      }
      ended(t0, enough ? LIMIT_REACHED : "ok");
      put(END);
    } catch (SQLException e) {
      fail(new ShoalException(e.getSQLState(), site, e.getMessage(), e), t0, rows);
    } catch (FlightRuntimeException e) {
      if (enough && !closed) {
        // Our own cancel, because the LIMIT has its rows: the rows taken so far are the result.
        ended(t0, LIMIT_REACHED);
        try {
          put(END);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      SQLException sqle = client == null
          ? new SQLException(e.getMessage(), SqlStates.SITE_UNREACHABLE, e)
          : client.error(e, streaming);
      fail(new ShoalException(sqle.getSQLState(), site, sqle.getMessage(), sqle), t0, rows);
    } catch (ShoalException e) {
      fail(e, t0, rows);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(new ShoalException(SqlStates.CANCELLED, site, "fragment at site " + site
          + " was interrupted", e), t0, rows);
    } catch (Exception e) {
      fail(new ShoalException(SqlStates.INTERNAL_ERROR, site,
          "reading the result of site " + site + " failed: " + e, e), t0, rows);
    } finally {
      stream = null;
    }
  }

  /** Arrow buffer bytes of a batch: the same sum the site writes into its audit log. */
  static long bytes(VectorSchemaRoot root) {
    long n = 0;
    for (FieldVector v : root.getFieldVectors()) {
      n += v.getBufferSize();
    }
    return n;
  }

  /** The site's policy outcome rides on the first batch (StreamMetadata as JSON). */
  private void readMetadata(FlightStream s) {
    ArrowBuf buf = s.getLatestMetadata();
    if (buf == null || buf.readableBytes() == 0) {
      return;
    }
    byte[] body = new byte[(int) buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), body);
    StreamMetadata md;
    try {
      md = Json.fromBytes(body, StreamMetadata.class);
    } catch (RuntimeException e) {
      return; // not ours (a plain Flight SQL server's metadata): nothing to report
    }
    if (md.storeBytes() > 0) query.record.storeBytes(site, md.storeBytes());
    if ("private".equals(md.decision())) {
      warnPrivate(md);
      return;
    }
    if (md.suppressedGroups() > 0) {
      query.record.suppressed(site, md.suppressedGroups());
      SiteInfo info = scatter.siteInfo(site);
      String region = info == null || info.region() == null ? "" : " (" + info.region() + ")";
      PolicySummary policy = info == null ? null : info.policy();
      String size = policy == null ? "the minimum group size"
          : policy.minGroupSize() + (policy.minGroupSize() == 1 ? " row" : " rows");
      long n = md.suppressedGroups();
      query.record.warn(new SQLWarning("site " + site + region + " suppressed " + n
          + (n == 1 ? " group" : " groups") + " smaller than " + size
          + " (residency policy); the result leaves them out", SUPPRESSED_STATE));
    }
  }

  /**
   * A site answered from a private table: the answer carries that site's noise. The warning says so,
   * with the epsilon it spent; the README tells how to read the noise's 95% interval.
   */
  private void warnPrivate(StreamMetadata md) {
    SiteInfo info = scatter.siteInfo(site);
    String region = info == null || info.region() == null ? "" : " (" + info.region() + ")";
    if (md.suppressedGroups() > 0) query.record.suppressed(site, md.suppressedGroups());
    String epsilon = md.epsilon() == null ? "?" : md.epsilon().stripTrailingZeros().toPlainString();
    long n = md.suppressedGroups();
    query.record.warn(new SQLWarning("differentially private answer: site " + site + region + " added noise for table "
        + md.privateTable() + " and spent epsilon " + epsilon + " of the caller's budget, split over " + md.figures()
        + " noisy figures"
        + (n > 0 ? "; partition selection held back " + n + (n == 1 ? " group" : " groups") : ""), PRIVATE_STATE));
  }

  /** SQLWarning state of a differentially private answer (class 01, warning; subclass ours). */
  static final String PRIVATE_STATE = "01SP1";

  /** One converted batch and the Arrow bytes it came in (what a replay buffer counts). */
  private record Batch(List<Object> rows, long bytes) {}

  /**
   * Sees every batch the consumer takes, and the end: how a fetch shared by two consumers of one
   * query keeps its rows for the second one (see {@link SharedFragment}).
   */
  interface Sink {
    void batch(List<Object> rows, long bytes);

    /** The consumer took the end of the stream (all rows, or all a partial result has). */
    void end();
  }

  /** A fragment's status in shoal.queries when it stopped because the LIMIT above had its rows. */
  static final String LIMIT_REACHED = "ok: stopped at the LIMIT";

  /** SQLState of the suppressed-groups warning: 01000, a general warning. */
  static final String SUPPRESSED_STATE = "01000";

  private void ended(long t0, String status) {
    query.record.fragmentEnded(site, (System.nanoTime() - t0) / 1_000_000, status);
  }

  private void fail(ShoalException e, long t0, long rows) {
    ended(t0, "error: " + e.getMessage());
    if (e.sqlState().startsWith("08")) {
      scatter.recordLatency(site, -1, "down: " + e.getMessage());
      if (scatter.partialResults()) {
        // The user asked for what the other sites have: skip this one and say so.
        String what = rows == 0 ? "; the result is without its rows"
            : " after " + rows + " rows; the result has only those of its rows";
        query.record.warn(new SQLWarning("partial result: " + e.getMessage() + what,
            e.sqlState()));
        try {
          put(END);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
        return;
      }
    }
    query.failure.compareAndSet(null, e);
    queue.clear();
    queue.offer(e);
  }

  /** False when the consumer is gone (closed, or never came). */
  private boolean put(Object item) throws InterruptedException {
    long deadline = System.currentTimeMillis() + ABANDON_MILLIS;
    while (!closed) {
      if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
        return true;
      }
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
    }
    return false;
  }

  Enumerator<Object> enumerator() {
    return enumerator(null);
  }

  /** The query ended without reading this fetch: stop its producer and the site's stream. */
  void discard() {
    closed = true;
    FlightStream s = stream;
    if (s != null) {
      try {
        s.cancel("query ended before reading it", null);
      } catch (RuntimeException ignored) {
        // The stream may have finished meanwhile.
      }
    }
    queue.clear();
  }

  /** The rows; {@code sink}, when not null, sees each batch as the consumer takes it. */
  Enumerator<Object> enumerator(Sink sink) {
    if (!queued && started.compareAndSet(false, true)) {
      // Not taken by the pool (it was full): run on a thread of our own rather than wait.
      Thread t = new Thread(this::produce, "shoal-fetch-" + site);
      t.setDaemon(true);
      t.start();
    }
    return new Enumerator<>() {
      private List<Object> batch = List.of();
      private int index = -1;
      private Object current;
      private boolean done;

      @Override
      public Object current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        while (!done) {
          if (index + 1 < batch.size()) {
            current = batch.get(++index);
            return true;
          }
          Object item = take();
          if (item == END) {
            done = true;
            if (sink != null) {
              sink.end();
            }
            return false;
          }
          if (item instanceof RuntimeException) {
            done = true;
            throw (RuntimeException) item;
          }
          Batch b = (Batch) item;
          batch = b.rows();
          index = -1;
          if (sink != null) {
            sink.batch(b.rows(), b.bytes());
          }
        }
        return false;
      }

      private Object take() {
        try {
          while (true) {
            RuntimeException other = query.failure.get();
            if (other != null) {
              // Another site of this query failed: fail now rather than after our rows.
              throw other;
            }
            if (query.cancel != null && query.cancel.get()) {
              query.stopAll();
              close();
              throw new ShoalException(SqlStates.CANCELLED, "query cancelled");
            }
            Object item = queue.poll(100, TimeUnit.MILLISECONDS);
            if (item != null) {
              return item;
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ShoalException(SqlStates.CANCELLED, "interrupted while reading site " + site);
        }
      }

      @Override
      public void reset() {
        throw new UnsupportedOperationException("a site's rows cannot be re-read in place");
      }

      @Override
      public void close() {
        closed = true;
        FlightStream s = stream;
        if (s != null) {
          try {
            s.cancel("query closed", null);
          } catch (RuntimeException ignored) {
            // The stream may have finished meanwhile.
          }
        }
        queue.clear();
      }
    };
  }
}

package io.shoal.planner.exec;

import io.shoal.planner.errors.ShoalException;
import io.shoal.protocol.SqlStates;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/**
 * One fragment (same site, same bound SQL, same row format) within one query execution, however
 * many times the plan uses it: TPC-H Q15 reads its {@code revenue0} view twice, and without this
 * each site would run the same aggregation twice and send its result twice.
 *
 * <p>The first user to enumerate streams from the site as any fragment does. Only when the plan
 * uses the fragment more than once are its batches kept, up to {@link #REPLAY_LIMIT_BYTES} of
 * Arrow buffers, and replayed to the later users once the first one has read the end. A later user
 * that starts before that (a consumer interleaved with the first on the one enumerating thread:
 * waiting for it could never end), or after the kept rows outgrew the limit or the first user
 * stopped early, fetches on its own: correctness first, one more fetch at worst. So a fragment used
 * once is never buffered, and no user ever waits for another.
 */
final class SharedFragment {
  /** Kept Arrow bytes past which a second user fetches again rather than replays. */
  static final long REPLAY_LIMIT_BYTES = 64L << 20;
  /** Kept Arrow bytes of a spooled fragment past which the query fails (see QueryRun). */
  static final long SPOOL_LIMIT_BYTES = 128L << 20;

  private final QueryRun query;
  private final String site;
  /** Sends the fragment (now) and returns its fetch. */
  private final Supplier<Fetch> starter;
  private final long limit;
  /** How many places of the plan run the fragment (counted when the plan was implemented). */
  private final int users;
  /** Read again per outer row of a nested loop: fetched once, kept for the whole execution. */
  private final boolean spool;
  private final long spoolLimit;
  /** A spooled fragment's rows, once read to the end. */
  private List<List<Object>> spooled;
  private int opened;
  /** Begun at bind by the first user, so fragments start concurrently; the first reader takes it. */
  private Fetch pending;
  /** The first reader's batches, kept when there are several users. */
  private Replay replay;

  SharedFragment(QueryRun query, String site, int users, boolean spool, LimitGroup startWhenRead,
      Supplier<Fetch> starter, long limit, long spoolLimit) {
    this.query = query;
    this.startWhenRead = startWhenRead;
    this.users = users;
    this.spool = spool;
    this.spoolLimit = spoolLimit;
    this.site = site;
    this.starter = starter;
    this.limit = limit;
  }

  /**
   * Non-null for a fragment under a bare LIMIT after the first of its siblings (see {@link
   * QueryRun#fragment}): sent only when its rows are first wanted, not at bind, and not at all if
   * that LIMIT has its rows by then (linq4j's take reads one row past the LIMIT).
   */
  private final LimitGroup startWhenRead;

  /** Whether the fetch was started at bind (by {@link #prestart} or the first {@link #register}). */
  private boolean begun;

  /** One more place in the plan asks for this fragment; the first one starts the fetch. */
  synchronized void register() {
    begin();
  }

  /**
   * Starts the fetch before any place of the plan asks for it: the plan runs every fragment, and
   * an aggregate that Calcite computes while binding (linq4j's groupBy reads its input at once)
   * would otherwise hold back the fragments bound after it (TPC-H Q17's two phases).
   */
  synchronized void prestart() {
    begin();
  }

  private void begin() {
    if (!begun && startWhenRead == null) {
      begun = true;
      pending = starter.get();
    }
  }

  /** The query ended: a fetch nobody took (a branch the plan never read) stops now. */
  void abandon() {
    Fetch f;
    synchronized (this) {
      f = pending;
      pending = null;
    }
    if (f != null) {
      f.discard();
    }
  }

  Enumerator<Object> enumerator() {
    if (startWhenRead != null && startWhenRead.reached()) {
      return Linq4j.emptyEnumerator();
    }
    if (spool) {
      return new Spooled();
    }
    Fetch f;
    Replay keep = null;
    synchronized (this) {
      opened++;
      List<List<Object>> kept = keptRows();
      if (kept != null) {
        return replay(kept);
      }
      if (pending != null) {
        f = pending;
        pending = null;
        if (users > 1 && replay == null) {
          replay = new Replay(limit);
          keep = replay;
        }
      } else if (replay != null) {
        // The first reader is still reading: decide when our rows are first wanted.
        return new Later();
      } else {
        f = starter.get();
      }
    }
    return f.enumerator(keep);
  }

  /** The kept rows if complete, releasing them once every user has had them. Holds the lock. */
  private List<List<Object>> keptRows() {
    if (replay == null) {
      return null;
    }
    List<List<Object>> kept = replay.rows();
    if (kept != null && opened >= users) {
      replay = null; // the last user: nobody else needs them kept
    }
    return kept;
  }

  private void check() {
    RuntimeException failure = query.failure.get();
    if (failure != null) {
      throw failure;
    }
    if (query.cancel != null && query.cancel.get()) {
      throw new ShoalException(SqlStates.CANCELLED, "query cancelled");
    }
  }

  private Enumerator<Object> replay(List<List<Object>> batches) {
    return new Enumerator<>() {
      private int next;
      private List<Object> batch = List.of();
      private int index = -1;
      private Object current;

      @Override
      public Object current() {
        return current;
      }

      @Override
      public boolean moveNext() {
        while (true) {
          if (index + 1 < batch.size()) {
            current = batch.get(++index);
            return true;
          }
          if (next >= batches.size()) {
            return false;
          }
          check();
          batch = batches.get(next++);
          index = -1;
        }
      }

      @Override
      public void reset() {
        next = 0;
        batch = List.of();
        index = -1;
      }

      @Override
      public void close() {}
    };
  }

  /**
   * The rows of a spooled fragment: the first enumeration reads the fetch to the end and keeps it
   * (a nested-loop join stops its inner side at the first match of a semi join, so keeping only
   * what the first reader read would not do); every enumeration replays the kept rows.
   */
  private final class Spooled implements Enumerator<Object> {
    private Enumerator<Object> rows;

    @Override
    public Object current() {
      return rows.current();
    }

    @Override
    public boolean moveNext() {
      if (rows == null) {
        rows = replay(spooledRows());
      }
      return rows.moveNext();
    }

    @Override
    public void reset() {
      rows = null;
    }

    @Override
    public void close() {}
  }

  private synchronized List<List<Object>> spooledRows() {
    if (spooled == null) {
      check();
      Fetch f = pending != null ? pending : starter.get();
      pending = null;
      Replay keep = new Replay(spoolLimit);
      Enumerator<Object> e = f.enumerator(keep);
      try {
        while (e.moveNext()) {
          // every row goes into keep
        }
      } finally {
        e.close();
      }
      List<List<Object>> rows = keep.rows();
      if (rows == null) {
        throw new ShoalException(SqlStates.LIMIT_EXCEEDED, site, "the coordinator reads site "
            + site + "'s fragment once per outer row of a join without an equality condition and"
            + " would keep more than " + (spoolLimit >> 20) + " MB of its rows; add an equality"
            + " condition to the join, filter that side, or raise -D"
            + QueryRun.SPOOL_LIMIT_PROPERTY, null);
      }
      spooled = rows;
    }
    return spooled;
  }

  /** A later user's rows: replayed if the first reader has finished by then, else fetched anew. */
  private final class Later implements Enumerator<Object> {
    private Enumerator<Object> delegate;
    private boolean closed;

    private Enumerator<Object> delegate() {
      if (delegate == null) {
        check();
        List<List<Object>> kept;
        synchronized (SharedFragment.this) {
          kept = keptRows();
        }
        delegate = kept != null ? replay(kept) : starter.get().enumerator();
      }
      return delegate;
    }

    @Override
    public Object current() {
      return delegate().current();
    }

    @Override
    public boolean moveNext() {
      if (closed) {
        return false;
      }
      return delegate().moveNext();
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a site's rows cannot be re-read in place");
    }

    @Override
    public void close() {
      closed = true;
      if (delegate != null) {
        delegate.close();
      }
    }
  }

  /** The batches the first reader took, while they stay under the limit. */
  static final class Replay implements Fetch.Sink {
    private final long limit;
    private List<List<Object>> batches = new ArrayList<>();
    private long bytes;
    private boolean complete;

    Replay(long limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void batch(List<Object> rows, long n) {
      if (batches == null) {
        return;
      }
      bytes += n;
      if (bytes > limit) {
        batches = null; // too big to keep: later users fetch on their own
        return;
      }
      batches.add(rows);
    }

    @Override
    public synchronized void end() {
      complete = batches != null;
    }

    /** All rows, or null while the first reader has not read the end or they outgrew the limit. */
    synchronized List<List<Object>> rows() {
      return complete ? batches : null;
    }
  }

  @Override
  public String toString() {
    return "fragment at site " + site;
  }
}

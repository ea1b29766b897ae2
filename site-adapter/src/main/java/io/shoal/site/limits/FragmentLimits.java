package io.shoal.site.limits;

import io.shoal.protocol.SqlStates;
import io.shoal.site.SiteException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A site's limits at run time: admits running fragments under the site's and the principal's
 * concurrency limits, and stops a fragment that runs longer than its wall time by interrupting its
 * DuckDB work. It also knows every running fragment, so that a stopping site can interrupt them all.
 */
public final class FragmentLimits implements AutoCloseable {
  private final String site;
  private final SiteLimits limits;
  private final ScheduledExecutorService timers;
  private final Map<String, Integer> perPrincipal = new HashMap<>();
  private final Set<Watch> active = ConcurrentHashMap.newKeySet();
  private int running;
  private volatile boolean stopping;

  public FragmentLimits(String site, SiteLimits limits) {
    this.site = site;
    this.limits = limits;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "shoal-" + site + "-watchdog");
              t.setDaemon(true);
              return t;
            });
  }

  public SiteLimits limits() {
    return limits;
  }

  /** Refuses a fragment text over {@code max-sql-size}, before anything parses it (54001). */
  public void checkSql(String sql) throws LimitExceeded {
    if (sql == null) return;
    long max = limits.maxSqlBytes();
    // A char is 1 to 3 UTF-8 bytes: count bytes only when the length alone cannot decide.
    if ((long) sql.length() * 3 <= max) return;
    long bytes = sql.length() > max ? sql.length() : sql.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > max) {
      throw new LimitExceeded(
          SiteLimits.MAX_SQL_SIZE, SqlStates.TOO_COMPLEX,
          "statement too large for site " + site + ": " + bytes + " bytes, over the site's limit "
              + SiteLimits.MAX_SQL_SIZE + " of " + max + " bytes; send a smaller statement");
    }
  }

  /**
   * Admits one running fragment for {@code principal}, or refuses it (53000) when the site or the
   * principal already runs as many as allowed. The returned watch stops the fragment through
   * {@code stop} when its wall time is over; closing it gives the place back.
   */
  public Watch admit(String principal, Consumer<SiteException> stop) throws LimitExceeded {
    String who = principal == null ? "anonymous" : principal;
    synchronized (this) {
      if (stopping) {
        throw new LimitExceeded(
            SiteLimits.MAX_FRAGMENTS, SqlStates.INSUFFICIENT_RESOURCES, "site " + site + " is stopping");
      }
      if (running >= limits.maxFragments()) {
        throw new LimitExceeded(
            SiteLimits.MAX_FRAGMENTS, SqlStates.INSUFFICIENT_RESOURCES,
            "site " + site + " is running " + running + " fragments, its limit " + SiteLimits.MAX_FRAGMENTS
                + "; retry later");
      }
      int mine = perPrincipal.getOrDefault(who, 0);
      if (mine >= limits.maxFragmentsPerPrincipal()) {
        throw new LimitExceeded(
            SiteLimits.MAX_FRAGMENTS_PER_PRINCIPAL, SqlStates.INSUFFICIENT_RESOURCES,
            "site " + site + " is running " + mine + " fragments for " + who + ", its limit "
                + SiteLimits.MAX_FRAGMENTS_PER_PRINCIPAL + "; close finished statements or retry later");
      }
      running++;
      perPrincipal.put(who, mine + 1);
    }
    return watch(who, stop, true);
  }

  /** Only the wall time, for DuckDB work outside a run (a schema probe); no place is taken. */
  public Watch watch(Consumer<SiteException> stop) {
    return watch(null, stop, false);
  }

  private Watch watch(String principal, Consumer<SiteException> stop, boolean counted) {
    Watch w = new Watch(principal, stop, counted);
    active.add(w);
    long ms = limits.fragmentWallTime().toMillis();
    try {
      w.timer = timers.schedule(() -> w.stop(overWallTime()), ms, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      // the site is closing: stopAll interrupts what still runs
    }
    if (stopping) w.stop(stoppingSite());
    return w;
  }

  private LimitExceeded overWallTime() {
    return new LimitExceeded(
        SiteLimits.FRAGMENT_WALL_TIME, SqlStates.LIMIT_EXCEEDED,
        "fragment stopped by site " + site + " after its limit " + SiteLimits.FRAGMENT_WALL_TIME + " of "
            + human(limits.fragmentWallTime()) + "; make the query cheaper (filter, aggregate, LIMIT)");
  }

  private SiteException stoppingSite() {
    return new SiteException(SiteException.Kind.CANCELLED, "site " + site + " is stopping: the fragment was interrupted");
  }

  static String human(java.time.Duration d) {
    long ms = d.toMillis();
    if (ms % 60_000 == 0) return ms / 60_000 + " min";
    if (ms % 1000 == 0) return ms / 1000 + " s";
    return ms + " ms";
  }

  /** Fragments running now (admitted and not yet closed). */
  public synchronized int running() {
    return running;
  }

  /** Interrupts every running fragment and admits no new one: the site is stopping. */
  public void stopAll() {
    stopping = true;
    for (Watch w : active) w.stop(stoppingSite());
  }

  @Override
  public void close() {
    stopAll();
    timers.shutdownNow();
  }

  /** One fragment under watch; close it when the fragment's DuckDB work has ended. */
  public final class Watch implements AutoCloseable {
    private final String principal;
    private final Consumer<SiteException> stop;
    private final boolean counted;
    private volatile ScheduledFuture<?> timer;
    private volatile SiteException stopped;
    private boolean closed;

    private Watch(String principal, Consumer<SiteException> stop, boolean counted) {
      this.principal = principal;
      this.stop = stop;
      this.counted = counted;
    }

    /** Why the site stopped this fragment, or null. */
    public SiteException stopped() {
      return stopped;
    }

    void stop(SiteException why) {
      synchronized (this) {
        if (closed || stopped != null) return;
        stopped = why;
      }
      stop.accept(why);
    }

    @Override
    public void close() {
      synchronized (this) {
        if (closed) return;
        closed = true;
      }
      ScheduledFuture<?> t = timer;
      if (t != null) t.cancel(false);
      active.remove(this);
      if (!counted) return;
      synchronized (FragmentLimits.this) {
        running--;
        perPrincipal.computeIfPresent(principal, (k, n) -> n <= 1 ? null : n - 1);
      }
    }
  }
}

package io.shoal.planner.system;

import java.sql.SQLWarning;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One federated query as the coordinator saw it: its text, outcome, and per site the rows and
 * Arrow bytes received (counted like the site's audit log counts them), and the warnings it raised.
 * Written by the scatter threads and read by {@code shoal.queries} and the JDBC wrappers, so every
 * method is synchronized.
 */
public final class QueryRecord {
  private final String queryId = UUID.randomUUID().toString();
  private final String sql;
  private final String principal;
  private final Instant started = Instant.now();
  private final long startNanos = System.nanoTime();
  private final Map<String, SiteStats> sites = new LinkedHashMap<>();
  private final List<SQLWarning> warnings = new ArrayList<>();
  private String status = "running";
  private long millis = -1;

  /** Per site: what came back for this query (all its fragments at that site). */
  public static final class SiteStats {
    long rows;
    long bytes;
    long millis;
    long fragments;
    long suppressedGroups;
    /** Bytes the site fetched from object storage for this query (its file cache's misses). */
    long storeBytes;
    String status = "running";
  }

  public QueryRecord(String sql, String principal) {
    this.sql = shortened(sql);
    this.principal = principal;
  }

  /** Characters of a statement the log keeps: 1000 records of 20 MB texts would be 20 GB. */
  static final int MAX_SQL_CHARS = 4096;

  static String shortened(String sql) {
    if (sql == null || sql.length() <= MAX_SQL_CHARS) return sql;
    return sql.substring(0, MAX_SQL_CHARS) + "... (" + sql.length() + " characters)";
  }

  public String queryId() {
    return queryId;
  }

  public String sql() {
    return sql;
  }

  public synchronized void fragmentStarted(String site) {
    SiteStats s = sites.computeIfAbsent(site, k -> new SiteStats());
    s.fragments++;
    s.status = "running";
  }

  public synchronized void batch(String site, long rows, long bytes) {
    SiteStats s = sites.computeIfAbsent(site, k -> new SiteStats());
    s.rows += rows;
    s.bytes += bytes;
  }

  public synchronized void fragmentEnded(String site, long millis, String status) {
    SiteStats s = sites.computeIfAbsent(site, k -> new SiteStats());
    s.millis += millis;
    // Several fragments at one site: a failure sticks.
    if (s.status.equals("running") || s.status.equals("ok")) {
      s.status = status;
    }
  }

  public synchronized void suppressed(String site, long groups) {
    sites.computeIfAbsent(site, k -> new SiteStats()).suppressedGroups += groups;
  }

  public synchronized void storeBytes(String site, long bytes) {
    sites.computeIfAbsent(site, k -> new SiteStats()).storeBytes += bytes;
  }

  public synchronized void warn(SQLWarning w) {
    for (SQLWarning old : warnings) {
      if (old.getMessage().equals(w.getMessage())) {
        return;
      }
    }
    warnings.add(w);
  }

  /** A fresh chain of this query's warnings (JDBC callers may append to what they get), or null. */
  public synchronized SQLWarning warnings() {
    SQLWarning head = null;
    SQLWarning tail = null;
    for (SQLWarning w : warnings) {
      SQLWarning copy = new SQLWarning(w.getMessage(), w.getSQLState(), w.getErrorCode());
      if (head == null) {
        head = copy;
      } else {
        tail.setNextWarning(copy);
      }
      tail = copy;
    }
    return head;
  }

  /** The query ended: {@code ok}, {@code error: ...} or {@code cancelled}. First call wins. */
  public void finish(String status) {
    List<Runnable> hooks;
    synchronized (this) {
      if (millis >= 0) return;
      this.millis = (System.nanoTime() - startNanos) / 1_000_000;
      this.status = status;
      hooks = new ArrayList<>(onFinish);
      onFinish.clear();
    }
    for (Runnable r : hooks) r.run();
  }

  /** Runs {@code hook} when the query ends (now, if it has). */
  public void onFinish(Runnable hook) {
    synchronized (this) {
      if (millis < 0) {
        onFinish.add(hook);
        return;
      }
    }
    hook.run();
  }

  private final List<Runnable> onFinish = new ArrayList<>();

  public synchronized boolean finished() {
    return millis >= 0;
  }

  /** Rows of {@code shoal.queries}: one per site that was asked, or one with a null site. */
  public synchronized List<Object[]> rows() {
    List<Object[]> out = new ArrayList<>();
    long elapsed = millis >= 0 ? millis : (System.nanoTime() - startNanos) / 1_000_000;
    java.sql.Timestamp ts = java.sql.Timestamp.from(started);
    // Calcite's enumerable runtime represents TIMESTAMP as epoch millis (long).
    long startedMillis = ts.getTime();
    if (sites.isEmpty()) {
      out.add(new Object[] {queryId, sql, principal, startedMillis, elapsed, status,
          null, null, null, null, null, null, null, null});
    }
    for (Map.Entry<String, SiteStats> e : sites.entrySet()) {
      SiteStats s = e.getValue();
      out.add(new Object[] {queryId, sql, principal, startedMillis, elapsed, status,
          e.getKey(), s.rows, s.bytes, s.millis, s.suppressedGroups, s.status, s.storeBytes, s.fragments});
    }
    return out;
  }

  /** Rows and bytes received from one site so far (for tests and benchmarks). */
  public synchronized long[] received(String site) {
    SiteStats s = sites.get(site);
    return s == null ? new long[] {0, 0} : new long[] {s.rows, s.bytes};
  }
}

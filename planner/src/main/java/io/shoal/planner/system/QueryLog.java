package io.shoal.planner.system;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The coordinator's recent queries, newest last, shared by every connection of this JVM (a
 * coordinator server serves many connections; its operator wants to see all of them). Bounded: the
 * oldest record goes when a new one comes past {@link #CAPACITY}.
 */
public final class QueryLog {
  public static final int CAPACITY = 1000;
  private static final Deque<QueryRecord> RECENT = new ArrayDeque<>();

  private QueryLog() {}

  public static QueryRecord start(String sql, String principal) {
    QueryRecord r = new QueryRecord(sql, principal);
    synchronized (RECENT) {
      RECENT.addLast(r);
      while (RECENT.size() > CAPACITY) {
        RECENT.removeFirst();
      }
    }
    return r;
  }

  public static List<QueryRecord> recent() {
    synchronized (RECENT) {
      return new ArrayList<>(RECENT);
    }
  }

  /** The record of a query id, or null when it has left the log. */
  public static QueryRecord find(String queryId) {
    synchronized (RECENT) {
      for (QueryRecord r : RECENT) {
        if (r.queryId().equals(queryId)) {
          return r;
        }
      }
    }
    return null;
  }
}

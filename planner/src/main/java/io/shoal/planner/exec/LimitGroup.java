package io.shoal.planner.exec;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution's count of the rows that arrived under a {@link RowBudget}: when they reach it,
 * every fetch of the group stops reading and cancels its site's stream. The rows that arrived stay
 * with their consumers, so the LIMIT above still finds all the rows it needs.
 */
final class LimitGroup {
  private final long budget;
  private final AtomicLong arrived = new AtomicLong();
  private final Set<Fetch> fetches = ConcurrentHashMap.newKeySet();
  private volatile boolean reached;

  LimitGroup(RowBudget budget) {
    this.budget = budget.rows();
  }

  /** A fetch of the group; one that joins after the budget was reached stops at once. */
  void join(Fetch f) {
    fetches.add(f);
    if (reached) {
      f.enough();
    }
  }

  /** {@code n} more rows arrived: the call that reaches the budget stops every fetch. */
  void arrived(long n) {
    if (arrived.addAndGet(n) >= budget && !reached) {
      reached = true;
      fetches.forEach(Fetch::enough);
    }
  }

  boolean reached() {
    return reached;
  }
}

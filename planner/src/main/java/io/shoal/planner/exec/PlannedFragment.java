package io.shoal.planner.exec;

/**
 * One fragment as the plan describes it: the site, its SQL (with {@code ?} for the dynamic
 * parameters {@code params}, of types {@code paramTypes}), the result's type codes and row format,
 * and {@code users[0]}, how many places of the plan run it (counted while the plan is implemented,
 * so an array the record shares with the implementor); {@code budget}, the rows a bare LIMIT above
 * needs from this fragment and its siblings (null: all), and {@code spool[0]}, whether some place
 * of the plan enumerates it again per outer row (a nested-loop join's inner side), so its rows are
 * kept for the whole execution.
 */
public record PlannedFragment(
    String site, String sql, String[] types, int[] params, String[] paramTypes, boolean scalar,
    int[] users, RowBudget budget, boolean[] spool) {

  boolean spooled() {
    return spool.length > 0 && spool[0];
  }

  int userCount() {
    return users.length == 0 ? 1 : Math.max(1, users[0]);
  }
}

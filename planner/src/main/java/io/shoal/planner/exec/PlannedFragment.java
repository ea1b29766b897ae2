package io.shoal.planner.exec;

/**
 * One fragment as the plan describes it: the site, its SQL (with {@code ?} for the dynamic
 * parameters {@code params}, of types {@code paramTypes}), the result's type codes and row format,
 * and {@code users[0]}, how many places of the plan run it (counted while the plan is implemented,
 * so an array the record shares with the implementor).
 */
public record PlannedFragment(
    String site, String sql, String[] types, int[] params, String[] paramTypes, boolean scalar,
    int[] users) {

  int userCount() {
    return users.length == 0 ? 1 : Math.max(1, users[0]);
  }
}

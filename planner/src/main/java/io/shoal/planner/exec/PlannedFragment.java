package io.shoal.planner.exec;

import java.util.List;

/**
 * One fragment as the plan describes it: the site, its SQL, the result's type codes and row
 * format; {@code users}, how many places of the plan read it (TPC-H Q15 reads its view twice);
 * {@code budget}, the rows a bare LIMIT above needs from this fragment and its siblings (null: all);
 * and {@code spooled}, whether some place of the plan enumerates it again per outer row (a
 * nested-loop join's inner side), so its rows are kept for the whole execution.
 */
public record PlannedFragment(String site, FragmentSql sql, String[] types, boolean scalar,
    int users, RowBudget budget, boolean spooled) {

  /**
   * What makes two places of a plan read the same fetch: site, row format, SQL ({@code sql}: as
   * planned, or bound to an execution's parameters) and the bare LIMIT they read under (by
   * identity: a fragment under a LIMIT's budget is its own fetch, another place needs all rows).
   */
  public record Key(String site, boolean scalar, List<String> types, String sql, RowBudget budget) {}

  public Key key(String sql) {
    return new Key(site, scalar, List.of(types), sql, budget);
  }

  /** The same fragment read from one more place of the plan. */
  public PlannedFragment withOneMoreUser(boolean spooledThere) {
    return new PlannedFragment(site, sql, types, scalar, users + 1, budget, spooled || spooledThere);
  }
}

package io.shoal.site.policy;

import io.shoal.site.privacy.PrivatePlan;
import java.util.List;

/**
 * What the policy check decided for one fragment.
 *
 * @param decision {@code rows} (runs as sent) or {@code aggregates} (runs rewritten, small groups
 *     suppressed)
 * @param sql the SQL to run: the fragment itself, or the rewrite with the group-size threshold
 * @param suppressedCountSql for aggregates: counts the groups the threshold removes, else null
 * @param restricted the aggregates-only tables the fragment reads
 * @param minGroupSize the threshold applied (1 for rows)
 * @param global whether the aggregate has no GROUP BY: its one group suppressed is refused, not
 *     answered (an empty answer would reach a dashboard as COUNT 0)
 * @param privatePlan for {@code private}: how the noisy answer is computed, else null
 */
public record Verdict(
    String decision,
    String sql,
    String suppressedCountSql,
    List<String> restricted,
    int minGroupSize,
    boolean global,
    PrivatePlan privatePlan) {

  public Verdict(String decision, String sql, String suppressedCountSql, List<String> restricted, int minGroupSize, boolean global) {
    this(decision, sql, suppressedCountSql, restricted, minGroupSize, global, null);
  }

  public static Verdict rows(String sql) {
    return new Verdict("rows", sql, null, List.of(), 1, false);
  }

  /** A fragment over a private table: {@code sql} is the fragment itself (its schema); the plan runs. */
  public static Verdict privately(String sql, PrivatePlan plan) {
    return new Verdict("private", sql, null, List.of(plan.table()), 1, false, plan);
  }

  public boolean aggregates() {
    return suppressedCountSql != null;
  }
}

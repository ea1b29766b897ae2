package io.shoal.site.policy;

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
 */
public record Verdict(
    String decision, String sql, String suppressedCountSql, List<String> restricted, int minGroupSize, boolean global) {

  public static Verdict rows(String sql) {
    return new Verdict("rows", sql, null, List.of(), 1, false);
  }

  public boolean aggregates() {
    return suppressedCountSql != null;
  }
}

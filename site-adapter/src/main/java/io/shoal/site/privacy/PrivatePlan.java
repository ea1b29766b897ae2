package io.shoal.site.privacy;

import io.shoal.site.config.PolicyConfig.Budget;
import java.math.BigDecimal;
import java.util.List;

/**
 * How one fragment over an {@code export: private} table is answered: what DuckDB computes with
 * each privacy unit's contribution bounded, what noise each figure gets, and the SQL that turns
 * the noisy figures into the fragment's own result.
 *
 * <p>The fragment runs in two statements on its connection. {@link #groupsSql} fills the TEMP table
 * {@code shoal_dp_groups}: one row per candidate group with the exact bounded {@link #measures}
 * and the number of units in it. The site then draws the noise and writes the released groups'
 * figures to {@code shoal_dp_noisy}; {@link #releaseSql} reads both and has the fragment's result
 * schema.
 *
 * @param table the private table
 * @param epsilon what one run of the fragment spends from the principal's budget
 * @param budget the principal's budget for the table
 * @param measures the exact bounded sums and counts, columns of {@code shoal_dp_groups}
 * @param outputs the noisy values the release reads, columns of {@code shoal_dp_noisy}
 * @param grouped whether the fragment has GROUP BY (its groups then pass partition selection)
 * @param parts how many ways epsilon is split: one per measure, one for partition selection
 * @param maxGroups the most groups one unit counts in
 * @param delta for partition selection; null when the fragment is not grouped
 */
public record PrivatePlan(
    String table,
    BigDecimal epsilon,
    Budget budget,
    String groupsSql,
    List<Measure> measures,
    List<Output> outputs,
    boolean grouped,
    int parts,
    long maxGroups,
    BigDecimal delta,
    String releaseSql) {

  public PrivatePlan {
    measures = List.copyOf(measures);
    outputs = List.copyOf(outputs);
  }

  /**
   * One exact figure of each group, with what adding or removing one privacy unit can change it
   * by.
   *
   * @param column its column in {@code shoal_dp_groups}
   * @param count whether it is a count (an integer, released as BIGINT)
   * @param sensitivity the most one unit changes it (L1 over all its groups)
   * @param granularity the grid the released value lies on: a power of ten (or of two for DOUBLE)
   *     at least the type's resolution
   */
  public record Measure(String column, boolean count, BigDecimal sensitivity, BigDecimal granularity) {}

  /** How an aggregate of the fragment is computed from the noisy measures. */
  public enum Kind {
    COUNT,
    SUM,
    AVG
  }

  /**
   * One noisy value of each released group, for one aggregate call of the fragment.
   *
   * @param column its column in {@code shoal_dp_noisy}
   * @param kind COUNT reads {@code count}, SUM reads {@code sum}, AVG divides them
   * @param sum the index in {@link #measures} of the sum, or -1
   * @param count the index of the count, or -1
   * @param type the DuckDB type the aggregate has in the fragment (the release casts to it)
   * @param lower for AVG: the argument's lower bound (the noisy mean is clamped to the bounds)
   * @param upper for AVG: the upper bound
   */
  public record Output(String column, Kind kind, int sum, int count, String type, BigDecimal lower, BigDecimal upper) {}
}

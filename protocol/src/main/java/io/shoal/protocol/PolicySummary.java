package io.shoal.protocol;

import java.util.List;
import java.util.Map;

/**
 * A site's export policy as seen by the coordinator, so that it can plan within it. The site
 * enforces the policy itself whatever the coordinator does.
 *
 * @param export default for tables: {@code rows}, {@code aggregates}, {@code private} or {@code none}
 * @param minGroupSize smallest number of source rows an exported aggregate group may cover
 * @param tables per-table overrides
 */
public record PolicySummary(String export, int minGroupSize, Map<String, TablePolicy> tables) {

  /**
   * @param export {@code rows}, {@code aggregates}, {@code private} or {@code none}; null inherits
   *     the site default
   * @param deniedColumns columns that may not leave the site in any form
   * @param epsilon for {@code private}: the privacy budget each query that reads the table spends
   */
  public record TablePolicy(String export, List<String> deniedColumns, java.math.BigDecimal epsilon) {
    public TablePolicy(String export, List<String> deniedColumns) {
      this(export, deniedColumns, null);
    }
  }
}

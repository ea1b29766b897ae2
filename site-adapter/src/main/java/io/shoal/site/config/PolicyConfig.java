package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A site's export policy, as written under {@code policy:}. Enforced by the site itself.
 *
 * @param export the default for tables: {@code rows}, {@code aggregates} (default) or {@code none}
 * @param minGroupSize the fewest source rows an exported aggregate group may cover
 * @param tables per-table overrides
 * @param principals per-principal policies that replace this one for that principal (e.g. a
 *     {@code dpo} who may export rows)
 * @param auditReaders principals who may read every line of the audit log; everyone else reads
 *     only the lines of their own fragments
 */
public record PolicyConfig(
    Export export,
    @JsonProperty("min-group-size") Integer minGroupSize,
    Map<String, TablePolicyConfig> tables,
    Map<String, PolicyConfig> principals,
    @JsonProperty("audit-readers") List<String> auditReaders) {

  /** What may leave the site. */
  public enum Export {
    @JsonProperty("rows")
    ROWS,
    @JsonProperty("aggregates")
    AGGREGATES,
    @JsonProperty("none")
    NONE,
    /** Only differentially private aggregates: noisy, with the table's privacy budget spent. */
    @JsonProperty("private")
    PRIVATE;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a column may do; only {@code deny} exists today. */
  public enum ColumnRule {
    @JsonProperty("deny")
    DENY
  }

  /**
   * @param export overrides the site default for this table
   * @param columns column rules, e.g. {@code c_phone: deny}
   * @param identifiers columns that identify a row or person (besides the table's key-domain
   *     columns): under {@code export: aggregates} they are never compared with constants nor
   *     used inside aggregate arguments other than COUNT
   * @param privacyUnit the column whose value is one person: the minimum group size then counts
   *     distinct values of it, not rows; under {@code export: private}, the unit whose
   *     contribution the noise hides
   * @param epsilon {@code export: private}: the privacy loss each query that reads the table spends
   * @param delta {@code export: private}: the probability that partition selection reveals a group
   *     of one person; needed for GROUP BY
   * @param budget {@code export: private}: the epsilon a principal may spend on the table per period
   * @param maxGroupsPerUnit {@code export: private}: the most groups one unit counts in (default 1)
   * @param maxRowsPerUnit {@code export: private}: the most rows one unit counts with in one group
   *     (default 1)
   * @param bounds {@code export: private}: per column, the range each row's value is clamped to in
   *     SUM and AVG arguments
   */
  public record TablePolicyConfig(
      Export export,
      Map<String, ColumnRule> columns,
      List<String> identifiers,
      @JsonProperty("privacy-unit") String privacyUnit,
      BigDecimal epsilon,
      BigDecimal delta,
      Budget budget,
      @JsonProperty("max-groups-per-unit") Integer maxGroupsPerUnit,
      @JsonProperty("max-rows-per-unit") Integer maxRowsPerUnit,
      Map<String, List<BigDecimal>> bounds) {
    public TablePolicyConfig {
      columns = columns == null ? Map.of() : Map.copyOf(columns);
      identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
      bounds = bounds == null ? Map.of() : Map.copyOf(bounds);
    }

    /** A table policy with only the pre-privacy settings (tests and older callers). */
    public TablePolicyConfig(Export export, Map<String, ColumnRule> columns, List<String> identifiers, String privacyUnit) {
      this(export, columns, identifiers, privacyUnit, null, null, null, null, null, null);
    }

    public List<String> deniedColumns() {
      return columns.entrySet().stream()
          .filter(e -> e.getValue() == ColumnRule.DENY)
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    }
  }

  /**
   * A privacy budget: {@code epsilon} per principal and table in each calendar period (UTC).
   *
   * @param per {@code day}, {@code week} (from Monday) or {@code month}
   */
  public record Budget(BigDecimal epsilon, Period per) {}

  /** The period after which a privacy budget renews. */
  public enum Period {
    @JsonProperty("day")
    DAY,
    @JsonProperty("week")
    WEEK,
    @JsonProperty("month")
    MONTH
  }

  public PolicyConfig {
    export = export == null ? Export.AGGREGATES : export;
    minGroupSize = minGroupSize == null ? 10 : minGroupSize;
    tables = tables == null ? Map.of() : Map.copyOf(tables);
    principals = principals == null ? Map.of() : Map.copyOf(principals);
    auditReaders = auditReaders == null ? List.of() : List.copyOf(auditReaders);
  }

  /** Whether {@code principal} may read the whole audit log. */
  public boolean readsWholeAudit(String principal) {
    return principal != null && auditReaders.contains(principal);
  }

  /** No policy section: everything may leave as rows (a site for open data, or tests). */
  public static PolicyConfig permissive() {
    return new PolicyConfig(Export.ROWS, 1, Map.of(), Map.of(), List.of());
  }
}

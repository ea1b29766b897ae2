package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;
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
    NONE;

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
   *     distinct values of it, not rows
   */
  public record TablePolicyConfig(
      Export export,
      Map<String, ColumnRule> columns,
      List<String> identifiers,
      @JsonProperty("privacy-unit") String privacyUnit) {
    public TablePolicyConfig {
      columns = columns == null ? Map.of() : Map.copyOf(columns);
      identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
    }

    public List<String> deniedColumns() {
      return columns.entrySet().stream()
          .filter(e -> e.getValue() == ColumnRule.DENY)
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    }
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

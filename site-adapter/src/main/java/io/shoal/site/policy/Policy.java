package io.shoal.site.policy;

import io.shoal.site.config.PolicyConfig;
import io.shoal.site.config.PolicyConfig.Export;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A site's policy as it applies to one principal: what each table may export and which of its
 * columns may not leave. A principal listed under {@code policy.principals} gets that policy
 * instead of the site's default (e.g. a {@code dpo} who may export rows).
 */
public final class Policy {
  private final PolicyConfig config;

  private Policy(PolicyConfig config) {
    this.config = config;
  }

  public static Policy forPrincipal(PolicyConfig site, String principal) {
    PolicyConfig own = principal == null ? null : site.principals().get(principal);
    return new Policy(own != null ? own : site);
  }

  public PolicyConfig config() {
    return config;
  }

  public Export export(String table) {
    var t = tablePolicy(table);
    return t != null && t.export() != null ? t.export() : config.export();
  }

  public Set<String> deniedColumns(String table) {
    var t = tablePolicy(table);
    if (t == null) return Set.of();
    Set<String> out = new TreeSet<>();
    t.deniedColumns().forEach(c -> out.add(c.toLowerCase(Locale.ROOT)));
    return out;
  }

  /** Declared identifying columns of a table, plus its privacy unit (lower case). */
  public Set<String> identifiers(String table) {
    var t = tablePolicy(table);
    if (t == null) return Set.of();
    Set<String> out = new TreeSet<>();
    t.identifiers().forEach(c -> out.add(c.toLowerCase(Locale.ROOT)));
    if (t.privacyUnit() != null) out.add(t.privacyUnit().toLowerCase(Locale.ROOT));
    return out;
  }

  /** The column whose value is one person, or null: the threshold then counts distinct units. */
  public String privacyUnit(String table) {
    var t = tablePolicy(table);
    return t == null ? null : t.privacyUnit();
  }

  /** The table's own policy settings (privacy parameters included), or null. */
  public PolicyConfig.TablePolicyConfig settings(String table) {
    return tablePolicy(table);
  }

  public int minGroupSize() {
    return Math.max(1, config.minGroupSize());
  }

  private PolicyConfig.TablePolicyConfig tablePolicy(String table) {
    for (Map.Entry<String, PolicyConfig.TablePolicyConfig> e : config.tables().entrySet()) {
      if (e.getKey().equalsIgnoreCase(table)) return e.getValue();
    }
    return null;
  }
}

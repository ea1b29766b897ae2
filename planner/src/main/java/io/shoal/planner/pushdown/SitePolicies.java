package io.shoal.planner.pushdown;

import io.shoal.protocol.PolicySummary;
import io.shoal.protocol.SiteInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;

/**
 * What the plan knows of a site's residency policy: the summary each site published at connect
 * time ({@link SiteInfo#policy()}), reached from a scan through the catalog it was planned against.
 * The residency check reads it to refuse plans; EXPLAIN reads it to show a fragment's privacy cost.
 */
public final class SitePolicies {
  private SitePolicies() {}

  /** The metadata of the site {@code scan} reads, or null when the site was down at connect. */
  public static SiteInfo siteInfo(SiteTableScan scan) {
    RelOptSchema schema = scan.getTable().getRelOptSchema();
    if (!(schema instanceof Prepare.CatalogReader reader)) {
      return null;
    }
    CalciteSchema sub = reader.getRootSchema().getSubSchema(scan.site(), false);
    return sub != null && sub.schema instanceof SiteSchema s ? s.info() : null;
  }

  /** A table's own entry of the policy (matched case-insensitively), or null. */
  public static PolicySummary.TablePolicy tablePolicy(PolicySummary p, String table) {
    if (p.tables() == null) {
      return null;
    }
    for (Map.Entry<String, PolicySummary.TablePolicy> e : p.tables().entrySet()) {
      if (e.getKey().equalsIgnoreCase(table)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The table's export rule: its own, or the site's default. */
  public static String export(PolicySummary p, String table) {
    PolicySummary.TablePolicy t = tablePolicy(p, table);
    return t != null && t.export() != null ? t.export() : p.export();
  }

  /**
   * What a fragment spends of each principal's privacy budget, for EXPLAIN: for example {@code
   * "1 on sales"}; null when it reads no private table.
   */
  static String privacyCost(SiteToEnumerableConverter converter) {
    List<SiteTableScan> scans = new ArrayList<>();
    scans(converter.getInput(), scans);
    if (scans.isEmpty()) {
      return null;
    }
    SiteInfo info = siteInfo(scans.get(0));
    PolicySummary policy = info == null ? null : info.policy();
    if (policy == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (SiteTableScan s : scans) {
      String t = s.siteTable().info().name();
      PolicySummary.TablePolicy tp = tablePolicy(policy, t);
      if ("private".equalsIgnoreCase(export(policy, t)) && tp != null && tp.epsilon() != null) {
        out.add(tp.epsilon().stripTrailingZeros().toPlainString() + " on " + t);
      }
    }
    return out.isEmpty() ? null : String.join(", ", out);
  }

  private static void scans(RelNode node, List<SiteTableScan> out) {
    if (node instanceof SiteTableScan s) {
      out.add(s);
    }
    for (RelNode in : node.getInputs()) {
      scans(in, out);
    }
  }
}

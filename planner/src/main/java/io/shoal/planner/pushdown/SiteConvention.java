package io.shoal.planner.pushdown;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;

/**
 * One calling convention per site: everything in it runs inside that site's fragment. Reuses
 * Calcite's JdbcRules for pushdown; leaves the site through {@link SiteToEnumerableConverter}
 * (the JDBC adapter's own converter wants a DataSource, a site only speaks Flight SQL).
 */
public final class SiteConvention extends JdbcConvention {
  private final String site;

  public SiteConvention(String site, Expression schemaExpression) {
    super(ShoalDuckDbDialect.INSTANCE, schemaExpression, "SITE_" + site);
    this.site = site;
  }

  public String site() {
    return site;
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      // Our own join rule replaces JdbcJoinRule (see SiteJoinRule); the converter needs Flight.
      if (!(rule instanceof JdbcToEnumerableConverterRule)
          && !(rule instanceof JdbcRules.JdbcJoinRule)
          && !(rule instanceof JdbcRules.JdbcAggregateRule)) {
        planner.addRule(rule);
      }
    }
    planner.addRule(SiteJoinRule.create(this));
    planner.addRule(SiteAggregateRule.create(this));
    planner.addRule(SiteToEnumerableConverterRule.create(this));
  }
}

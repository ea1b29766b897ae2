package io.shoal.planner.pushdown;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;

/** Where a site's part of the plan ends: its rows come to the coordinator from here on. */
public final class SiteToEnumerableConverterRule extends ConverterRule {
  public static SiteToEnumerableConverterRule create(SiteConvention convention) {
    return Config.INSTANCE
        .withConversion(RelNode.class, convention, EnumerableConvention.INSTANCE,
            "SiteToEnumerableConverterRule:" + convention.site())
        .withRuleFactory(SiteToEnumerableConverterRule::new)
        .toRule(SiteToEnumerableConverterRule.class);
  }

  protected SiteToEnumerableConverterRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    RelTraitSet newTraitSet = rel.getTraitSet().replace(getOutTrait());
    return new SiteToEnumerableConverter(rel.getCluster(), newTraitSet, rel);
  }
}

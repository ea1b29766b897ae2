package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/** SortOffsetUnionRule alone: LIMIT f OFFSET o over the sites' union limits each branch to o + f. */
class SortOffsetUnionRuleTest {
  /** eu's and us's orders, UNION ALL (or UNION), then [ORDER BY o_orderdate] LIMIT 10 OFFSET offset. */
  private static RelNode limited(Integer offset, boolean all, boolean ordered) {
    RelBuilder b = RulePlans.builder();
    b.scan("eu", "orders").scan("us", "orders").union(all);
    if (ordered) {
      b.sortLimit(offset == null ? -1 : offset, 10, b.field("o_orderdate"));
    } else {
      b.limit(offset == null ? -1 : offset, 10);
    }
    return b.build();
  }

  @Test
  void eachBranchGetsOffsetPlusFetch() {
    String after = plan(fire(SortOffsetUnionRule.INSTANCE, limited(200, true, false)));
    assertThat(after).startsWith("LogicalSort(offset=[200], fetch=[10])\n  LogicalUnion(all=[true])\n");
    assertThat(after.split("LogicalSort\\(fetch=\\[210\\]\\)", -1)).as("a LIMIT 210 per branch").hasSize(3);
  }

  @Test
  void anOrderedLimitKeepsItsOrderInTheBranches() {
    String after = plan(fire(SortOffsetUnionRule.INSTANCE, limited(5, true, true)));
    assertThat(after.split("LogicalSort\\(sort0=\\[\\$4\\], dir0=\\[ASC\\], fetch=\\[15\\]\\)", -1))
        .hasSize(3);
  }

  @Test
  void withoutAnOffsetCalcitesOwnRuleApplies() {
    assertUnchanged(SortOffsetUnionRule.INSTANCE, limited(null, true, false));
  }

  @Test
  void aDistinctUnionIsLeftAlone() {
    // Each branch's first rows are not the union's: duplicates across branches collapse.
    assertUnchanged(SortOffsetUnionRule.INSTANCE, limited(200, false, false));
  }

  @Test
  void branchesAlreadyLimitedAreNotLimitedAgain() {
    RelNode once = fire(SortOffsetUnionRule.INSTANCE, limited(200, true, false));
    assertUnchanged(SortOffsetUnionRule.INSTANCE, once);
  }
}

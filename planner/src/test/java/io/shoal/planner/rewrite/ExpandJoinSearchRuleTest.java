package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/** ExpandJoinSearchRule alone: SEARCH in a join condition becomes comparisons. */
class ExpandJoinSearchRuleTest {
  /** eu's lineitem JOIN part ON p_partkey = l_partkey [AND p_brand IN ('Brand#12', 'Brand#23')]. */
  private static RelNode join(boolean in) {
    RelBuilder b = RulePlans.builder();
    b.scan("eu", "lineitem").scan("eu", "part");
    RexNode key = b.equals(b.field(2, 1, "p_partkey"), b.field(2, 0, "l_partkey"));
    RexNode brand = b.in(b.field(2, 1, "p_brand"), b.literal("Brand#12"), b.literal("Brand#23"));
    return b.join(JoinRelType.INNER, in ? b.and(key, brand) : key).build();
  }

  @Test
  void searchBecomesComparisons() {
    RelNode rel = join(true);
    assertThat(plan(rel)).contains("SEARCH(");
    assertThat(plan(fire(ExpandJoinSearchRule.INSTANCE, rel))).startsWith(
        "LogicalJoin(condition=[AND(=($16, $1), OR(=($19, 'Brand#12'), =($19, 'Brand#23')))],"
            + " joinType=[inner])\n");
  }

  @Test
  void aConditionWithoutSearchIsLeftAlone() {
    assertUnchanged(ExpandJoinSearchRule.INSTANCE, join(false));
  }
}

package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/**
 * SemiJoinReductionRule alone, on TPC-H Q17's shape: {@code part WHERE p_brand = 'Brand#23'}
 * joined with the per-part aggregate of lineitem.
 */
class SemiJoinReductionRuleTest {
  private static final SemiJoinReductionRule RULE = SemiJoinReductionRule.INSTANCE;

  /** {@code part [WHERE p_brand = 'Brand#23'] type (SELECT l_partkey, sum(l_quantity) AS s ...)}. */
  private static RelNode q17(boolean filtered, JoinRelType type, String aggTable, String key) {
    RelBuilder b = RulePlans.builder();
    b.scan("global", "part");
    if (filtered) {
      b.filter(b.equals(b.field("p_brand"), b.literal("Brand#23")));
    }
    String[] cols = aggTable.equals("lineitem")
        ? new String[] {"l_partkey", "l_quantity"} : new String[] {"ps_partkey", "ps_availqty"};
    b.scan("global", aggTable).aggregate(b.groupKey(cols[0]), b.sum(b.field(cols[1])).as("s"));
    return b.join(type, b.equals(b.field(2, 0, "p_partkey"),
        b.field(2, 1, key == null ? cols[0] : key))).build();
  }

  @Test
  void theSitesAggregateOnlyTheFilteredParts() {
    // Each site reads the replicated part itself (ColocatedJoinRule, later), so it aggregates and
    // sends only the groups of Brand#23's parts.
    assertThat(plan(fire(RULE, q17(true, JoinRelType.INNER, "lineitem", null)))).isEqualTo("""
        LogicalJoin(condition=[=($0, $10)], joinType=[inner])
          LogicalFilter(condition=[=($3, 'Brand#23')])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, part]])
          LogicalAggregate(group=[{1}], s=[SUM($4)])
            LogicalJoin(condition=[=($1, $17)], joinType=[semi])
              LogicalUnion(all=[true])
                LogicalProject(..., _site='eu')
                  SiteTableScan(table=[[eu, lineitem]])
                LogicalProject(..., _site='us')
                  SiteTableScan(table=[[us, lineitem]])
                LogicalProject(..., _site='apac')
                  SiteTableScan(table=[[apac, lineitem]])
              LogicalFilter(condition=[=($3, 'Brand#23')])
                LogicalProject(..., _site='eu')
                  SiteTableScan(table=[[eu, part]])
        """);
  }

  @Test
  void aReducedAggregateIsNotReducedAgain() {
    assertUnchanged(RULE, fire(RULE, q17(true, JoinRelType.INNER, "lineitem", null)));
  }

  @Test
  void allPartsBoundNothing() {
    assertUnchanged(RULE, q17(false, JoinRelType.INNER, "lineitem", null));
  }

  @Test
  void aLeftJoinKeepsAllGroupsOfItsLeft() {
    RelBuilder b = RulePlans.builder();
    b.scan("global", "lineitem").aggregate(b.groupKey("l_partkey"), b.sum(b.field("l_quantity")));
    b.scan("global", "part").filter(b.equals(b.field("p_brand"), b.literal("Brand#23")));
    assertUnchanged(RULE, b.join(JoinRelType.LEFT,
        b.equals(b.field(2, 0, "l_partkey"), b.field(2, 1, "p_partkey"))).build());
  }

  @Test
  void aFullJoinKeepsAllGroups() {
    assertUnchanged(RULE, q17(true, JoinRelType.FULL, "lineitem", null));
  }

  @Test
  void theJoinKeyMustBeAGroupKey() {
    assertUnchanged(RULE, q17(true, JoinRelType.INNER, "lineitem", "s"));
  }

  @Test
  void anAggregateOfReplicatedRowsIsReadAtOneSiteAnyway() {
    assertUnchanged(RULE, q17(true, JoinRelType.INNER, "partsupp", null));
  }
}

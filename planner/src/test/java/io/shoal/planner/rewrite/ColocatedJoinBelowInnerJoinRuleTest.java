package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/**
 * ColocatedJoinBelowInnerJoinRule alone, on TPC-H Q22's shape: {@code (customer JOIN (SELECT
 * avg(c_acctbal) AS m FROM customer) ON c_acctbal > m) op orders}.
 */
class ColocatedJoinBelowInnerJoinRuleTest {
  private static final ColocatedJoinBelowInnerJoinRule RULE =
      ColocatedJoinBelowInnerJoinRule.INSTANCE;

  /** (A inner B) op C, with op's condition given the builder (A JOIN B, then C, on top). */
  private static RelNode q22(String customers, JoinRelType inner, JoinRelType op,
      Function<RelBuilder, RexNode> cond) {
    RelBuilder b = RulePlans.builder();
    b.scan(customers, "customer");
    b.scan("global", "customer").aggregate(b.groupKey(), b.avg(b.field("c_acctbal")).as("m"));
    b.join(inner, b.greaterThan(b.field(2, 0, "c_acctbal"), b.field(2, 1, "m")));
    b.scan("global", "orders");
    return b.join(op, cond.apply(b)).build();
  }

  private static RexNode sameCustomer(RelBuilder b) {
    return b.equals(b.field(2, 1, "o_custkey"), b.field(2, 0, "c_custkey"));
  }

  @Test
  void theAntiJoinMovesBelowTheJoinWithTheGlobalScalar() {
    RelNode rel = q22("global", JoinRelType.INNER, JoinRelType.ANTI,
        ColocatedJoinBelowInnerJoinRuleTest::sameCustomer);
    assertThat(plan(fire(RULE, rel))).startsWith("""
        LogicalJoin(condition=[>($5, $9)], joinType=[inner])
          LogicalJoin(condition=[=($10, $0)], joinType=[anti])
            LogicalUnion(all=[true])
        """);
  }

  @Test
  void aLeftJoinMovesTooAndKeepsTheColumnOrder() {
    RelNode rel = q22("global", JoinRelType.INNER, JoinRelType.LEFT,
        ColocatedJoinBelowInnerJoinRuleTest::sameCustomer);
    String after = plan(fire(RULE, rel));
    // A (9 columns), then B's m, then C's 10: m is the 20th column of (A LEFT JOIN C) JOIN B.
    assertThat(after).startsWith("LogicalProject(").contains(", m=[$19], o_orderkey=[$9],");
    assertThat(after.lines().skip(1).findFirst().orElseThrow())
        .isEqualTo("  LogicalJoin(condition=[>($5, $19)], joinType=[inner])");
    assertThat(after.lines().skip(2).findFirst().orElseThrow())
        .isEqualTo("    LogicalJoin(condition=[=($10, $0)], joinType=[left])");
  }

  @Test
  void anOpThatReadsBStaysAbove() {
    assertUnchanged(RULE, q22("global", JoinRelType.INNER, JoinRelType.ANTI,
        b -> b.and(sameCustomer(b), b.greaterThan(b.field(2, 1, "o_totalprice"),
            b.field(2, 0, "m")))));
  }

  @Test
  void onlyFromBelowAnInnerJoin() {
    assertUnchanged(RULE, q22("global", JoinRelType.LEFT, JoinRelType.ANTI,
        ColocatedJoinBelowInnerJoinRuleTest::sameCustomer));
  }

  @Test
  void onlyALeftSemiOrAntiJoinMoves() {
    assertUnchanged(RULE, q22("global", JoinRelType.INNER, JoinRelType.INNER,
        ColocatedJoinBelowInnerJoinRuleTest::sameCustomer));
  }

  @Test
  void aOpCMustBeColocated() {
    assertUnchanged(RULE, q22("global", JoinRelType.INNER, JoinRelType.ANTI,
        b -> b.equals(b.field(2, 1, "o_orderkey"), b.field(2, 0, "c_custkey"))));
  }

  @Test
  void aMustBePartitionedOverSites() {
    // One site's customers: the coordinator's join with the scalar is no wider than theirs.
    assertUnchanged(RULE, q22("us", JoinRelType.INNER, JoinRelType.ANTI,
        ColocatedJoinBelowInnerJoinRuleTest::sameCustomer));
  }
}

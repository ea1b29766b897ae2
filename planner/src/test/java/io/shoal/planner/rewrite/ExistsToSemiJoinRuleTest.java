package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.BiFunction;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.Holder;
import org.junit.jupiter.api.Test;

/** ExistsToSemiJoinRule alone: which correlated [NOT] EXISTS become semi- (anti-) joins. */
class ExistsToSemiJoinRuleTest {
  private static final ExistsToSemiJoinRule RULE = ExistsToSemiJoinRule.INSTANCE;

  /**
   * {@code outer WHERE [NOT] EXISTS (SELECT * FROM inner WHERE cond)}, with {@code cond} given
   * the builder (the inner table on top) and the outer row's correlation variable.
   */
  private static RelNode exists(String outer, String inner, boolean not,
      BiFunction<RelBuilder, RexCorrelVariable, RexNode> cond) {
    RelBuilder b = RulePlans.builder();
    Holder<RexCorrelVariable> v = Holder.empty();
    b.scan("global", outer).variable(v::set);
    RexNode e = b.exists(s -> s.scan("global", inner).filter(cond.apply(s, v.get())).build());
    return b.filter(List.of(v.get().id), not ? b.not(e) : e).build();
  }

  @Test
  void coLocatedExistsIsASemiJoin() {
    RelNode rel = exists("orders", "lineitem", false, (s, o) -> s.and(
        s.equals(s.field("l_orderkey"), s.field(o, "o_orderkey")),
        s.lessThan(s.field("l_commitdate"), s.field("l_receiptdate"))));
    assertThat(plan(fire(RULE, rel))).isEqualTo("""
        LogicalJoin(condition=[AND(=($10, $0), <($21, $22))], joinType=[semi])
          LogicalUnion(all=[true])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, orders]])
            LogicalProject(..., _site='us')
              SiteTableScan(table=[[us, orders]])
            LogicalProject(..., _site='apac')
              SiteTableScan(table=[[apac, orders]])
          LogicalUnion(all=[true])
            LogicalProject(..., _site='eu')
              SiteTableScan(table=[[eu, lineitem]])
            LogicalProject(..., _site='us')
              SiteTableScan(table=[[us, lineitem]])
            LogicalProject(..., _site='apac')
              SiteTableScan(table=[[apac, lineitem]])
        """);
  }

  @Test
  void notExistsIsAnAntiJoin() {
    RelNode rel = exists("customer", "orders", true,
        (s, c) -> s.equals(s.field("o_custkey"), s.field(c, "c_custkey")));
    assertThat(plan(fire(RULE, rel))).startsWith(
        "LogicalJoin(condition=[=($10, $0)], joinType=[anti])\n");
  }

  @Test
  void aNonEqualityCorrelationIsASemiJoinEvenIfNoSiteCanDoItAlone() {
    // TPC-H Q21's shape: otherwise the decorrelator copies the whole outer query.
    RelNode rel = exists("part", "lineitem", false, (s, p) -> s.and(
        s.equals(s.field("l_partkey"), s.field(p, "p_partkey")),
        s.greaterThan(s.field("l_quantity"), s.field(p, "p_size"))));
    assertThat(plan(fire(RULE, rel))).startsWith("LogicalJoin(").contains("joinType=[semi]");
  }

  @Test
  void equalitiesThatNoSiteCanJoinAloneStayWithTheDecorrelator() {
    // part is replicated, lineitem partitioned: its distinct keys per site ship less.
    assertUnchanged(RULE, exists("part", "lineitem", false,
        (s, p) -> s.equals(s.field("l_partkey"), s.field(p, "p_partkey"))));
  }

  @Test
  void aSubQueryCorrelatedBelowItsFilterIsLeftAlone() {
    RelBuilder b = RulePlans.builder();
    Holder<RexCorrelVariable> v = Holder.empty();
    b.scan("global", "orders").variable(v::set);
    RexNode e = b.exists(s -> s.scan("global", "lineitem")
        .filter(s.equals(s.field("l_orderkey"), s.field(v.get(), "o_orderkey")))
        .project(s.field("l_quantity"))
        .filter(s.greaterThan(s.field("l_quantity"), s.literal(10)))
        .build());
    assertUnchanged(RULE, b.filter(List.of(v.get().id), e).build());
  }

  @Test
  void anUncorrelatedExistsIsLeftAlone() {
    RelBuilder b = RulePlans.builder();
    b.scan("global", "orders");
    RexNode e = b.exists(s -> s.scan("global", "lineitem")
        .filter(s.greaterThan(s.field("l_quantity"), s.literal(49))).build());
    assertUnchanged(RULE, b.filter(e).build());
  }
}

package io.shoal.planner.rewrite;

import static io.shoal.planner.rewrite.RulePlans.assertUnchanged;
import static io.shoal.planner.rewrite.RulePlans.fire;
import static io.shoal.planner.rewrite.RulePlans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.BiFunction;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

/** DateComparisonRule alone: a date cast to a timestamp, against a timestamp literal. */
class DateComparisonRuleTest {
  /** eu's events filtered by {@code condition(builder, CAST(day AS TIMESTAMP))}. */
  private static RelNode filter(BiFunction<RelBuilder, RexNode, RexNode> condition) {
    RelBuilder b = RulePlans.builder();
    b.scan("eu", "events");
    return b.filter(condition.apply(b, castToTimestamp(b, b.field("day")))).build();
  }

  private static RexNode castToTimestamp(RelBuilder b, RexNode date) {
    return b.getRexBuilder().makeCast(
        b.getTypeFactory().createTypeWithNullability(
            b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP, 0), true), date);
  }

  private static RexNode ts(RelBuilder b, String text) {
    return b.getRexBuilder().makeTimestampLiteral(new TimestampString(text), 0);
  }

  /** The filter's condition after the rule. */
  private static String condition(RelNode rel) {
    String plan = plan(fire(DateComparisonRule.FILTER, rel));
    return plan.substring("LogicalFilter(condition=[".length(), plan.indexOf("])\n"));
  }

  @Test
  void againstMidnightTheComparisonIsOnDates() {
    assertThat(condition(filter((b, d) -> b.lessThan(d, ts(b, "2024-01-05 00:00:00")))))
        .isEqualTo("<($6, 2024-01-05)");
  }

  @Test
  void againstATimeWithinADayItIsOnTheDayBeforeOrAfter() {
    assertThat(condition(filter((b, d) -> b.lessThan(d, ts(b, "2024-01-05 12:00:00")))))
        .isEqualTo("<=($6, 2024-01-05)");
    assertThat(condition(filter((b, d) -> b.greaterThanOrEqual(d, ts(b, "2024-01-05 00:00:01")))))
        .isEqualTo(">($6, 2024-01-05)");
    // The literal on the left: the comparison is turned around.
    assertThat(condition(filter((b, d) -> b.greaterThan(ts(b, "2024-01-05 12:00:00"), d))))
        .isEqualTo("<=($6, 2024-01-05)");
  }

  @Test
  void inAJoinCondition() {
    RelBuilder b = RulePlans.builder();
    b.scan("eu", "orders").scan("eu", "lineitem");
    RelNode rel = b.join(JoinRelType.INNER, b.and(
        b.equals(b.field(2, 0, "o_orderkey"), b.field(2, 1, "l_orderkey")),
        b.lessThan(castToTimestamp(b, b.field(2, 1, "l_shipdate")),
            ts(b, "1995-03-15 00:00:00")))).build();
    assertThat(plan(fire(DateComparisonRule.JOIN, rel)))
        .startsWith("LogicalJoin(condition=[AND(=($0, $9), <($19, 1995-03-15))]");
  }

  @Test
  void equalToATimeWithinADayStaysATimestampComparison() {
    assertUnchanged(DateComparisonRule.FILTER,
        filter((b, d) -> b.equals(d, ts(b, "2024-01-05 12:00:00"))));
  }

  @Test
  void aTimestampColumnIsNotALiteral() {
    assertUnchanged(DateComparisonRule.FILTER, filter((b, d) -> b.lessThan(d, b.field("ts"))));
  }

  @Test
  void noDateCastNoRewrite() {
    assertUnchanged(DateComparisonRule.FILTER,
        filter((b, d) -> b.lessThan(b.field("ts"), ts(b, "2024-01-05 00:00:00"))));
  }
}

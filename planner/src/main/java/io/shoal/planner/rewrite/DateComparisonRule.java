package io.shoal.planner.rewrite;

import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimestampString;

/**
 * {@code CAST(d AS TIMESTAMP) < TIMESTAMP '1995-01-01 00:00:00'} becomes
 * {@code d < DATE '1995-01-01'}. {@code DATE + INTERVAL} is a TIMESTAMP (DuckDbDatetimeArithmetic)
 * and folds to a timestamp literal, so the date column got cast in every row and DuckDB could not
 * use Parquet statistics. A date cast to a timestamp is midnight of that day, so against a midnight
 * literal every comparison holds exactly on the dates; against a literal within day D,
 * {@code <} and {@code <=} become {@code d <= D}, {@code >} and {@code >=} become {@code d > D}.
 */
public final class DateComparisonRule extends RelRule<RuleConfig<DateComparisonRule>> {
  private static final long DAY_MS = 86_400_000L;
  private static final Pattern MIDNIGHT = Pattern.compile(".* 00:00:00(\\.0*)?$");

  /**
   * On a filter whose condition compares a date cast to a timestamp with a timestamp literal in a
   * way that holds on the dates (not {@code =} or {@code <>} a time within a day).
   */
  public static final DateComparisonRule FILTER =
      RuleConfig.<DateComparisonRule>of("ShoalDateComparisonRule:filter",
          b -> b.operand(LogicalFilter.class)
              .predicate(f -> changes(f.getCluster().getRexBuilder(), f.getCondition()))
              .anyInputs(),
          DateComparisonRule::new).toRule();
  /** The same in a join's condition. */
  public static final DateComparisonRule JOIN =
      RuleConfig.<DateComparisonRule>of("ShoalDateComparisonRule:join",
          b -> b.operand(LogicalJoin.class)
              .predicate(j -> changes(j.getCluster().getRexBuilder(), j.getCondition()))
              .anyInputs(),
          DateComparisonRule::new).toRule();

  private DateComparisonRule(RuleConfig<DateComparisonRule> config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    RexBuilder rex = rel.getCluster().getRexBuilder();
    if (rel instanceof LogicalFilter) {
      LogicalFilter f = (LogicalFilter) rel;
      call.transformTo(f.copy(f.getTraitSet(), f.getInput(), rewrite(rex, f.getCondition())));
    } else {
      LogicalJoin j = (LogicalJoin) rel;
      call.transformTo(j.copy(j.getTraitSet(), rewrite(rex, j.getCondition()), j.getLeft(),
          j.getRight(), j.getJoinType(), j.isSemiJoinDone()));
    }
  }

  /** Whether {@link #rewrite} changes the condition. */
  private static boolean changes(RexBuilder rex, RexNode condition) {
    return rewrite(rex, condition) != condition;
  }

  /** The condition with date-vs-timestamp comparisons on dates; the same object if none. */
  static RexNode rewrite(RexBuilder rex, RexNode condition) {
    if (!mentionsDateCast(condition)) {
      return condition;
    }
    RexNode out = condition.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        if (call.getKind() == SqlKind.SEARCH && dateCast(call.getOperands().get(0)) != null) {
          return RexUtil.expandSearch(rex, null, call).accept(this);
        }
        RexNode done = compare(rex, call);
        return done != null ? done : super.visitCall(call);
      }
    });
    return out.equals(condition) ? condition : out;
  }

  private static RexNode compare(RexBuilder rex, RexCall call) {
    SqlKind kind = call.getKind();
    if (call.getOperands().size() != 2 || !(kind == SqlKind.LESS_THAN
        || kind == SqlKind.LESS_THAN_OR_EQUAL || kind == SqlKind.GREATER_THAN
        || kind == SqlKind.GREATER_THAN_OR_EQUAL || kind == SqlKind.EQUALS
        || kind == SqlKind.NOT_EQUALS)) {
      return null;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    RexNode date = dateCast(a);
    RexNode lit = b;
    if (date == null) {
      date = dateCast(b);
      lit = a;
      kind = kind.reverse(); // literal op cast(d) == cast(d) op' literal
    }
    if (date == null || !(lit instanceof RexLiteral)
        || lit.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      return null;
    }
    TimestampString ts = ((RexLiteral) lit).getValueAs(TimestampString.class);
    if (ts == null) {
      return null;
    }
    long day = Math.floorDiv(ts.getMillisSinceEpoch(), DAY_MS);
    RexNode dayLit = rex.makeDateLiteral(DateString.fromDaysSinceEpoch((int) day));
    if (MIDNIGHT.matcher(ts.toString()).matches()) {
      return rex.makeCall(op(kind), date, dayLit);
    }
    switch (kind) {
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
        return rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, date, dayLit);
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        return rex.makeCall(SqlStdOperatorTable.GREATER_THAN, date, dayLit);
      default:
        return null; // = or <> a time within a day: leave as it is
    }
  }

  private static org.apache.calcite.sql.SqlOperator op(SqlKind kind) {
    switch (kind) {
      case LESS_THAN: return SqlStdOperatorTable.LESS_THAN;
      case LESS_THAN_OR_EQUAL: return SqlStdOperatorTable.LESS_THAN_OR_EQUAL;
      case GREATER_THAN: return SqlStdOperatorTable.GREATER_THAN;
      case GREATER_THAN_OR_EQUAL: return SqlStdOperatorTable.GREATER_THAN_OR_EQUAL;
      case EQUALS: return SqlStdOperatorTable.EQUALS;
      default: return SqlStdOperatorTable.NOT_EQUALS;
    }
  }

  /** {@code d} when the node is {@code CAST(d AS TIMESTAMP)} of a DATE, else null. */
  private static RexNode dateCast(RexNode node) {
    if (node.getKind() != SqlKind.CAST
        || node.getType().getSqlTypeName() != SqlTypeName.TIMESTAMP) {
      return null;
    }
    RexNode in = ((RexCall) node).getOperands().get(0);
    return in.getType().getSqlTypeName() == SqlTypeName.DATE ? in : null;
  }

  private static boolean mentionsDateCast(RexNode node) {
    if (dateCast(node) != null) {
      return true;
    }
    if (node instanceof RexCall) {
      for (RexNode op : ((RexCall) node).getOperands()) {
        if (mentionsDateCast(op)) {
          return true;
        }
      }
    }
    return false;
  }
}

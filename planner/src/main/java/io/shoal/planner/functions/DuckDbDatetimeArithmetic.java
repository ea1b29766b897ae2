package io.shoal.planner.functions;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * {@code DATE ± INTERVAL} is a TIMESTAMP, as in DuckDB (the single database a federation must
 * equal), not a DATE as in standard SQL and Calcite. The validator resolves {@code +} and
 * {@code -} by name in the operator table, where these come first (ShoalOperators); their
 * convertlet casts the date to TIMESTAMP and adds.
 * Everything else converts exactly as Calcite's own {@code +} and {@code -}.
 */
public final class DuckDbDatetimeArithmetic {
  private DuckDbDatetimeArithmetic() {}

  static final Op PLUS = new Op(SqlStdOperatorTable.PLUS);
  static final Op MINUS = new Op(SqlStdOperatorTable.MINUS);

  /** {@code +} or {@code -} with DuckDB's result type for DATE ± INTERVAL. */
  static final class Op extends SqlMonotonicBinaryOperator {
    final SqlBinaryOperator std;

    Op(SqlBinaryOperator std) {
      super(std.getName(), std.getKind(), std.getLeftPrec(), true,
          b -> dateAndInterval(b, std.getKind())
              ? timestamp(b.getTypeFactory(), b.getOperandType(0).isNullable()
                  || b.getOperandType(1).isNullable())
              : std.getReturnTypeInference().inferReturnType(b),
          std.getOperandTypeInference(), std.getOperandTypeChecker());
      this.std = std;
    }
  }

  private static boolean dateAndInterval(SqlOperatorBinding b, SqlKind kind) {
    if (b.getOperandCount() != 2) {
      return false;
    }
    RelDataType a = b.getOperandType(0);
    RelDataType c = b.getOperandType(1);
    boolean dateFirst = a.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isInterval(c);
    boolean dateSecond = kind == SqlKind.PLUS && SqlTypeUtil.isInterval(a)
        && c.getSqlTypeName() == SqlTypeName.DATE;
    return dateFirst || dateSecond;
  }

  private static RelDataType timestamp(RelDataTypeFactory f, boolean nullable) {
    return f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP), nullable);
  }

  /** Calcite's convertlets, plus the conversion of {@link Op}. */
  public static SqlRexConvertletTable convertlets(SqlRexConvertletTable std) {
    return call -> call.getOperator() instanceof Op ? convertlet(std) : std.get(call);
  }

  private static SqlRexConvertlet convertlet(SqlRexConvertletTable std) {
    return (cx, call) -> {
      Op op = (Op) call.getOperator();
      RelDataType type = cx.getValidator().getValidatedNodeType(call);
      if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
        RelDataType t0 = cx.getValidator().getValidatedNodeType(call.operand(0));
        RelDataType t1 = cx.getValidator().getValidatedNodeType(call.operand(1));
        boolean dateFirst = t0.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isInterval(t1);
        boolean dateSecond = SqlTypeUtil.isInterval(t0) && t1.getSqlTypeName() == SqlTypeName.DATE;
        if (dateFirst || dateSecond) {
          return dateArithmetic(cx, call, op, type, dateFirst);
        }
      }
      // Not DATE ± INTERVAL: Calcite's own conversion of the same call with its own operator.
      SqlBasicCall basic = (SqlBasicCall) call;
      basic.setOperator(op.std);
      try {
        return std.get(basic).convertCall(cx, basic);
      } finally {
        basic.setOperator(op);
      }
    };
  }

  private static RexNode dateArithmetic(
      SqlRexContext cx, SqlCall call, Op op, RelDataType type, boolean dateFirst) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode date = cx.convertExpression(call.operand(dateFirst ? 0 : 1));
    RexNode interval = cx.convertExpression(call.operand(dateFirst ? 1 : 0));
    RexNode ts = rex.makeCast(
        timestamp(rex.getTypeFactory(), date.getType().isNullable()), date);
    if (op.getKind() == SqlKind.MINUS) {
      interval = rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, interval);
    }
    return rex.makeCall(type, SqlStdOperatorTable.DATETIME_PLUS, List.of(ts, interval));
  }
}

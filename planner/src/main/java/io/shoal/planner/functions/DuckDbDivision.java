package io.shoal.planner.functions;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * {@code /} of two integers is a DOUBLE, as in DuckDB ({@code 7 / 2} is 3.5; DuckDB's integer
 * division is {@code //}), not the truncated integer of standard SQL and Calcite. Resolved by
 * name before Calcite's own {@code /} (ShoalOperators); its convertlet casts both operands to
 * DOUBLE, so the fragment and the coordinator divide alike. Other operands divide as in Calcite.
 */
public final class DuckDbDivision {
  private DuckDbDivision() {}

  static final SqlBinaryOperator DIVIDE = new SqlBinaryOperator(
      SqlStdOperatorTable.DIVIDE.getName(), SqlStdOperatorTable.DIVIDE.getKind(),
      SqlStdOperatorTable.DIVIDE.getLeftPrec(), true,
      b -> integers(b)
          ? b.getTypeFactory().createTypeWithNullability(
              b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE),
              b.getOperandType(0).isNullable() || b.getOperandType(1).isNullable())
          : SqlStdOperatorTable.DIVIDE.getReturnTypeInference().inferReturnType(b),
      SqlStdOperatorTable.DIVIDE.getOperandTypeInference(),
      SqlStdOperatorTable.DIVIDE.getOperandTypeChecker());

  private static boolean integers(SqlOperatorBinding b) {
    return b.getOperandCount() == 2 && integer(b.getOperandType(0))
        && integer(b.getOperandType(1));
  }

  private static boolean integer(RelDataType t) {
    return SqlTypeUtil.isExactNumeric(t) && !SqlTypeUtil.isDecimal(t);
  }

  /** Calcite's convertlets, plus the conversion of {@link #DIVIDE}. */
  public static SqlRexConvertletTable convertlets(SqlRexConvertletTable std) {
    return call -> call.getOperator() == DIVIDE ? convertlet(std) : std.get(call);
  }

  private static SqlRexConvertlet convertlet(SqlRexConvertletTable std) {
    return (cx, call) -> {
      RelDataType type = cx.getValidator().getValidatedNodeType(call);
      if (type.getSqlTypeName() == SqlTypeName.DOUBLE) {
        RexNode a = cx.convertExpression(call.operand(0));
        RexNode b = cx.convertExpression(call.operand(1));
        if (integer(a.getType()) && integer(b.getType())) {
          RexBuilder rex = cx.getRexBuilder();
          return rex.makeCall(type, SqlStdOperatorTable.DIVIDE,
              List.of(toDouble(rex, a), toDouble(rex, b)));
        }
      }
      SqlBasicCall basic = (SqlBasicCall) call;
      basic.setOperator(SqlStdOperatorTable.DIVIDE);
      try {
        return std.get(basic).convertCall(cx, basic);
      } finally {
        basic.setOperator(DIVIDE);
      }
    };
  }

  private static RexNode toDouble(RexBuilder rex, RexNode e) {
    RelDataTypeFactory f = rex.getTypeFactory();
    return rex.makeCast(f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE),
        e.getType().isNullable()), e);
  }
}

package io.shoal.planner.functions;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.StrictAggImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlSingleOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * DuckDB's aggregates that do not split into a part per site and a final part: {@code median},
 * {@code quantile_cont}/{@code quantile_disc}/{@code quantile} (and {@code percentile_cont} /
 * {@code percentile_disc ... WITHIN GROUP}, which {@code OrderedSetAggregateRule} turns into
 * them), {@code approx_quantile}, {@code mode} and {@code corr}. Each needs every value of its
 * group in one place, so the sites send the argument columns (and the grouping keys) and the
 * coordinator computes the result as DuckDB does ({@link GroupValues}), skipping NULLs.
 *
 * <p>In EXPLAIN such a call reads {@code median[coordinator: ...]($1)}: the reason it is not in
 * the fragments' SQL.
 */
public final class DuckDbAggregates {
  private DuckDbAggregates() {}

  private static final String WHY = "[coordinator: needs every value of the group]";

  /** An aggregate the coordinator computes from all of a group's values. */
  public static final class Holistic extends SqlUserDefinedAggFunction {
    final String result;
    final boolean desc;

    Holistic(String name, SqlReturnTypeInference ret, SqlOperandTypeChecker operands,
        String result, boolean desc) {
      super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ret, null,
          new DuckDbFunctions.Operands(operands), new Implementation(), false, false,
          Optionality.FORBIDDEN);
      this.result = result;
      this.desc = desc;
      ((Implementation) function).of = this;
    }

    /** Whether this is the DESC variant of an ordered-set aggregate. */
    public boolean descending() {
      return desc;
    }

    @Override
    public String toString() {
      return getName() + (desc ? " DESC" : "") + WHY;
    }
  }

  private static RelDataType nullable(SqlOperatorBinding b, RelDataType t) {
    return b.getTypeFactory().createTypeWithNullability(t, true);
  }

  /** A DOUBLE for integers and floats, the DECIMAL itself, a TIMESTAMP for a DATE or TIMESTAMP. */
  private static final SqlReturnTypeInference CONT_TYPE = b -> {
    RelDataType x = b.getOperandType(0);
    RelDataTypeFactory f = b.getTypeFactory();
    return nullable(b, switch (x.getSqlTypeName()) {
      case DECIMAL -> x;
      case DATE, TIMESTAMP -> f.createSqlType(SqlTypeName.TIMESTAMP);
      default -> SqlTypeUtil.isNumeric(x) ? f.createSqlType(SqlTypeName.DOUBLE) : x;
    });
  };

  private static final SqlReturnTypeInference ARG_TYPE = b -> nullable(b, b.getOperandType(0));
  private static final SqlReturnTypeInference DOUBLE =
      b -> nullable(b, b.getTypeFactory().createSqlType(SqlTypeName.DOUBLE));

  private static final SqlSingleOperandTypeChecker ORDERED = OperandTypes.or(
      OperandTypes.NUMERIC, OperandTypes.DATETIME, OperandTypes.STRING);
  private static final SqlSingleOperandTypeChecker CONTINUOUS =
      OperandTypes.or(OperandTypes.NUMERIC, OperandTypes.family(SqlTypeFamily.DATE),
          OperandTypes.family(SqlTypeFamily.TIMESTAMP));

  /** (x, q): q a constant from 0 to 1, as DuckDB requires. */
  private static SqlOperandTypeChecker withQuantile(SqlSingleOperandTypeChecker x) {
    return new SqlOperandTypeChecker() {
      @Override
      public boolean checkOperandTypes(SqlCallBinding b, boolean throwOnFailure) {
        if (!OperandTypes.family(SqlTypeFamily.ANY, SqlTypeFamily.NUMERIC)
            .checkOperandTypes(b, throwOnFailure)) {
          return false;
        }
        if (!x.checkSingleOperandType(b, b.operand(0), 0, throwOnFailure)) {
          return false;
        }
        BigDecimal q = b.isOperandLiteral(1, false)
            ? b.getOperandLiteralValue(1, BigDecimal.class) : null;
        if (q == null || q.signum() < 0 || q.compareTo(BigDecimal.ONE) > 0) {
          if (throwOnFailure) {
            throw b.newValidationError(org.apache.calcite.util.Static.RESOURCE
                .argumentMustBeNumericLiteralInRange(b.getOperator().getName(), 0, 1));
          }
          return false;
        }
        return true;
      }

      @Override
      public org.apache.calcite.sql.SqlOperandCountRange getOperandCountRange() {
        return org.apache.calcite.sql.type.SqlOperandCountRanges.of(2);
      }

      @Override
      public String getAllowedSignatures(SqlOperator op, String opName) {
        return opName + "(<VALUE>, <QUANTILE: a constant from 0 to 1>)";
      }
    };
  }

  public static final Holistic MEDIAN =
      new Holistic("median", CONT_TYPE, ORDERED, "median", false);
  public static final Holistic QUANTILE_CONT =
      new Holistic("quantile_cont", CONT_TYPE, withQuantile(CONTINUOUS), "cont", false);
  public static final Holistic QUANTILE_CONT_DESC =
      new Holistic("quantile_cont", CONT_TYPE, withQuantile(CONTINUOUS), "cont", true);
  public static final Holistic QUANTILE_DISC =
      new Holistic("quantile_disc", ARG_TYPE, withQuantile(ORDERED), "disc", false);
  public static final Holistic QUANTILE_DISC_DESC =
      new Holistic("quantile_disc", ARG_TYPE, withQuantile(ORDERED), "disc", true);
  /** DuckDB's {@code quantile} is {@code quantile_disc}. */
  public static final Holistic QUANTILE =
      new Holistic("quantile", ARG_TYPE, withQuantile(ORDERED), "disc", false);
  public static final Holistic APPROX_QUANTILE =
      new Holistic("approx_quantile", ARG_TYPE, withQuantile(CONTINUOUS), "approx", false);
  public static final Holistic MODE = new Holistic("mode", ARG_TYPE, OperandTypes.ANY, "mode", false);
  public static final Holistic CORR =
      new Holistic("corr", DOUBLE, OperandTypes.NUMERIC_NUMERIC, "corr", false);

  /**
   * {@code percentile_cont(q) WITHIN GROUP (ORDER BY x)} typed as DuckDB types it (as
   * quantile_cont: a DOUBLE for an INTEGER x, where Calcite's would be an INTEGER); the planner
   * computes it as quantile_cont (OrderedSetAggregateRule).
   */
  public static final SqlAggFunction PERCENTILE_CONT = SqlBasicAggFunction
      .create("PERCENTILE_CONT", SqlKind.PERCENTILE_CONT,
          b -> CONT_TYPE.inferReturnType(new CollationBinding(b)),
          OperandTypes.UNIT_INTERVAL_NUMERIC_LITERAL)
      .withFunctionType(SqlFunctionCategory.SYSTEM).withGroupOrder(Optionality.MANDATORY)
      .withPercentile(true);

  /** The ORDER BY column's type as operand 0, for the WITHIN GROUP form's type. */
  private static final class CollationBinding extends SqlOperatorBinding {
    private final SqlOperatorBinding b;

    CollationBinding(SqlOperatorBinding b) {
      super(b.getTypeFactory(), b.getOperator());
      this.b = b;
    }

    @Override
    public int getOperandCount() {
      return 1;
    }

    @Override
    public RelDataType getOperandType(int ordinal) {
      return b.getCollationType();
    }

    @Override
    public org.apache.calcite.runtime.CalciteException newError(
        org.apache.calcite.runtime.Resources.ExInst<org.apache.calcite.sql.validate.SqlValidatorException> e) {
      return b.newError(e);
    }
  }

  /** The ones a query names (the DESC variants come from WITHIN GROUP only). */
  static final List<SqlOperator> NAMED = List.of(MEDIAN, QUANTILE_CONT, QUANTILE_DISC, QUANTILE,
      APPROX_QUANTILE, MODE, CORR, PERCENTILE_CONT);

  /** How generated code gathers a group's values and computes the result from them. */
  private static final class Implementation extends StrictAggImplementor
      implements ImplementableAggFunction {
    Holistic of;

    @Override
    public AggImplementor getImplementor(boolean windowContext) {
      return this;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createSqlType(SqlTypeName.ANY);
    }

    @Override
    public List<Type> getNotNullState(AggContext info) {
      return List.of(GroupValues.class);
    }

    @Override
    protected void implementNotNullReset(AggContext info, AggResetContext reset) {
      reset.currentBlock().add(Expressions.statement(
          Expressions.assign(reset.accumulator().get(0), Expressions.new_(GroupValues.class))));
    }

    @Override
    protected void implementNotNullAdd(AggContext info, AggAddContext add) {
      Expression acc = add.accumulator().get(0);
      List<Expression> args = add.arguments();
      Expression call = args.size() == 1
          ? Expressions.call(acc, "add", box(args.get(0)))
          : Expressions.call(acc, "add", box(args.get(0)), box(args.get(1)));
      add.currentBlock().add(Expressions.statement(call));
    }

    private static Expression box(Expression e) {
      return Expressions.convert_(Expressions.box(e), Object.class);
    }

    @Override
    protected Expression implementNotNullResult(AggContext info, AggResultContext result) {
      Expression acc = result.accumulator().get(0);
      RelDataType x = info.parameterRelTypes().get(0);
      int kind = switch (x.getSqlTypeName()) {
        case DECIMAL -> GroupValues.CONT_DECIMAL;
        case TIMESTAMP -> GroupValues.CONT_TIMESTAMP;
        case DATE -> GroupValues.CONT_DATE;
        default -> GroupValues.CONT_DOUBLE;
      };
      int scale = Math.max(0, x.getScale());
      boolean numeric = SqlTypeUtil.isNumeric(x) || kind != GroupValues.CONT_DOUBLE;
      return switch (of.result) {
        case "median" -> numeric
            ? Expressions.call(acc, "quantileCont", Expressions.constant(false),
                Expressions.constant(kind), Expressions.constant(scale))
            : Expressions.call(acc, "quantileDisc", Expressions.constant(false));
        case "cont" -> Expressions.call(acc, "quantileCont", Expressions.constant(of.desc),
            Expressions.constant(kind), Expressions.constant(scale));
        case "disc" -> Expressions.call(acc, "quantileDisc", Expressions.constant(of.desc));
        case "approx" -> Expressions.call(acc, "approxQuantile", Expressions.constant(kind),
            Expressions.constant(scale), Expressions.constant(javaClass(info)));
        case "mode" -> Expressions.call(acc, "mode");
        default -> Expressions.call(acc, "corr");
      };
    }

    private static String javaClass(AggContext info) {
      Type t = info.returnType();
      return t instanceof Class<?> c ? org.apache.calcite.linq4j.tree.Primitive.box(c).getName()
          : String.valueOf(t);
    }
  }
}

package io.shoal.planner.prepare;

import io.shoal.planner.functions.DuckDbAggregates;
import io.shoal.planner.functions.DuckDbFunctions;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalciteSqlValidator;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import io.shoal.planner.functions.ShoalOperators;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Calcite's validator, with two calls the parser binds to Calcite's own operators retyped as DuckDB
 * types them, before anything is typed: {@code EXTRACT(EPOCH FROM x)} is DuckDB's fractional
 * seconds ({@code date_part('epoch', x)}, a DOUBLE; Calcite's is a BIGINT), and
 * {@code percentile_cont ... WITHIN GROUP (ORDER BY x)} is typed as quantile_cont (a DOUBLE for an
 * INTEGER x; Calcite's is x's type, which would round the interpolated value); and DuckDB's
 * {@code mode() WITHIN GROUP (ORDER BY x)} is read as {@code mode(x)}.
 */
final class ShoalValidator extends CalciteSqlValidator {
  private ShoalValidator(SqlOperatorTable opTab, CalciteCatalogReader catalogReader,
      JavaTypeFactory typeFactory, Config config) {
    super(opTab, catalogReader, typeFactory, config);
  }

  /** As Calcite's prepare makes its validator (CalcitePrepareImpl.createSqlValidator). */
  static SqlValidator create(CalcitePrepare.Context context, CalciteCatalogReader catalogReader,
      java.util.function.UnaryOperator<Config> configTransform) {
    CalciteConnectionConfig cc = context.config();
    // Shoal's operators first: the validator re-resolves "+" and "-" by name and takes the first.
    SqlOperatorTable opTab = SqlOperatorTables.chain(List.of(ShoalOperators.EXTRA,
        cc.fun(SqlOperatorTable.class, SqlStdOperatorTable.instance()), catalogReader));
    Config config = Config.DEFAULT
        .withLenientOperatorLookup(cc.lenientOperatorLookup())
        .withConformance(cc.conformance())
        .withDefaultNullCollation(cc.defaultNullCollation())
        .withIdentifierExpansion(true);
    return new ShoalValidator(opTab, catalogReader, context.getTypeFactory(),
        configTransform.apply(config));
  }

  @Override
  protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
    if (node instanceof SqlBasicCall call) {
      if (call.getOperator() == SqlStdOperatorTable.PERCENTILE_CONT) {
        call.setOperator(DuckDbAggregates.PERCENTILE_CONT);
      } else if (call.getKind() == SqlKind.WITHIN_GROUP && modeWithinGroup(call)) {
        node = DuckDbAggregates.MODE.createCall(call.getParserPosition(),
            ((org.apache.calcite.sql.SqlNodeList) call.operand(1)).get(0));
      } else if (call.getKind() == SqlKind.EXTRACT && epoch(call)) {
        node = DuckDbFunctions.DATE_PART.createCall(call.getParserPosition(),
            SqlLiteral.createCharString("epoch", call.operand(0).getParserPosition()),
            call.operand(1));
      }
    }
    return super.performUnconditionalRewrites(node, underFrom);
  }

  /**
   * DuckDB's {@code mode() WITHIN GROUP (ORDER BY x)} is Shoal's {@code mode(x)}: ties go to the
   * smallest value. DESC (ties to the largest) is refused by name.
   */
  private static boolean modeWithinGroup(SqlCall call) {
    if (!(call.operand(0) instanceof SqlCall agg) || !agg.getOperandList().isEmpty()
        || !agg.getOperator().getName().equalsIgnoreCase("mode")) {
      return false;
    }
    org.apache.calcite.sql.SqlNodeList order = call.operand(1);
    if (order.size() != 1) {
      throw Unsupported.notSupported("mode() WITHIN GROUP with more than one ORDER BY key");
    }
    SqlNode key = order.get(0);
    if (key.getKind() == SqlKind.DESCENDING) {
      throw Unsupported.notSupported("mode() WITHIN GROUP (ORDER BY ... DESC); Shoal's mode(x)"
          + " breaks ties to the smallest value");
    }
    if (key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST) {
      order.set(0, ((SqlCall) key).operand(0));
    }
    return true;
  }

  private static boolean epoch(SqlCall call) {
    SqlNode unit = call.operand(0);
    return unit instanceof SqlIntervalQualifier q && q.timeUnitRange == TimeUnitRange.EPOCH
        || unit instanceof SqlLiteral l && l.getValue() == TimeUnitRange.EPOCH;
  }
}

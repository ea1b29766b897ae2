package io.shoal.planner.rel;

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
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Calcite's validator, with two calls the parser binds to Calcite's own operators retyped as DuckDB
 * types them, before anything is typed: {@code EXTRACT(EPOCH FROM x)} is DuckDB's fractional
 * seconds ({@code date_part('epoch', x)}, a DOUBLE; Calcite's is a BIGINT), and
 * {@code percentile_cont ... WITHIN GROUP (ORDER BY x)} is typed as quantile_cont (a DOUBLE for an
 * INTEGER x; Calcite's is x's type, which would round the interpolated value).
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
    SqlOperatorTable opTab = SqlOperatorTables.chain(List.of(
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
      } else if (call.getKind() == SqlKind.EXTRACT && epoch(call)) {
        node = DuckDbFunctions.DATE_PART.createCall(call.getParserPosition(),
            SqlLiteral.createCharString("epoch", call.operand(0).getParserPosition()),
            call.operand(1));
      }
    }
    return super.performUnconditionalRewrites(node, underFrom);
  }

  private static boolean epoch(SqlCall call) {
    SqlNode unit = call.operand(0);
    return unit instanceof SqlIntervalQualifier q && q.timeUnitRange == TimeUnitRange.EPOCH
        || unit instanceof SqlLiteral l && l.getValue() == TimeUnitRange.EPOCH;
  }
}

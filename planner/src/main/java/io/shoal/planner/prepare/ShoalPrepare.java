package io.shoal.planner.prepare;

import io.shoal.planner.functions.DuckDbDatetimeArithmetic;
import io.shoal.planner.functions.DuckDbDivision;
import io.shoal.planner.pushdown.FragmentUses;
import io.shoal.planner.rewrite.FederationPrograms;
import io.shoal.planner.rewrite.RowLimit;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/** Calcite's prepare, with {@link FederationPrograms#program()} as the optimizer program. */
final class ShoalPrepare extends CalcitePrepareImpl {
  /**
   * Rules of Calcite's planner that Shoal leaves out. Join reordering in Volcano multiplies with
   * the per-site conventions (a 6-way TPC-H join took 100 s to plan) and buys nothing for joins
   * pushed to a site: DuckDB orders those itself.
   */
  private static final List<RelOptRule> NOT_FOR_FEDERATION = List.of(
      // COALESCE(SUM(x), 0) as SUM0(x) (issue 16): over a split aggregate it lost the SUM of the
      // per-site sums ("coalesce(sum(small), 0) + 1 ... GROUP BY grp" answered max(small) + 1)
      // or failed planning with a BIGINT / BIGINT NOT NULL mismatch (with ORDER BY).
      CoreRules.PROJECT_AGGREGATE_MERGE,
      CoreRules.JOIN_COMMUTE,
      CoreRules.JOIN_COMMUTE_OUTER,
      CoreRules.JOIN_ASSOCIATE,
      org.apache.calcite.rel.rules.JoinPushThroughJoinRule.LEFT,
      org.apache.calcite.rel.rules.JoinPushThroughJoinRule.RIGHT,
      CoreRules.JOIN_COMMUTE_RIGHT_TO_LEFT);

  /**
   * The statement's maxRows for the prepare under way. Calcite makes one ShoalPrepare per prepare
   * (see ShoalCalciteDriver), and hands maxRowCount to prepareSql but not to the program.
   */
  private long maxRows = -1;

  @Override
  protected RelOptPlanner createPlanner(
      Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    for (RelOptRule r : NOT_FOR_FEDERATION) {
      planner.removeRule(r);
    }
    return planner;
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    if (query.sql == null) {
      return prepareClean(context, query, elementType, maxRowCount);
    }
    String sql = StatementText.withoutTrailingSemicolons(query.sql);
    StatementText.checkReadOnly(sql);
    if (!sql.equals(query.sql)) {
      query = Query.of(sql);
    }
    List<Object> key = PlanCache.key(context, query.sql, elementType, maxRowCount);
    CalciteSignature<T> cached = PlanCache.get(key);
    if (cached != null) {
      return cached;
    }
    CalciteSignature<T> sig = prepareClean(context, query, elementType, maxRowCount);
    PlanCache.put(key, sig);
    return sig;
  }

  private <T> CalciteSignature<T> prepareClean(
      Context context, Query<T> query, Type elementType, long maxRowCount) {
    maxRows = maxRowCount;
    try {
      return super.prepareSql(context, query, elementType, maxRowCount);
    } catch (RuntimeException | AssertionError e) {
      RuntimeException clean = PlanningErrors.clean(e);
      if (clean == null) {
        throw e;
      }
      throw clean;
    }
  }

  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return io.shoal.planner.functions.DuckDbFunctions.convertlets(
        DuckDbDivision.convertlets(
            DuckDbDatetimeArithmetic.convertlets(super.createConvertletTable())));
  }

  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return SqlParser.create(sql, parserConfig.withParserFactory(ShoalParserFactory.INSTANCE));
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(
      Context context, Type elementType, CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer =
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    return new CalcitePreparingStmt(this, context, catalogReader, typeFactory,
        context.getRootSchema(), prefer, createCluster(planner, new RexBuilder(typeFactory)),
        EnumerableConvention.INSTANCE, createConvertletTable()) {
      @Override
      protected org.apache.calcite.sql.validate.SqlValidator createSqlValidator(
          org.apache.calcite.prepare.Prepare.CatalogReader reader,
          java.util.function.UnaryOperator<org.apache.calcite.sql.validate.SqlValidator.Config> t) {
        return ShoalValidator.create(context, (CalciteCatalogReader) reader, t);
      }

      @Override
      protected Program getProgram() {
        // The residency check sees the final plan, before anything runs (issue 6).
        // Prepare.optimize has just set a plain RexExecutorImpl on the planner: swap it for one that
        // reuses compiled constant reductions (same data context).
        Program reuseReductions = (planner, rel, traits, materializations, lattices) -> {
          planner.setExecutor(new CachingRexExecutor(context.getDataContext()));
          return rel;
        };
        return Programs.sequence(reuseReductions, io.shoal.planner.residency.ResidencyCheck.logicalProgram(),
            RowLimit.program(maxRows), FederationPrograms.program(),
            io.shoal.planner.residency.ResidencyCheck.program(), Unsupported.program(), FragmentUses.program());
      }
    };
  }
}

package io.shoal.planner.pushdown;

import io.shoal.planner.exec.PlannedFragment;
import io.shoal.planner.exec.RowBudget;
import io.shoal.planner.exec.SiteRuntime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.WeakHashMap;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.externalize.RelWriterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.util.SqlString;

/**
 * The edge where a site's fragment ends: generates the fragment SQL (DuckDB dialect, via Calcite's
 * JdbcImplementor) from the site-convention subtree, and at run time sends it to the site and
 * yields its rows from Arrow batches.
 */
public final class SiteToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  private SqlString sql;
  /** Set by {@link FragmentUses}: the plan enumerates this fragment again per outer row. */
  boolean spool;
  /** Set by {@link FragmentUses}: the rows a bare LIMIT above needs from this and its siblings. */
  RowBudget budget;

  public SiteToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  public String site() {
    return ((SiteConvention) getInput().getConvention()).site();
  }

  /** The SQL this fragment sends to its site ({@code ?} for dynamic parameters). */
  public String fragmentSql() {
    return sqlString().getSql();
  }

  private SqlString sqlString() {
    if (sql == null) {
      SqlDialect dialect = ShoalDuckDbDialect.INSTANCE;
      JdbcImplementor implementor =
          new FragmentImplementor((JavaTypeFactory) getCluster().getTypeFactory());
      sql = implementor.visitRoot(getInput()).asStatement().toSqlString(dialect);
    }
    return sql;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SiteToEnumerableConverter(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Same as the JDBC adapter: shipping rows is what costs, so fewer rows out = cheaper plan.
    RelOptCost cost = super.computeSelfCost(planner, mq);
    return cost == null ? null : cost.multiplyBy(.1);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    RelWriter w = super.explainTerms(pw).item("site", site());
    // Only EXPLAIN output carries the SQL: digests are computed for every candidate plan.
    if (pw instanceof RelWriterImpl) {
      String text;
      try {
        text = fragmentSql().replaceAll("\\s+", " ");
      } catch (RuntimeException e) {
        text = "<cannot generate fragment SQL: " + e.getMessage() + ">";
      }
      w.item("sql", text);
      String epsilon = io.shoal.planner.policy.ResidencyCheck.privacyCost(this);
      if (epsilon != null) w.item("epsilon", epsilon);
    }
    return w;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    RelDataType rowType = getRowType();
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), rowType, JavaRowFormat.ARRAY);
    boolean scalar = physType.getFormat() == JavaRowFormat.SCALAR;
    List<String> types = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      types.add(SiteRuntime.typeCode(f.getType()));
    }
    SqlString sqlString = sqlString();
    List<Integer> params =
        sqlString.getDynamicParameters() == null ? List.of() : sqlString.getDynamicParameters();
    Map<Integer, RelDataType> paramTypes = dynamicParamTypes(getInput());
    List<String> paramTypeCodes = new ArrayList<>();
    for (Integer p : params) {
      RelDataType t = paramTypes.get(p);
      paramTypeCodes.add(t == null ? "ANY" : SiteRuntime.typeCode(t));
    }
    // The plan's fragments, one per distinct fragment, each with how many places of the plan run
    // it (TPC-H Q15 reads its view twice): at run time the first fragment bound starts them all,
    // and the first reader of a shared one knows whether to keep its rows for the others. The plan
    // may be a DAG: Calcite implements a shared subtree once per parent, each one a place.
    int[] paramIndexes = params.stream().mapToInt(Integer::intValue).toArray();
    String[] typeCodes = types.toArray(new String[0]);
    // A fragment under a LIMIT's budget is its own fetch: another place of the plan needs all rows.
    String key = site() + '\0' + scalar + '\0' + types + '\0' + params + '\0' + sqlString.getSql()
        + '\0' + (budget == null ? "" : System.identityHashCode(budget));
    Map<String, PlannedFragment> plan = PLAN.computeIfAbsent(implementor, i -> new LinkedHashMap<>());
    PlannedFragment fragment = plan.computeIfAbsent(key, k -> new PlannedFragment(site(),
        sqlString.getSql(), typeCodes, paramIndexes, paramTypeCodes.toArray(new String[0]), scalar,
        new int[1], budget, new boolean[1]));
    fragment.users()[0]++;
    fragment.spool()[0] |= spool;
    BlockBuilder builder = new BlockBuilder();
    Expression call = Expressions.call(
        SiteRuntime.class,
        "fragment",
        implementor.getRootExpression(),
        implementor.stash(fragment, PlannedFragment.class),
        // a live view: complete once the whole plan is implemented, before it runs
        implementor.stash(Collections.unmodifiableCollection(plan.values()), Collection.class));
    builder.add(Expressions.return_(null, call));
    return implementor.result(physType, builder.toBlock());
  }

  /** Per implementation of a plan: its fragments by identity (see {@link #implement}). */
  private static final Map<EnumerableRelImplementor, Map<String, PlannedFragment>> PLAN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private static Map<Integer, RelDataType> dynamicParamTypes(RelNode root) {
    Map<Integer, RelDataType> out = new TreeMap<>();
    RexShuttle rex = new RexShuttle() {
      @Override
      public RexNode visitDynamicParam(RexDynamicParam p) {
        out.put(p.getIndex(), p.getType());
        return p;
      }
    };
    root.accept(new RelShuttleImpl() {
      @Override
      protected RelNode visitChild(RelNode parent, int i, RelNode child) {
        child.accept(rex);
        return super.visitChild(parent, i, child);
      }

      @Override
      public RelNode visit(RelNode other) {
        other.accept(rex);
        return super.visit(other);
      }
    });
    root.accept(rex);
    return out;
  }
}

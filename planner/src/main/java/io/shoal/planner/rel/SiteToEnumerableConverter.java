package io.shoal.planner.rel;

import io.shoal.planner.exec.SiteRuntime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.WeakHashMap;
import java.util.Map;
import java.util.TreeMap;
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
    // How many places of this plan run the same fragment (TPC-H Q15 reads its view twice): one
    // holder per plan, counted up by each of them, so at run time the first reader knows whether
    // to keep its rows for the others. The plan may be a DAG: Calcite implements a shared subtree
    // once per parent, and each implementation is one place.
    String key = site() + '\0' + scalar + '\0' + types + '\0' + params + '\0' + sqlString.getSql();
    int[] users = USERS.computeIfAbsent(implementor, i -> new HashMap<>())
        .computeIfAbsent(key, k -> new int[1]);
    users[0]++;
    // Every fragment of the plan, so that the first one bound at run time starts them all.
    List<Object[]> plan = PLAN.computeIfAbsent(implementor, i -> new ArrayList<>());
    if (users[0] == 1) {
      plan.add(SiteRuntime.planEntry(site(), sqlString.getSql(), types.toArray(new String[0]),
          params.stream().mapToInt(Integer::intValue).toArray(), paramTypeCodes.toArray(new String[0]),
          scalar, users));
    }
    BlockBuilder builder = new BlockBuilder();
    Expression call = Expressions.call(
        SiteRuntime.class,
        "fragment",
        implementor.getRootExpression(),
        Expressions.constant(site()),
        Expressions.constant(sqlString.getSql()),
        Expressions.constant(types.toArray(new String[0])),
        Expressions.constant(params.stream().mapToInt(Integer::intValue).toArray()),
        Expressions.constant(paramTypeCodes.toArray(new String[0])),
        Expressions.constant(scalar),
        implementor.stash(users, int[].class),
        implementor.stash(plan, List.class));
    builder.add(Expressions.return_(null, call));
    return implementor.result(physType, builder.toBlock());
  }

  /** Per implementation of a plan: the places that run each fragment (see {@link #implement}). */
  private static final Map<EnumerableRelImplementor, Map<String, int[]>> USERS =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Per implementation of a plan: its fragments, in {@link SiteRuntime#planEntry} form. */
  private static final Map<EnumerableRelImplementor, List<Object[]>> PLAN =
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

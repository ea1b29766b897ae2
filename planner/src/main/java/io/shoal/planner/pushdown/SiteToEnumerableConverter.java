package io.shoal.planner.pushdown;

import io.shoal.planner.exec.PlannedFragment;
import io.shoal.planner.exec.RowBudget;
import io.shoal.planner.exec.ArrowRows;
import io.shoal.planner.exec.FragmentPlan;
import io.shoal.planner.exec.QueryContext;
import io.shoal.planner.exec.QueryRun;
import java.util.ArrayList;
import java.util.List;
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

/**
 * The edge where a site's fragment ends: generates the fragment SQL (DuckDB dialect, via Calcite's
 * JdbcImplementor) from the site-convention subtree, and at run time sends it to the site and
 * yields its rows from Arrow batches.
 */
public final class SiteToEnumerableConverter extends ConverterImpl implements EnumerableRel {
  private FragmentStatement statement;
  /** Set by {@link FragmentUses}: the plan enumerates this fragment again per outer row. */
  boolean spool;
  /** Set by {@link FragmentUses}: the rows a bare LIMIT above needs from this and its siblings. */
  RowBudget budget;
  /** Set by {@link FragmentUses}: this fragment as the plan runs it, and the plan's fragments. */
  PlannedFragment planned;
  FragmentPlan plan;

  public SiteToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, ConventionTraitDef.INSTANCE, traits, input);
  }

  public String site() {
    return ((SiteConvention) getInput().getConvention()).site();
  }

  /** The SQL this fragment sends to its site ({@code ?} for dynamic parameters). */
  public String fragmentSql() {
    return statement().text();
  }

  FragmentStatement statement() {
    if (statement == null) {
      JdbcImplementor implementor =
          new FragmentImplementor((JavaTypeFactory) getCluster().getTypeFactory());
      statement = new FragmentStatement(implementor.visitRoot(getInput()).asStatement(),
          ShoalDuckDbDialect.INSTANCE, dynamicParamTypes(getInput()));
    }
    return statement;
  }

  /** This fragment alone, read from no place yet: {@link FragmentUses} counts the places. */
  PlannedFragment describe() {
    PhysType physType = PhysTypeImpl.of((JavaTypeFactory) getCluster().getTypeFactory(),
        getRowType(), JavaRowFormat.ARRAY);
    List<String> types = new ArrayList<>();
    for (RelDataTypeField f : getRowType().getFieldList()) {
      types.add(ArrowRows.typeCode(f.getType()));
    }
    return new PlannedFragment(site(), statement(), types.toArray(new String[0]),
        physType.getFormat() == JavaRowFormat.SCALAR, 0, budget, false);
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
      String epsilon = SitePolicies.privacyCost(this);
      if (epsilon != null) w.item("epsilon", epsilon);
    }
    return w;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType =
        PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    PlannedFragment fragment = planned;
    FragmentPlan fragments = plan;
    if (fragment == null) {
      // A plan that did not pass through FragmentUses (none of Shoal's prepares skip it): this
      // fragment alone, read from one place.
      fragment = describe().withOneMoreUser(false);
      fragments = new FragmentPlan(List.of(fragment));
    }
    // QueryContext.run(root).fragment(fragment, plan, root)
    Expression root = implementor.getRootExpression();
    Expression call = Expressions.call(
        Expressions.call(QueryContext.RUN, root),
        QueryRun.FRAGMENT,
        implementor.stash(fragment, PlannedFragment.class),
        implementor.stash(fragments, FragmentPlan.class),
        root);
    BlockBuilder builder = new BlockBuilder();
    builder.add(Expressions.return_(null, call));
    return implementor.result(physType, builder.toBlock());
  }

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

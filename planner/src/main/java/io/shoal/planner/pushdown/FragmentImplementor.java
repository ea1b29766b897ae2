package io.shoal.planner.pushdown;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's JDBC SQL generator, except that a site's table is named as the site knows it
 * ({@code orders}), not as the coordinator does ({@code eu.orders}), a semi- or anti-join
 * over another one reads it as a sub-query (Calcite otherwise names an alias the SQL never
 * declares: TPC-H Q21's EXISTS and NOT EXISTS as ExistsToSemiJoinRule makes them), and an inner
 * join whose condition has an OR says it in WHERE (see {@link #visit(Join)}).
 */
public final class FragmentImplementor extends JdbcImplementor {
  /** Per semi/anti-join: the columns of its left side as its SELECT names them. */
  private final Map<RelNode, Context> leftColumns = new IdentityHashMap<>();

  public FragmentImplementor(JavaTypeFactory typeFactory) {
    super(ShoalDuckDbDialect.INSTANCE, typeFactory);
  }

  @Override
  public Result visitInput(RelNode parent, int i, boolean anon, boolean ignoreClauses,
      Set<Clause> expectedClauses) {
    Result r = super.visitInput(parent, i, anon, ignoreClauses, expectedClauses);
    if (i != 0 || !semiOrAnti(parent)) {
      return r;
    }
    RelNode left = parent.getInput(0);
    Context columns = leftColumns.get(left);
    if (semiOrAnti(left) && columns != null) {
      r = asSubQuery(r, left, columns);
    }
    // The columns of this semi-join's left side, as its own SELECT will name them.
    leftColumns.put(parent, r.resetAlias().qualifiedContext());
    return r;
  }

  /**
   * A semi-join under a semi-join, as a sub-query with every column named as the plan names it
   * (SELECT * over a join may repeat a name).
   */
  private Result asSubQuery(Result r, RelNode rel, Context columns) {
    SqlSelect inner = r.asSelect();
    List<SqlNode> items = new ArrayList<>();
    List<RelDataTypeField> fields = rel.getRowType().getFieldList();
    for (int k = 0; k < fields.size(); k++) {
      items.add(SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, columns.field(k),
          new SqlIdentifier(fields.get(k).getName(), SqlParserPos.ZERO)));
    }
    inner.setSelectList(new SqlNodeList(items, SqlParserPos.ZERO));
    SqlNode as = SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, inner,
        new SqlIdentifier("sj" + leftColumns.size(), SqlParserPos.ZERO));
    return result(as, List.of(Clause.FROM), rel, null);
  }

  private static boolean semiOrAnti(RelNode rel) {
    return rel instanceof Join && (((Join) rel).getJoinType() == JoinRelType.SEMI
        || ((Join) rel).getJoinType() == JoinRelType.ANTI);
  }

  /**
   * An inner join whose condition holds an OR is written {@code a CROSS JOIN b WHERE condition}:
   * the same rows, but DuckDB only derives single-table filters and the hash key from an OR in
   * WHERE, not in ON. TPC-H Q19's fragment on the eu third, one thread: 32-35 ms with the OR in
   * ON (a hash join of 70,000 parts with 86,000 line items, then the OR per pair), 21-23 ms so
   * (485 parts, the key pulled out of the OR), as fast as Q19 written by hand.
   */
  @Override
  public Result visit(Join e) {
    if (e.getJoinType() == JoinRelType.INNER && hasOr(e.getCondition())) {
      Join cross = e.copy(e.getTraitSet(), e.getCluster().getRexBuilder().makeLiteral(true),
          e.getLeft(), e.getRight(), JoinRelType.INNER, e.isSemiJoinDone());
      // The filter's fields are the join's: the condition reads the same columns in WHERE.
      return visit((Filter) LogicalFilter.create(cross, e.getCondition()));
    }
    return super.visit(e);
  }

  private static boolean hasOr(RexNode condition) {
    return RelOptUtil.conjunctions(condition).stream().anyMatch(c -> c.isA(SqlKind.OR));
  }

  @Override
  public Result visit(TableScan e) {
    if (e instanceof SiteTableScan) {
      SqlIdentifier id = new SqlIdentifier(
          ((SiteTableScan) e).siteTable().info().name(), SqlParserPos.ZERO);
      return result(id, List.of(Clause.FROM), e, null);
    }
    return super.visit(e);
  }
}

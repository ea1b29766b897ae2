package io.shoal.planner.pushdown;

import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Scan of one table at one site, in that site's convention so JdbcRules build on it. */
public final class SiteTableScan extends TableScan implements JdbcRel {
  private final TableAtSite siteTable;

  public SiteTableScan(RelOptCluster cluster, RelOptTable table, TableAtSite siteTable) {
    super(cluster, cluster.traitSetOf(siteTable.convention()), List.of(), table);
    this.siteTable = siteTable;
  }

  public TableAtSite siteTable() {
    return siteTable;
  }

  public String site() {
    return siteTable.site();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public void register(RelOptPlanner planner) {
    siteTable.convention().register(planner);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    // Reading at the site is cheap relative to shipping rows; the converter charges for those.
    return super.computeSelfCost(planner, mq).multiplyBy(0.5);
  }

  @Override
  public SqlImplementor.Result implement(JdbcImplementor implementor) {
    // The site knows the table by its own name only (no coordinator schema prefix).
    SqlIdentifier id = new SqlIdentifier(siteTable.info().name(), SqlParserPos.ZERO);
    return implementor.result(id, List.of(SqlImplementor.Clause.FROM), this, null);
  }
}

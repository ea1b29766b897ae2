package io.shoal.planner.rel;

import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Calcite's JDBC SQL generator, except that a site's table is named as the site knows it
 * ({@code orders}), not as the coordinator does ({@code eu.orders}).
 */
public final class FragmentImplementor extends JdbcImplementor {
  public FragmentImplementor(JavaTypeFactory typeFactory) {
    super(ShoalDuckDbDialect.INSTANCE, typeFactory);
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

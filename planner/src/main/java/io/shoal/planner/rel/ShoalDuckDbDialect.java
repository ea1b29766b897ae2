package io.shoal.planner.rel;

import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * DuckDB dialect for fragments; DuckDB rejects Calcite's {@code CHARACTER SET} in casts. Window
 * functions stay at the coordinator: a window over a global table needs all sites' rows, and with
 * windows allowed JdbcProjectRule made site projects holding RexOver, which ProjectToWindowRule
 * then turned into a LogicalWindow in the site's convention (an AssertionError at planning).
 */
public final class ShoalDuckDbDialect extends DuckDBSqlDialect {
  public static final ShoalDuckDbDialect INSTANCE = new ShoalDuckDbDialect();

  private ShoalDuckDbDialect() {
    super(DuckDBSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public boolean supportsCharSet() {
    return false;
  }

  @Override
  public boolean supportsWindowFunctions() {
    return false;
  }
}

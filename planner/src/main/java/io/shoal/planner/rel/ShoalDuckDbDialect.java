package io.shoal.planner.rel;

import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/** DuckDB dialect for fragments; DuckDB rejects Calcite's {@code CHARACTER SET} in casts. */
public final class ShoalDuckDbDialect extends DuckDBSqlDialect {
  public static final ShoalDuckDbDialect INSTANCE = new ShoalDuckDbDialect();

  private ShoalDuckDbDialect() {
    super(DuckDBSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public boolean supportsCharSet() {
    return false;
  }
}

package io.shoal.planner.functions;

import java.util.List;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions Shoal's SQL knows beyond the standard ones: DuckDB's everyday functions and
 * aggregates (see DuckDbFunctions; BOOL_AND/BOOL_OR roll up as themselves, like MIN/MAX), and
 * {@code +}, {@code -} and {@code /} typed as DuckDB types them (see DuckDbDatetimeArithmetic).
 */
public final class ShoalOperators {
  private ShoalOperators() {}

  /** Looked up before the standard table (see ShoalValidator). */
  public static final SqlOperatorTable EXTRA = SqlOperatorTables.chain(
      SqlOperatorTables.of(List.of(
          DuckDbDatetimeArithmetic.PLUS,
          DuckDbDatetimeArithmetic.MINUS,
          DuckDbDivision.DIVIDE)),
      DuckDbFunctions.TABLE);
}

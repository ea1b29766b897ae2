package io.shoal.planner.pushdown;

import io.shoal.planner.functions.DuckDbFunctions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * DuckDB dialect for fragments; DuckDB rejects Calcite's {@code CHARACTER SET} in casts. Window
 * functions stay at the coordinator: a window over a global table needs all sites' rows, and with
 * windows allowed JdbcProjectRule made site projects holding RexOver, which ProjectToWindowRule
 * then turned into a LogicalWindow in the site's convention (an AssertionError at planning).
 *
 * <p>Calcite's functions that DuckDB spells otherwise are written in DuckDB's words here
 * ({@code SAFE_CAST} is {@code TRY_CAST}); DuckDB's own functions (DuckDbFunctions) by their
 * plain names. Every name written must be on the sites' allow-list (FragmentFunctions).
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
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() == SqlKind.SAFE_CAST) {
      SqlWriter.Frame frame = writer.startFunCall("TRY_CAST");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("AS");
      call.operand(1).unparse(writer, 0, 0);
      writer.endFunCall(frame);
      return;
    }
    if (call.getOperator() instanceof DuckDbFunctions.DuckDb) {
      SqlWriter.Frame frame = writer.startFunCall(call.getOperator().getName());
      for (SqlNode operand : call.getOperandList()) {
        writer.sep(",");
        operand.unparse(writer, 0, 0);
      }
      writer.endFunCall(frame);
      return;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }

  /** DuckDB's TIME takes no precision ({@code TIME(0)} is a syntax error there). */
  @Override
  public SqlNode getCastSpec(RelDataType type) {
    if (type.getSqlTypeName() == SqlTypeName.TIME) {
      return new SqlDataTypeSpec(
          new SqlBasicTypeNameSpec(SqlTypeName.TIME, SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  @Override
  public boolean supportsWindowFunctions() {
    return false;
  }
}

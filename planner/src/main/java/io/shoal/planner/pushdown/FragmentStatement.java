package io.shoal.planner.pushdown;

import io.shoal.planner.exec.FragmentSql;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriterConfig;
import org.apache.calcite.sql.pretty.SqlPrettyWriter;

/**
 * A fragment's statement as Calcite's JDBC implementor built it, rendered in the DuckDB dialect.
 * With dynamic parameters, each execution unparses the statement again with a writer that puts
 * each parameter's value, as a literal of the parameter's type, where the parameter's node is: the
 * tree says where parameters go, so no text is scanned for {@code ?} (one inside a quoted name or
 * string could not be told from a parameter by a scan that missed a quoting rule).
 */
final class FragmentStatement implements FragmentSql {
  private final SqlNode statement;
  private final SqlDialect dialect;
  private final String text;
  /** Per dynamic parameter index, its type; empty without parameters. */
  private final Map<Integer, RelDataType> parameterTypes;

  FragmentStatement(SqlNode statement, SqlDialect dialect, Map<Integer, RelDataType> parameterTypes) {
    this.statement = statement;
    this.dialect = dialect;
    this.parameterTypes = Map.copyOf(parameterTypes);
    this.text = statement.toSqlString(dialect).getSql();
  }

  @Override
  public String text() {
    return text;
  }

  @Override
  public String bind(DataContext root) {
    if (parameterTypes.isEmpty()) {
      return text;
    }
    SqlPrettyWriter writer = new SqlPrettyWriter(config(dialect)) {
      @Override
      public void dynamicParam(int index) {
        literal(FragmentStatement.literal(root.get("?" + index), parameterTypes.get(index)));
      }
    };
    statement.unparse(writer, 0, 0);
    return writer.toSqlString().getSql();
  }

  /** What {@code SqlNode.toSqlString(dialect)} uses, so both renderings differ only in parameters. */
  private static SqlWriterConfig config(SqlDialect dialect) {
    return SqlPrettyWriter.config().withDialect(dialect).withAlwaysUseParentheses(false)
        .withSelectListItemsOnSeparateLines(false).withUpdateSetListNewline(false)
        .withIndentation(0);
  }

  /**
   * A parameter's value as a DuckDB literal of its type. Calcite hands DATE, TIME and TIMESTAMP
   * values as numbers (days, milliseconds of the day, milliseconds since the epoch in UTC).
   */
  static String literal(Object v, RelDataType type) {
    if (v == null) {
      return "NULL";
    }
    String base = type == null ? "ANY" : type.getSqlTypeName().getName();
    switch (base) {
      case "DATE":
        return "DATE '" + (v instanceof Number n ? LocalDate.ofEpochDay(n.longValue()) : v) + "'";
      case "TIMESTAMP":
        if (v instanceof Number n) {
          long ms = n.longValue();
          return "TIMESTAMP '" + LocalDateTime.ofEpochSecond(Math.floorDiv(ms, 1000L),
              (int) Math.floorMod(ms, 1000L) * 1_000_000, ZoneOffset.UTC) + "'";
        }
        return "TIMESTAMP '" + v + "'";
      case "TIME":
        if (v instanceof Number n) {
          return "TIME '" + LocalTime.ofNanoOfDay(n.longValue() * 1_000_000) + "'";
        }
        return "TIME '" + v + "'";
      default:
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      // DuckDB reads 'NaN' and 'inf' only as strings cast to DOUBLE.
      return Double.isFinite(d) ? Double.toString(d) : "CAST('" + d + "' AS DOUBLE)";
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    // The dialect's quoting for a string without a character set, for any text: Calcite would
    // write a non-ASCII value as U&'...', which DuckDB does not read; DuckDB reads UTF-8 as is.
    return "'" + v.toString().replace("'", "''") + "'";
  }
}

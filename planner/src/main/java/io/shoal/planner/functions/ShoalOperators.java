package io.shoal.planner.functions;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * The functions Shoal's SQL knows beyond the standard ones: DuckDB's everyday functions and
 * aggregates (see DuckDbFunctions; BOOL_AND/BOOL_OR roll up as themselves, like MIN/MAX), and
 * {@code +}, {@code -} and {@code /} typed as DuckDB types them (see DuckDbDatetimeArithmetic).
 */
public final class ShoalOperators {
  private ShoalOperators() {}

  static final SqlOperatorTable EXTRA = SqlOperatorTables.chain(
      SqlOperatorTables.of(List.of(
          DuckDbDatetimeArithmetic.PLUS,
          DuckDbDatetimeArithmetic.MINUS,
          DuckDbDivision.DIVIDE)),
      DuckDbFunctions.TABLE);

  /** The prepare context, except that its configuration's operator table includes {@link #EXTRA}. */
  public static CalcitePrepare.Context withExtraOperators(CalcitePrepare.Context context) {
    CalciteConnectionConfig config = context.config();
    CalciteConnectionConfig wrapped = (CalciteConnectionConfig) Proxy.newProxyInstance(
        ShoalOperators.class.getClassLoader(), new Class<?>[] {CalciteConnectionConfig.class},
        (p, m, args) -> {
          if (m.getName().equals("fun") && args != null && args.length == 2
              && args[0] == SqlOperatorTable.class) {
            SqlOperatorTable base = config.fun(SqlOperatorTable.class,
                args[1] == null ? SqlStdOperatorTable.instance() : (SqlOperatorTable) args[1]);
            // EXTRA first: the validator re-resolves "+" and "-" by name and takes the first.
            return SqlOperatorTables.chain(EXTRA, base);
          }
          return invoke(m, config, args);
        });
    return (CalcitePrepare.Context) Proxy.newProxyInstance(
        ShoalOperators.class.getClassLoader(), new Class<?>[] {CalcitePrepare.Context.class},
        (p, m, args) -> m.getName().equals("config") && (args == null || args.length == 0)
            ? wrapped : invoke(m, context, args));
  }

  private static Object invoke(java.lang.reflect.Method m, Object target, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}

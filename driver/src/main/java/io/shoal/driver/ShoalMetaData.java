package io.shoal.driver;

import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;

/**
 * Database metadata as a BI tool expects it from a read-only, case-insensitive database: names the
 * product and driver, says "no transactions", and hands back wrapped result sets. Tables, columns
 * and types come from the engine (Calcite's catalog over the sites' metadata, fetched once per
 * connection or from the driver's short cache).
 */
final class ShoalMetaData extends Delegating<DatabaseMetaData> {
  private final ShoalConnection connection;

  private ShoalMetaData(DatabaseMetaData delegate, ShoalConnection connection) {
    super(DatabaseMetaData.class, delegate);
    this.connection = connection;
  }

  static DatabaseMetaData wrap(DatabaseMetaData delegate, ShoalConnection connection) {
    return new ShoalMetaData(delegate, connection).proxy();
  }

  /** True when a JDBC pattern has wildcards or escapes, which Calcite 1.42 does not all honour. */
  static boolean isPattern(String p) {
    return p != null && (p.indexOf('%') >= 0 || p.indexOf('_') >= 0 || p.indexOf('\\') >= 0);
  }

  /** JDBC LIKE semantics: % any run, _ one character, backslash escapes; exact case. */
  static java.util.regex.Pattern likeToRegex(String p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '\\' && i + 1 < p.length()) {
        sb.append(java.util.regex.Pattern.quote(String.valueOf(p.charAt(++i))));
      } else if (c == '%') {
        sb.append(".*");
      } else if (c == '_') {
        sb.append('.');
      } else {
        sb.append(java.util.regex.Pattern.quote(String.valueOf(c)));
      }
    }
    return java.util.regex.Pattern.compile(sb.toString(), java.util.regex.Pattern.DOTALL);
  }

  /**
   * Asks the engine with the exact names it handles and filters wildcard patterns ourselves.
   * {@code columns} are the 1-based result columns the patterns apply to, in order.
   */
  private static ResultSet filtered(ResultSet rs, String[] patterns, int[] columns,
      ShoalResultSet.RowFixer then) {
    java.util.regex.Pattern[] regex = new java.util.regex.Pattern[patterns.length];
    boolean any = false;
    for (int i = 0; i < patterns.length; i++) {
      if (isPattern(patterns[i])) {
        regex[i] = likeToRegex(patterns[i]);
        any = true;
      }
    }
    if (!any && then == null) {
      return ShoalResultSet.wrap(rs, (ShoalResultSet.RowFixer) null);
    }
    return ShoalResultSet.wrap(rs, row -> {
      for (int i = 0; i < regex.length; i++) {
        if (regex[i] != null) {
          String v = row.getString(columns[i]);
          if (v == null || !regex[i].matcher(v).matches()) {
            return null;
          }
        }
      }
      return then == null ? java.util.Map.of() : then.fix(row);
    });
  }

  private static String exact(String p) {
    return isPattern(p) ? null : p;
  }

  @Override
  Object intercept(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "getConnection":
        return connection.self();
      case "getURL":
        return connection.url();
      case "getUserName":
        return connection.user();
      case "getDatabaseProductName":
        return "Shoal";
      case "getDatabaseProductVersion":
      case "getDriverVersion":
        return Version.VERSION;
      case "getDriverName":
        return "Shoal JDBC driver";
      case "getDatabaseMajorVersion":
      case "getDriverMajorVersion":
        return Version.MAJOR;
      case "getDatabaseMinorVersion":
      case "getDriverMinorVersion":
        return Version.MINOR;
      case "getJDBCMajorVersion":
        return 4;
      case "getJDBCMinorVersion":
        return 2;
      case "isReadOnly":
        return true;
      case "supportsTransactions":
      case "supportsMultipleTransactions":
      case "supportsDataDefinitionAndDataManipulationTransactions":
      case "supportsDataManipulationTransactionsOnly":
      case "supportsSavepoints":
      case "supportsGetGeneratedKeys":
      case "supportsBatchUpdates":
      case "supportsStoredProcedures":
      case "supportsMixedCaseIdentifiers":
      case "storesUpperCaseIdentifiers":
      case "storesLowerCaseIdentifiers":
      case "supportsMixedCaseQuotedIdentifiers":
      case "storesUpperCaseQuotedIdentifiers":
      case "storesLowerCaseQuotedIdentifiers":
      case "supportsSelectForUpdate":
      case "supportsPositionedDelete":
      case "supportsPositionedUpdate":
      case "dataDefinitionCausesTransactionCommit":
        return false;
      case "storesMixedCaseIdentifiers":
      case "storesMixedCaseQuotedIdentifiers":
      case "dataDefinitionIgnoredInTransactions":
      case "supportsSchemasInDataManipulation":
      case "supportsSchemasInTableDefinitions":
      case "supportsSchemasInProcedureCalls":
      case "supportsSchemasInIndexDefinitions":
      case "supportsSchemasInPrivilegeDefinitions":
        return true;
      case "supportsCatalogsInDataManipulation":
      case "supportsCatalogsInTableDefinitions":
      case "supportsCatalogsInProcedureCalls":
      case "supportsCatalogsInIndexDefinitions":
      case "supportsCatalogsInPrivilegeDefinitions":
        return false;
      case "getDefaultTransactionIsolation":
        return Connection.TRANSACTION_NONE;
      case "supportsTransactionIsolationLevel":
        return (Integer) args[0] == Connection.TRANSACTION_NONE;
      case "getIdentifierQuoteString":
        return "\"";
      case "getSchemaTerm":
        return "schema";
      case "getCatalogTerm":
        return "catalog";
      case "getSQLKeywords":
        return Keywords.NON_SQL2003;
      case "getNumericFunctions":
        return io.shoal.planner.functions.DuckDbFunctions.NUMERIC_FUNCTIONS;
      case "getStringFunctions":
        return io.shoal.planner.functions.DuckDbFunctions.STRING_FUNCTIONS;
      case "getTimeDateFunctions":
        return io.shoal.planner.functions.DuckDbFunctions.TIME_DATE_FUNCTIONS;
      case "getSystemFunctions":
        return io.shoal.planner.functions.DuckDbFunctions.SYSTEM_FUNCTIONS;
      case "getCatalogs":
        // Calcite reports one catalog named NULL; tools then show a nameless node. Schemas only.
        return ShoalResultSet.empty(delegate.getCatalogs());
      case "getSearchStringEscape":
        return "\\";
      case "getColumns": {
        String[] p = {(String) args[1], (String) args[2], (String) args[3]};
        return filtered(delegate.getColumns((String) args[0], exact(p[0]), exact(p[1]), exact(p[2])),
            p, new int[] {2, 3, 4}, ColumnFixer.INSTANCE);
      }
      case "getTables": {
        String[] p = {(String) args[1], (String) args[2]};
        return filtered(delegate.getTables((String) args[0], exact(p[0]), exact(p[1]), (String[]) args[3]),
            p, new int[] {2, 3}, null);
      }
      case "getSchemas":
        if (args != null && args.length == 2) {
          String[] p = {(String) args[1]};
          return filtered(delegate.getSchemas((String) args[0], exact(p[0])), p, new int[] {1}, null);
        }
        return wrapResult(m, args);
      default:
        if (ResultSet.class.isAssignableFrom(m.getReturnType())) {
          return wrapResult(m, args);
        }
        return PASS;
    }
  }

  private Object wrapResult(Method m, Object[] args) throws Throwable {
    ResultSet rs = (ResultSet) m.invoke(delegate, args);
    return rs == null ? null : ShoalResultSet.wrap(rs, (ShoalResultSet.RowFixer) null);
  }
}

package io.shoal.driver;

import io.shoal.protocol.ShoalVersion;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Database metadata as a BI tool expects it from a read-only, case-insensitive database: names the
 * product and driver, says "no transactions", and hands back wrapped result sets. Tables, columns
 * and types come from the engine (Calcite's catalog over the sites' metadata, fetched once per
 * connection or from the driver's short cache).
 */
final class ShoalMetaData extends ForwardingMetaData {
  private final ShoalConnection connection;

  ShoalMetaData(DatabaseMetaData delegate, ShoalConnection connection) {
    super(delegate);
    this.connection = connection;
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
      return ShoalResultSet.of(rs, (ShoalResultSet.RowFixer) null);
    }
    return ShoalResultSet.of(rs, row -> {
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
  ResultSet result(ResultSet rs) {
    return rs == null ? null : ShoalResultSet.of(rs, (ShoalResultSet.RowFixer) null);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() throws SQLException {
    return connection.url();
  }

  @Override
  public String getUserName() throws SQLException {
    return connection.user();
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    return "Shoal";
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return ShoalVersion.VERSION;
  }

  @Override
  public String getDriverName() throws SQLException {
    return "Shoal JDBC driver";
  }

  @Override
  public String getDriverVersion() throws SQLException {
    return ShoalVersion.VERSION;
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return ShoalVersion.MAJOR;
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return ShoalVersion.MINOR;
  }

  @Override
  public int getDriverMajorVersion() {
    return ShoalVersion.MAJOR;
  }

  @Override
  public int getDriverMinorVersion() {
    return ShoalVersion.MINOR;
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return 4;
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return 2;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return false;
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return false;
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return true;
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return true;
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return true;
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return true;
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return Connection.TRANSACTION_NONE;
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return level == Connection.TRANSACTION_NONE;
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    return "\"";
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    return "schema";
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    return "catalog";
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    return Keywords.NON_SQL2003;
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    return io.shoal.planner.functions.DuckDbFunctions.NUMERIC_FUNCTIONS;
  }

  @Override
  public String getStringFunctions() throws SQLException {
    return io.shoal.planner.functions.DuckDbFunctions.STRING_FUNCTIONS;
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    return io.shoal.planner.functions.DuckDbFunctions.TIME_DATE_FUNCTIONS;
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    return io.shoal.planner.functions.DuckDbFunctions.SYSTEM_FUNCTIONS;
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    return "\\";
  }

  /** Calcite reports one catalog named NULL; tools then show a nameless node. Schemas only. */
  @Override
  public ResultSet getCatalogs() throws SQLException {
    return call(() -> ShoalResultSet.empty(delegate.getCatalogs()));
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    String[] p = {schemaPattern, tableNamePattern, columnNamePattern};
    return call(() -> filtered(delegate.getColumns(catalog, exact(p[0]), exact(p[1]), exact(p[2])),
        p, new int[] {2, 3, 4}, ColumnFixer.INSTANCE));
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    String[] p = {schemaPattern, tableNamePattern};
    return call(() -> filtered(delegate.getTables(catalog, exact(p[0]), exact(p[1]), types),
        p, new int[] {2, 3}, null));
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    String[] p = {schemaPattern};
    return call(() -> filtered(delegate.getSchemas(catalog, exact(p[0])), p, new int[] {1}, null));
  }
}

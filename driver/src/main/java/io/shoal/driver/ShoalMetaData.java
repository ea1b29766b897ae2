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
      default:
        if (ResultSet.class.isAssignableFrom(m.getReturnType())) {
          ResultSet rs = (ResultSet) m.invoke(delegate, args);
          return rs == null ? null : ShoalResultSet.wrap(rs, null);
        }
        return PASS;
    }
  }
}

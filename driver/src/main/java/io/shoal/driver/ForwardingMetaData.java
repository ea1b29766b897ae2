package io.shoal.driver;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Forwards every {@link DatabaseMetaData} method to the engine's and turns its failures into
 * Shoal's ({@link Forwarding#failure}); result sets go through {@link #result}. No behaviour of its
 * own: Shoal's is in the subclass.
 */
abstract class ForwardingMetaData extends Forwarding<DatabaseMetaData> implements DatabaseMetaData {
  ForwardingMetaData(DatabaseMetaData delegate) {
    super(delegate);
  }

  /** What the caller gets for a result set of the engine's. */
  abstract ResultSet result(ResultSet rs);

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    return call(delegate::allProceduresAreCallable);
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    return call(delegate::allTablesAreSelectable);
  }

  @Override
  public String getURL() throws SQLException {
    return call(delegate::getURL);
  }

  @Override
  public String getUserName() throws SQLException {
    return call(delegate::getUserName);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return call(delegate::isReadOnly);
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    return call(delegate::nullsAreSortedHigh);
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    return call(delegate::nullsAreSortedLow);
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    return call(delegate::nullsAreSortedAtStart);
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    return call(delegate::nullsAreSortedAtEnd);
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    return call(delegate::getDatabaseProductName);
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return call(delegate::getDatabaseProductVersion);
  }

  @Override
  public String getDriverName() throws SQLException {
    return call(delegate::getDriverName);
  }

  @Override
  public String getDriverVersion() throws SQLException {
    return call(delegate::getDriverVersion);
  }

  @Override
  public int getDriverMajorVersion() {
    return delegate.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return delegate.getDriverMinorVersion();
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    return call(delegate::usesLocalFiles);
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    return call(delegate::usesLocalFilePerTable);
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return call(delegate::supportsMixedCaseIdentifiers);
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return call(delegate::storesUpperCaseIdentifiers);
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return call(delegate::storesLowerCaseIdentifiers);
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return call(delegate::storesMixedCaseIdentifiers);
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return call(delegate::supportsMixedCaseQuotedIdentifiers);
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return call(delegate::storesUpperCaseQuotedIdentifiers);
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return call(delegate::storesLowerCaseQuotedIdentifiers);
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return call(delegate::storesMixedCaseQuotedIdentifiers);
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    return call(delegate::getIdentifierQuoteString);
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    return call(delegate::getSQLKeywords);
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    return call(delegate::getNumericFunctions);
  }

  @Override
  public String getStringFunctions() throws SQLException {
    return call(delegate::getStringFunctions);
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    return call(delegate::getSystemFunctions);
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    return call(delegate::getTimeDateFunctions);
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    return call(delegate::getSearchStringEscape);
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    return call(delegate::getExtraNameCharacters);
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    return call(delegate::supportsAlterTableWithAddColumn);
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    return call(delegate::supportsAlterTableWithDropColumn);
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    return call(delegate::supportsColumnAliasing);
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    return call(delegate::nullPlusNonNullIsNull);
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    return call(delegate::supportsConvert);
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) throws SQLException {
    return call(() -> delegate.supportsConvert(fromType, toType));
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    return call(delegate::supportsTableCorrelationNames);
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    return call(delegate::supportsDifferentTableCorrelationNames);
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    return call(delegate::supportsExpressionsInOrderBy);
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    return call(delegate::supportsOrderByUnrelated);
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    return call(delegate::supportsGroupBy);
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    return call(delegate::supportsGroupByUnrelated);
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    return call(delegate::supportsGroupByBeyondSelect);
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    return call(delegate::supportsLikeEscapeClause);
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    return call(delegate::supportsMultipleResultSets);
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    return call(delegate::supportsMultipleTransactions);
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    return call(delegate::supportsNonNullableColumns);
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    return call(delegate::supportsMinimumSQLGrammar);
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    return call(delegate::supportsCoreSQLGrammar);
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    return call(delegate::supportsExtendedSQLGrammar);
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    return call(delegate::supportsANSI92EntryLevelSQL);
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    return call(delegate::supportsANSI92IntermediateSQL);
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    return call(delegate::supportsANSI92FullSQL);
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    return call(delegate::supportsIntegrityEnhancementFacility);
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    return call(delegate::supportsOuterJoins);
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    return call(delegate::supportsFullOuterJoins);
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    return call(delegate::supportsLimitedOuterJoins);
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    return call(delegate::getSchemaTerm);
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    return call(delegate::getProcedureTerm);
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    return call(delegate::getCatalogTerm);
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    return call(delegate::isCatalogAtStart);
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    return call(delegate::getCatalogSeparator);
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    return call(delegate::supportsSchemasInDataManipulation);
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    return call(delegate::supportsSchemasInProcedureCalls);
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    return call(delegate::supportsSchemasInTableDefinitions);
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    return call(delegate::supportsSchemasInIndexDefinitions);
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    return call(delegate::supportsSchemasInPrivilegeDefinitions);
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    return call(delegate::supportsCatalogsInDataManipulation);
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    return call(delegate::supportsCatalogsInProcedureCalls);
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    return call(delegate::supportsCatalogsInTableDefinitions);
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    return call(delegate::supportsCatalogsInIndexDefinitions);
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    return call(delegate::supportsCatalogsInPrivilegeDefinitions);
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    return call(delegate::supportsPositionedDelete);
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    return call(delegate::supportsPositionedUpdate);
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    return call(delegate::supportsSelectForUpdate);
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    return call(delegate::supportsStoredProcedures);
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    return call(delegate::supportsSubqueriesInComparisons);
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    return call(delegate::supportsSubqueriesInExists);
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    return call(delegate::supportsSubqueriesInIns);
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    return call(delegate::supportsSubqueriesInQuantifieds);
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    return call(delegate::supportsCorrelatedSubqueries);
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    return call(delegate::supportsUnion);
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    return call(delegate::supportsUnionAll);
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    return call(delegate::supportsOpenCursorsAcrossCommit);
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    return call(delegate::supportsOpenCursorsAcrossRollback);
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    return call(delegate::supportsOpenStatementsAcrossCommit);
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    return call(delegate::supportsOpenStatementsAcrossRollback);
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    return call(delegate::getMaxBinaryLiteralLength);
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    return call(delegate::getMaxCharLiteralLength);
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    return call(delegate::getMaxColumnNameLength);
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    return call(delegate::getMaxColumnsInGroupBy);
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    return call(delegate::getMaxColumnsInIndex);
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    return call(delegate::getMaxColumnsInOrderBy);
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    return call(delegate::getMaxColumnsInSelect);
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    return call(delegate::getMaxColumnsInTable);
  }

  @Override
  public int getMaxConnections() throws SQLException {
    return call(delegate::getMaxConnections);
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    return call(delegate::getMaxCursorNameLength);
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    return call(delegate::getMaxIndexLength);
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    return call(delegate::getMaxSchemaNameLength);
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    return call(delegate::getMaxProcedureNameLength);
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    return call(delegate::getMaxCatalogNameLength);
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    return call(delegate::getMaxRowSize);
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    return call(delegate::doesMaxRowSizeIncludeBlobs);
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    return call(delegate::getMaxStatementLength);
  }

  @Override
  public int getMaxStatements() throws SQLException {
    return call(delegate::getMaxStatements);
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    return call(delegate::getMaxTableNameLength);
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    return call(delegate::getMaxTablesInSelect);
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    return call(delegate::getMaxUserNameLength);
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    return call(delegate::getDefaultTransactionIsolation);
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    return call(delegate::supportsTransactions);
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    return call(() -> delegate.supportsTransactionIsolationLevel(level));
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    return call(delegate::supportsDataDefinitionAndDataManipulationTransactions);
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    return call(delegate::supportsDataManipulationTransactionsOnly);
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    return call(delegate::dataDefinitionCausesTransactionCommit);
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    return call(delegate::dataDefinitionIgnoredInTransactions);
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern)
      throws SQLException {
    return call(() -> result(delegate.getProcedures(catalog, schemaPattern, procedureNamePattern)));
  }

  @Override
  public ResultSet getProcedureColumns(
      String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern)
      throws SQLException {
    return call(() -> result(
        delegate.getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern)));
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return call(() -> result(delegate.getTables(catalog, schemaPattern, tableNamePattern, types)));
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return call(() -> result(delegate.getSchemas(catalog, schemaPattern)));
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    return call(() -> result(delegate.getSchemas()));
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    return call(() -> result(delegate.getCatalogs()));
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    return call(() -> result(delegate.getTableTypes()));
  }

  @Override
  public ResultSet getColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return call(() ->
        result(delegate.getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern)));
  }

  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern)
      throws SQLException {
    return call(() -> result(delegate.getColumnPrivileges(catalog, schema, table, columnNamePattern)));
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return call(() -> result(delegate.getTablePrivileges(catalog, schemaPattern, tableNamePattern)));
  }

  @Override
  public ResultSet getBestRowIdentifier(
      String catalog, String schema, String table, int scope, boolean nullable)
      throws SQLException {
    return call(() -> result(delegate.getBestRowIdentifier(catalog, schema, table, scope, nullable)));
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    return call(() -> result(delegate.getVersionColumns(catalog, schema, table)));
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return call(() -> result(delegate.getPrimaryKeys(catalog, schema, table)));
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return call(() -> result(delegate.getImportedKeys(catalog, schema, table)));
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return call(() -> result(delegate.getExportedKeys(catalog, schema, table)));
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return call(() -> result(delegate.getCrossReference(
        parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable)));
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    return call(() -> result(delegate.getTypeInfo()));
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types)
      throws SQLException {
    return call(() -> result(delegate.getUDTs(catalog, schemaPattern, typeNamePattern, types)));
  }

  @Override
  public ResultSet getIndexInfo(
      String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return call(() -> result(delegate.getIndexInfo(catalog, schema, table, unique, approximate)));
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    return call(() -> delegate.supportsResultSetType(type));
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    return call(() -> delegate.supportsResultSetConcurrency(type, concurrency));
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    return call(() -> delegate.ownUpdatesAreVisible(type));
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    return call(() -> delegate.ownDeletesAreVisible(type));
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    return call(() -> delegate.ownInsertsAreVisible(type));
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    return call(() -> delegate.othersUpdatesAreVisible(type));
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    return call(() -> delegate.othersDeletesAreVisible(type));
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    return call(() -> delegate.othersInsertsAreVisible(type));
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    return call(() -> delegate.updatesAreDetected(type));
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    return call(() -> delegate.deletesAreDetected(type));
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    return call(() -> delegate.insertsAreDetected(type));
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    return call(delegate::supportsBatchUpdates);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return call(delegate::getConnection);
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    return call(delegate::supportsSavepoints);
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    return call(delegate::supportsNamedParameters);
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    return call(delegate::supportsMultipleOpenResults);
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    return call(delegate::supportsGetGeneratedKeys);
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern)
      throws SQLException {
    return call(() -> result(delegate.getSuperTypes(catalog, schemaPattern, typeNamePattern)));
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern)
      throws SQLException {
    return call(() -> result(delegate.getSuperTables(catalog, schemaPattern, tableNamePattern)));
  }

  @Override
  public ResultSet getAttributes(
      String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern)
      throws SQLException {
    return call(() ->
        result(delegate.getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern)));
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    return call(() -> delegate.supportsResultSetHoldability(holdability));
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return call(delegate::getResultSetHoldability);
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return call(delegate::getDatabaseMajorVersion);
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return call(delegate::getDatabaseMinorVersion);
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    return call(delegate::getJDBCMajorVersion);
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    return call(delegate::getJDBCMinorVersion);
  }

  @Override
  public int getSQLStateType() throws SQLException {
    return call(delegate::getSQLStateType);
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    return call(delegate::locatorsUpdateCopy);
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    return call(delegate::supportsStatementPooling);
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    return call(delegate::getRowIdLifetime);
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    return call(delegate::supportsStoredFunctionsUsingCallSyntax);
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    return call(delegate::autoCommitFailureClosesAllResultSets);
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    return call(() -> result(delegate.getClientInfoProperties()));
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern)
      throws SQLException {
    return call(() -> result(delegate.getFunctions(catalog, schemaPattern, functionNamePattern)));
  }

  @Override
  public ResultSet getFunctionColumns(
      String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern)
      throws SQLException {
    return call(() ->
        result(delegate.getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern)));
  }

  @Override
  public ResultSet getPseudoColumns(
      String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return call(() ->
        result(delegate.getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern)));
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    return call(delegate::generatedKeyAlwaysReturned);
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    return call(delegate::getMaxLogicalLobSize);
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    return call(delegate::supportsRefCursors);
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    return call(delegate::supportsSharding);
  }
}

package io.shoal.flight;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.flight.FlightProducer.CallContext;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/**
 * The catalog a site shows to metadata browsers (DBeaver, the Flight SQL JDBC driver's
 * DatabaseMetaData): one schema, {@value #SCHEMA}, with the tables the caller may see, their
 * columns typed as DuckDB names them, and the server's SQL info.
 */
final class CatalogMetadata {
  /** The one schema a site exposes; DuckDB's default, so clients can qualify names with it. */
  static final String SCHEMA = "main";

  private final Site site;
  private final BufferAllocator allocator;
  private final Principals principals;
  private final SqlInfoBuilder sqlInfo;

  CatalogMetadata(Site site, SiteInfo info, BufferAllocator allocator, Principals principals) {
    this.site = site;
    this.allocator = allocator;
    this.principals = principals;
    this.sqlInfo =
        new SqlInfoBuilder()
            .withFlightSqlServerName("Shoal site " + info.name())
            .withFlightSqlServerVersion(info.shoalVersion() == null ? "unknown" : info.shoalVersion())
            .withFlightSqlServerArrowVersion(arrowVersion())
            .withFlightSqlServerReadOnly(true)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(true)
            .withSqlIdentifierQuoteChar("\"")
            .withSqlSearchStringEscape("\\")
            .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlSchemaTerm("schema")
            .withSqlCatalogTerm("catalog")
            .withSqlDdlCatalog(false)
            .withSqlDdlSchema(false)
            .withSqlDdlTable(false)
            .withSqlTransactionsSupported(false)
            .withSqlBatchUpdatesSupported(false)
            .withSqlSupportsColumnAliasing(true)
            .withSqlNullPlusNullIsNull(true)
            .withSqlSupportsExpressionsInOrderBy(true)
            .withSqlSupportsLikeEscapeClause(true)
            .withSqlCorrelatedSubqueriesSupported(true)
            .withSqlAllTablesAreSelectable(true);
  }

  private static String arrowVersion() {
    String v = Schema.class.getPackage().getImplementationVersion();
    return v == null ? "18" : v;
  }

  void sqlInfo(CommandGetSqlInfo command, ServerStreamListener listener) {
    sqlInfo.send(command.getInfoList(), listener);
  }

  void catalogs(ServerStreamListener listener) {
    // No catalogs: tables are addressed as main.<table> or <table>, as in DuckDB.
    sendEmpty(Schemas.GET_CATALOGS_SCHEMA, listener);
  }

  void schemas(CommandGetDbSchemas command, ServerStreamListener listener) {
    boolean match =
        catalogMatches(command.hasCatalog() ? command.getCatalog() : null)
            && like(command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null, SCHEMA);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator)) {
      if (match) {
        ((VarCharVector) root.getVector("db_schema_name")).setSafe(0, new Text(SCHEMA));
        root.getVector("catalog_name").setNull(0);
        root.setRowCount(1);
      }
      send(root, listener);
    }
  }

  void tables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
    boolean withSchema = command.getIncludeSchema();
    Schema schema = withSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    boolean typeOk = command.getTableTypesCount() == 0 || command.getTableTypesList().stream().anyMatch("TABLE"::equalsIgnoreCase);
    boolean schemaOk =
        catalogMatches(command.hasCatalog() ? command.getCatalog() : null)
            && like(command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null, SCHEMA);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      int row = 0;
      if (typeOk && schemaOk) {
        List<TableInfo> tables = new ArrayList<>(site.info(principals.principal(context)).tables());
        tables.sort(Comparator.comparing(TableInfo::name));
        String pattern = command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null;
        for (TableInfo t : tables) {
          if (!like(pattern, t.name())) continue;
          root.getVector("catalog_name").setNull(row);
          ((VarCharVector) root.getVector("db_schema_name")).setSafe(row, new Text(SCHEMA));
          ((VarCharVector) root.getVector("table_name")).setSafe(row, new Text(t.name()));
          ((VarCharVector) root.getVector("table_type")).setSafe(row, new Text("TABLE"));
          if (withSchema) {
            byte[] bytes = describedSchema(t).serializeAsMessage();
            ((VarBinaryVector) root.getVector("table_schema")).setSafe(row, bytes);
          }
          row++;
        }
      }
      root.setRowCount(row);
      send(root, listener);
    } catch (SiteException | RuntimeException e) {
      listener.error(FlightErrors.of(e));
    }
  }

  /** The table's Arrow schema, each column annotated with its DuckDB type name for JDBC metadata. */
  private Schema describedSchema(TableInfo table) throws SiteException {
    Schema arrow = site.tableSchema(table.name());
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < arrow.getFields().size(); i++) {
      Field f = arrow.getFields().get(i);
      ColumnInfo col = i < table.columns().size() ? table.columns().get(i) : null;
      FlightSqlColumnMetadata.Builder md =
          new FlightSqlColumnMetadata.Builder().schemaName(SCHEMA).tableName(table.name()).isReadOnly(true);
      if (col != null && col.name().equalsIgnoreCase(f.getName())) md.typeName(col.type());
      fields.add(new Field(f.getName(), new org.apache.arrow.vector.types.pojo.FieldType(
          f.isNullable(), f.getType(), f.getDictionary(), md.build().getMetadataMap()), f.getChildren()));
    }
    return new Schema(fields);
  }

  void tableTypes(ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator)) {
      VarCharVector types = (VarCharVector) root.getVector("table_type");
      types.setSafe(0, new Text("TABLE"));
      types.setSafe(1, new Text("VIEW"));
      root.setRowCount(2);
      send(root, listener);
    }
  }

  /** A site declares no keys: empty answers rather than UNIMPLEMENTED, which breaks metadata browsers. */
  void noKeys(Schema schema, ServerStreamListener listener) {
    sendEmpty(schema, listener);
  }

  private void sendEmpty(Schema schema, ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.setRowCount(0);
      send(root, listener);
    }
  }

  private static void send(VectorSchemaRoot root, ServerStreamListener listener) {
    listener.start(root);
    listener.putNext();
    listener.completed();
  }

  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  /** SQL LIKE with % and _ and backslash escapes; identifiers compare case-insensitively. */
  static boolean like(String pattern, String value) {
    if (pattern == null) return true;
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
        .matcher(value.toLowerCase(Locale.ROOT))
        .matches();
  }
}

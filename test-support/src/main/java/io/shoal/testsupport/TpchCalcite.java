package io.shoal.testsupport;

import io.shoal.tpch.TpchSplit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;

/**
 * The eight TPC-H tables with the column types {@link TpchSplit} writes, as a Calcite schema, for
 * tests that validate SQL without any site: the queries' texts, the demo's tour.
 */
public final class TpchCalcite {
  private TpchCalcite() {}

  /**
   * A planner configuration whose default schema {@code name} holds the TPC-H tables, parsed as
   * Shoal parses (case-insensitive, unquoted names kept as written).
   *
   * @param withSite add the {@code _site} column of a global table to every table
   */
  public static FrameworkConfig config(String name, boolean withSite) {
    SchemaPlus root = Frameworks.createRootSchema(true);
    SchemaPlus schema = root.add(name, schema(withSite));
    return Frameworks.newConfigBuilder()
        .defaultSchema(schema)
        .parserConfig(SqlParser.config().withCaseSensitive(false).withUnquotedCasing(Casing.UNCHANGED))
        .build();
  }

  /** The TPC-H tables; with {@code withSite}, as the coordinator's global schema shows them. */
  public static Schema schema(boolean withSite) {
    return new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : TpchSplit.TABLES) {
          Map<String, String> columns = new LinkedHashMap<>(TpchSplit.columnTypes(name));
          if (withSite) columns.put("_site", "VARCHAR");
          tables.put(name, table(columns));
        }
        return tables;
      }
    };
  }

  private static Table table(Map<String, String> columns) {
    return new AbstractTable() {
      @Override
      public RelDataType getRowType(RelDataTypeFactory f) {
        RelDataTypeFactory.Builder b = f.builder();
        columns.forEach((name, type) -> b.add(name, calciteType(f, type)));
        return b.build();
      }
    };
  }

  private static RelDataType calciteType(RelDataTypeFactory f, String type) {
    return switch (type) {
      case "BIGINT" -> f.createSqlType(SqlTypeName.BIGINT);
      case "INTEGER" -> f.createSqlType(SqlTypeName.INTEGER);
      case "DATE" -> f.createSqlType(SqlTypeName.DATE);
      case "DECIMAL(15,2)" -> f.createSqlType(SqlTypeName.DECIMAL, 15, 2);
      case "VARCHAR" -> f.createSqlType(SqlTypeName.VARCHAR);
      default -> throw new IllegalArgumentException("unmapped type " + type);
    };
  }
}

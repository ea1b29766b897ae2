package io.shoal.examples.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

/**
 * Validates and converts every TPC-H query with Calcite against the split's table types, so the
 * planner can rely on the query texts: parsing alone misses type errors (date arithmetic,
 * EXTRACT, SUBSTRING, derived column lists).
 */
class TpchQueriesCalciteTest {

  @Test
  void everyQueryValidatesAndConvertsToRelationalAlgebra() throws Exception {
    SchemaPlus root = Frameworks.createRootSchema(true);
    SchemaPlus tpch = root.add("tpch", new TpchSchema());
    FrameworkConfig config =
        Frameworks.newConfigBuilder()
            .defaultSchema(tpch)
            .parserConfig(
                SqlParser.config().withCaseSensitive(false).withUnquotedCasing(Casing.UNCHANGED))
            .build();
    for (Map.Entry<Integer, String> q : TpchQueries.all().entrySet()) {
      Planner planner = Frameworks.getPlanner(config);
      try {
        SqlNode validated = planner.validate(planner.parse(q.getValue()));
        RelRoot rel = planner.rel(validated);
        assertThat(rel.validatedRowType.getFieldCount()).as("Q%d columns", q.getKey()).isPositive();
      } catch (Exception e) {
        throw new AssertionError("Q" + q.getKey() + " fails in Calcite: " + e.getMessage(), e);
      } finally {
        planner.close();
      }
    }
  }

  /** The eight TPC-H tables with the column types TpchSplit writes. */
  private static final class TpchSchema extends AbstractSchema {
    @Override
    protected Map<String, Table> getTableMap() {
      Map<String, Table> tables = new java.util.LinkedHashMap<>();
      for (String name : TpchSplit.TABLES) {
        tables.put(name, new TpchTable(TpchSplit.columnTypes(name)));
      }
      return tables;
    }
  }

  private static final class TpchTable extends AbstractTable {
    private final Map<String, String> columns;

    TpchTable(Map<String, String> columns) {
      this.columns = columns;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory f) {
      RelDataTypeFactory.Builder b = f.builder();
      columns.forEach((name, type) -> b.add(name, calciteType(f, type)));
      return b.build();
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
}

package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.Schema;
import schemacrawler.schema.Table;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/** SchemaCrawler crawls the catalog and finds every site's tables and columns with right types. */
class SchemaCrawlerTest {
  @Test
  void crawlsEverySite() throws Exception {
    try (Connection c = DriverManager.getConnection(DriverUrls.embedded())) {
      SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
          .withLimitOptions(LimitOptionsBuilder.builder()
              .includeSchemas(Pattern.compile(".*\"?(global|eu|us|apac)\"?")).toOptions())
          .withLoadOptions(LoadOptionsBuilder.builder()
              .withSchemaInfoLevel(SchemaInfoLevelBuilder.standard()).toOptions());
      Catalog catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(c), options);
      Map<String, Schema> schemas = new HashMap<>();
      for (Schema s : catalog.getSchemas()) {
        schemas.put(s.getName(), s);
      }
      assertThat(schemas).containsKeys("global", "eu", "us", "apac");
      for (String site : new String[] {"global", "eu", "us", "apac"}) {
        Map<String, Table> tables = new HashMap<>();
        for (Table t : catalog.getTables(schemas.get(site))) {
          tables.put(t.getName(), t);
        }
        assertThat(tables).as(site).containsKeys("orders", "lineitem", "customer", "part", "supplier",
            "partsupp", "nation", "region", "events");
        Map<String, Column> cols = new HashMap<>();
        for (Column col : tables.get("events").getColumns()) {
          cols.put(col.getName(), col);
        }
        assertThat(type(cols.get("id"))).isEqualTo(JDBCType.BIGINT);
        assertThat(type(cols.get("small"))).isEqualTo(JDBCType.INTEGER);
        assertThat(type(cols.get("amount"))).isEqualTo(JDBCType.DECIMAL);
        assertThat(cols.get("amount").getSize()).isEqualTo(12);
        assertThat(cols.get("amount").getDecimalDigits()).isEqualTo(2);
        assertThat(type(cols.get("score"))).isEqualTo(JDBCType.DOUBLE);
        assertThat(type(cols.get("flag"))).isEqualTo(JDBCType.BOOLEAN);
        assertThat(type(cols.get("day"))).isEqualTo(JDBCType.DATE);
        assertThat(type(cols.get("ts"))).isEqualTo(JDBCType.TIMESTAMP);
        assertThat(type(cols.get("name"))).isEqualTo(JDBCType.VARCHAR);
        assertThat(cols.get("grp").isNullable()).isTrue();
        Column orderdate = tables.get("orders").lookupColumn("o_orderdate").orElseThrow();
        assertThat(type(orderdate)).isEqualTo(JDBCType.DATE);
        if (site.equals("global")) {
          assertThat(tables.get("orders").lookupColumn("_site")).isPresent();
        }
      }
    }
  }

  private static JDBCType type(Column c) {
    return JDBCType.valueOf(c.getColumnDataType().getJavaSqlType().getVendorTypeNumber());
  }
}

package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The metadata calls DBeaver makes when it opens a connection and browses to a table, then its
 * data viewer's first page. Shared with the remote suite, which runs it through the coordinator.
 */
class MetadataReplayTest {

  @Test
  void embedded() throws Exception {
    try (Connection c = DriverManager.getConnection(DriverUrls.embedded())) {
      replay(c);
    }
  }

  static void replay(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    assertThat(md.getDatabaseProductName()).isEqualTo("Shoal");
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    assertThat(md.isReadOnly()).isTrue();
    md.getSQLKeywords();
    md.getNumericFunctions();
    md.getStringFunctions();
    md.supportsTransactions();
    try (ResultSet rs = md.getTypeInfo()) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      assertThat(n).isGreaterThan(10);
    }
    try (ResultSet rs = md.getCatalogs()) {
      while (rs.next()) {
        rs.getString("TABLE_CAT");
      }
    }
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertThat(schemas).contains("global", "eu", "us", "apac", "shoal");
    try (ResultSet rs = md.getTableTypes()) {
      assertThat(rs.next()).isTrue();
    }
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (String schema : schemas) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, schema, "%", null)) {
        while (rs.next()) {
          assertThat(rs.getString("TABLE_SCHEM")).isEqualTo(schema);
          names.add(rs.getString("TABLE_NAME"));
          rs.getString("TABLE_TYPE");
          rs.getString("REMARKS");
        }
      }
      tables.put(schema, names);
    }
    for (String site : List.of("global", "eu", "us", "apac")) {
      assertThat(tables.get(site)).as(site).contains("orders", "lineitem", "customer", "nation", "events");
    }
    Map<String, Integer> ordersTypes = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : tables.entrySet()) {
      for (String table : e.getValue()) {
        int cols = 0;
        try (ResultSet rs = md.getColumns(null, e.getKey(), table, "%")) {
          while (rs.next()) {
            cols++;
            assertThat(rs.getString("TABLE_NAME")).isEqualTo(table);
            String type = rs.getString("TYPE_NAME");
            assertThat(type).doesNotContain("NOT NULL");
            rs.getInt("COLUMN_SIZE");
            rs.getInt("DECIMAL_DIGITS");
            assertThat(rs.getInt("NULLABLE")).isBetween(0, 2);
            rs.getString("REMARKS");
            rs.getString("IS_NULLABLE");
            if (e.getKey().equals("global") && table.equals("orders")) {
              ordersTypes.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
            }
          }
        }
        assertThat(cols).as(e.getKey() + "." + table).isGreaterThan(0);
        try (ResultSet rs = md.getPrimaryKeys(null, e.getKey(), table)) {
          assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = md.getImportedKeys(null, e.getKey(), table)) {
          assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = md.getIndexInfo(null, e.getKey(), table, false, true)) {
          assertThat(rs.next()).isFalse();
        }
      }
    }
    assertThat(ordersTypes).containsEntry("o_orderkey", Types.BIGINT)
        .containsEntry("o_orderdate", Types.DATE).containsKey("_site");
    try (Statement st = c.createStatement()) {
      st.setMaxRows(200);
      st.setFetchSize(200);
      try (ResultSet rs = st.executeQuery("SELECT * FROM global.orders")) {
        ResultSetMetaData rmd = rs.getMetaData();
        assertThat(rmd.getColumnCount()).isEqualTo(ordersTypes.size());
        int n = 0;
        while (rs.next()) {
          n++;
          for (int i = 1; i <= rmd.getColumnCount(); i++) {
            rs.getObject(i);
          }
        }
        assertThat(n).isEqualTo(200);
      }
    }
  }
}

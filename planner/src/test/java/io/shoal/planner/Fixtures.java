package io.shoal.planner;

import io.shoal.planner.client.SiteEndpoint;
import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Distribution;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Three sites (eu, us, apac) with TPC-H-like tables, described in code: no site runs. */
final class Fixtures {
  static final List<String> SITES = List.of("eu", "us", "apac");

  private Fixtures() {}

  static TableInfo orders(long rows) {
    return new TableInfo("orders", "iceberg", List.of(
        new ColumnInfo("o_orderkey", "BIGINT", false),
        new ColumnInfo("o_custkey", "BIGINT", false),
        new ColumnInfo("o_orderstatus", "VARCHAR", false),
        new ColumnInfo("o_totalprice", "DECIMAL(15,2)", false),
        new ColumnInfo("o_orderdate", "DATE", false),
        new ColumnInfo("o_shippriority", "INTEGER", false)),
        rows, Distribution.PARTITIONED,
        Map.of("o_orderkey", "order", "o_custkey", "customer"), 1L);
  }

  static TableInfo customer(long rows) {
    return new TableInfo("customer", "iceberg", List.of(
        new ColumnInfo("c_custkey", "BIGINT", false),
        new ColumnInfo("c_name", "VARCHAR", false),
        new ColumnInfo("c_nationkey", "INTEGER", false),
        new ColumnInfo("c_acctbal", "DECIMAL(15,2)", false),
        new ColumnInfo("c_mktsegment", "VARCHAR", true)),
        rows, Distribution.PARTITIONED, Map.of("c_custkey", "customer"), 2L);
  }

  static TableInfo nation() {
    return new TableInfo("nation", "parquet", List.of(
        new ColumnInfo("n_nationkey", "INTEGER", false),
        new ColumnInfo("n_name", "VARCHAR", false),
        new ColumnInfo("n_regionkey", "INTEGER", false)),
        25, Distribution.REPLICATED, Map.of(), null);
  }

  static List<SiteInfo> infos() {
    List<SiteInfo> out = new ArrayList<>();
    long scale = 1;
    for (String s : SITES) {
      out.add(new SiteInfo(s, s + "-region-1", "0.1.0",
          List.of(orders(150_000 * scale), customer(15_000 * scale), nation()), null));
      scale++;
    }
    return out;
  }

  static List<SiteEndpoint> endpoints() {
    List<SiteEndpoint> out = new ArrayList<>();
    int port = 47470;
    for (String s : SITES) {
      out.add(new SiteEndpoint(s, "grpc://127.0.0.1:" + port++, null));
    }
    return out;
  }

  static Connection connect() throws SQLException {
    return Federation.connect(endpoints(), infos(), new Properties());
  }

  static String explain(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1));
      }
      return b.toString();
    }
  }
}

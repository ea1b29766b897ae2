package io.shoal.tpch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.tpch.TpchSplit.Site;
import io.shoal.tpch.TpchSplit.SplitResult;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generates TPC-H at sf=0.01 once, then checks the split and runs the 22 queries on the oracle. */
class TpchSplitTest {

  private static final double SF = 0.01;

  @TempDir static Path dir;

  private static SplitResult result;
  private static final List<String> progress = new ArrayList<>();
  private static Connection oracle;

  @BeforeAll
  static void generate() throws SQLException {
    result = TpchSplit.generate(SF, dir, line -> {
      progress.add(line);
      System.out.println(line);
    });
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    oracle = DriverManager.getConnection("jdbc:duckdb:" + result.oracle(), readOnly);
  }

  @AfterAll
  static void close() throws SQLException {
    if (oracle != null) {
      oracle.close();
    }
  }

  @Test
  void oracleHoldsTheSpecRowCounts() {
    assertThat(result.oracleRows())
        .containsExactlyEntriesOf(
            ordered(
                "customer", 1500L, "orders", 15000L, "lineitem", 60175L, "nation", 25L,
                "region", 5L, "part", 2000L, "partsupp", 8000L, "supplier", 100L));
    assertThat(Files.isRegularFile(result.oracle())).isTrue();
  }

  @Test
  void partitionedTablesAreSplitWithoutOverlapOrLoss() throws SQLException {
    for (String table : TpchSplit.PARTITIONED) {
      long sum = TpchSplit.SITES.stream().mapToLong(s -> result.rows(s.name(), table)).sum();
      assertThat(sum).as("rows of %s over all sites", table).isEqualTo(result.oracleRows().get(table));
      for (Site site : TpchSplit.SITES) {
        // Every site gets a real share: no region of the split is empty at this scale.
        assertThat(result.rows(site.name(), table)).as("%s at %s", table, site.name()).isPositive();
      }
    }
    // No key appears at two sites, and the union equals the oracle table exactly.
    assertThat(scalar("SELECT count(*) FROM (SELECT c_custkey FROM " + union("customer")
        + " GROUP BY c_custkey HAVING count(*) > 1)")).isZero();
    assertThat(scalar("SELECT count(*) FROM (SELECT o_orderkey FROM " + union("orders")
        + " GROUP BY o_orderkey HAVING count(*) > 1)")).isZero();
    assertThat(scalar("SELECT count(*) FROM (SELECT * FROM lineitem EXCEPT ALL SELECT * EXCLUDE (site) FROM "
        + union("lineitem") + ")")).isZero();
  }

  @Test
  void rowsLiveWithTheirCustomersRegion() throws SQLException {
    // Each site's customers are from its regions; its orders and lineitems from its customers.
    String wrongCustomers =
        "SELECT count(*) FROM " + union("customer") + " c JOIN nation ON c_nationkey = n_nationkey"
            + " JOIN region ON n_regionkey = r_regionkey WHERE " + siteOf("r_name") + " <> c.site";
    assertThat(scalar(wrongCustomers)).isZero();
    String wrongOrders =
        "SELECT count(*) FROM " + union("orders") + " o JOIN " + union("customer")
            + " c ON o_custkey = c_custkey WHERE o.site <> c.site";
    assertThat(scalar(wrongOrders)).isZero();
    String wrongLines =
        "SELECT count(*) FROM " + union("lineitem") + " l JOIN " + union("orders")
            + " o ON l_orderkey = o_orderkey WHERE l.site <> o.site";
    assertThat(scalar(wrongLines)).isZero();
  }

  @Test
  void everySiteHoldsAllReplicatedRows() throws SQLException {
    for (Site site : TpchSplit.SITES) {
      for (String table : TpchSplit.REPLICATED) {
        assertThat(result.rows(site.name(), table))
            .as("%s at %s", table, site.name())
            .isEqualTo(result.oracleRows().get(table));
        assertThat(scalar("SELECT count(*) FROM (SELECT * FROM " + table + " EXCEPT SELECT * FROM "
            + parquet(site.name(), table) + ")")).isZero();
      }
      assertThat(result.rows(site.name(), "nation")).isEqualTo(25);
      assertThat(result.rows(site.name(), "region")).isEqualTo(5);
    }
    assertThat(progress).anyMatch(l -> l.contains("lineitem")).anyMatch(l -> l.contains("site apac"));
  }

  @Test
  void parquetKeepsTheSpecTypes() throws SQLException {
    Map<String, String> types = describe(parquet("eu", "lineitem"));
    assertThat(types)
        .containsEntry("l_orderkey", "BIGINT")
        .containsEntry("l_linenumber", "INTEGER")
        .containsEntry("l_quantity", "DECIMAL(15,2)")
        .containsEntry("l_extendedprice", "DECIMAL(15,2)")
        .containsEntry("l_discount", "DECIMAL(15,2)")
        .containsEntry("l_shipdate", "DATE")
        .containsEntry("l_returnflag", "VARCHAR");
    assertThat(types.keySet()).containsExactlyElementsOf(TpchSplit.columns("lineitem"));
    assertThat(describe(parquet("us", "customer"))).containsEntry("c_acctbal", "DECIMAL(15,2)");
  }

  @Test
  void constantsDescribeTheSplit() {
    assertThat(TpchSplit.SITES).extracting(Site::name).containsExactly("eu", "us", "apac");
    assertThat(TpchSplit.SITES).extracting(Site::region)
        .containsExactly("eu-west-1", "us-east-1", "ap-southeast-1");
    assertThat(TpchSplit.SITES.stream().flatMap(s -> s.tpchRegions().stream()))
        .containsExactlyInAnyOrder("EUROPE", "AFRICA", "AMERICA", "ASIA", "MIDDLE EAST");
    assertThat(TpchSplit.KEY_DOMAINS)
        .containsEntry("customer", Map.of("c_custkey", "customer"))
        .containsEntry("orders", Map.of("o_orderkey", "order", "o_custkey", "customer"))
        .containsEntry("lineitem", Map.of("l_orderkey", "order"));
    assertThat(TpchSplit.createTableSql("region"))
        .isEqualTo("CREATE TABLE region (r_regionkey BIGINT NOT NULL, r_name VARCHAR NOT NULL,"
            + " r_comment VARCHAR NOT NULL)");
    assertThatThrownBy(() -> TpchSplit.site("mars")).hasMessageContaining("mars");
    assertThatThrownBy(() -> TpchSplit.generate(0, dir.resolve("x"), l -> {}))
        .hasMessageContaining("scale factor");
  }

  @Test
  void allQueriesRunOnTheOracle() throws SQLException {
    for (int n = 1; n <= TpchQueries.COUNT; n++) {
      List<List<Object>> rows = query(TpchQueries.get(n));
      assertThat(rows).as("Q%d returns rows", n).isNotEmpty();
    }
  }

  @Test
  void queriesGiveKnownAnswersAtSf001() throws SQLException {
    // Reference answers for sf=0.01 shipped with the generator (io/trino/tpch/queries/*.result).
    List<List<Object>> q1 = query(TpchQueries.get(1));
    assertThat(q1).hasSize(4);
    assertThat(q1).extracting(r -> r.get(0) + "" + r.get(1)).containsExactly("AF", "NF", "NO", "RF");
    assertThat(q1.get(0).get(2)).isEqualTo(new BigDecimal("380456.00"));
    assertThat(((Number) q1.get(0).get(9)).longValue()).isEqualTo(14876);
    assertThat(((Number) q1.get(2).get(9)).longValue()).isEqualTo(29181);
    assertThat(new BigDecimal(q1.get(3).get(3).toString())).isEqualByComparingTo("534594445.35");

    assertThat(new BigDecimal(query(TpchQueries.get(6)).get(0).get(0).toString()))
        .isEqualByComparingTo("1193053.2253");

    assertThat(query(TpchQueries.get(4)))
        .extracting(r -> r.get(0) + "=" + ((Number) r.get(1)).longValue())
        .containsExactly("1-URGENT=93", "2-HIGH=103", "3-MEDIUM=109", "4-NOT SPECIFIED=102",
            "5-LOW=128");

    List<List<Object>> q3 = query(TpchQueries.get(3));
    assertThat(q3).hasSize(10);
    assertThat(((Number) q3.get(0).get(0)).longValue()).isEqualTo(47714);
    assertThat(new BigDecimal(q3.get(0).get(1).toString())).isEqualByComparingTo("267010.5894");

    assertThat(query(TpchQueries.get(12)))
        .extracting(r -> r.get(0) + "|" + ((Number) r.get(1)).longValue() + "|"
            + ((Number) r.get(2)).longValue())
        .containsExactly("MAIL|64|86", "SHIP|61|96");

    List<List<Object>> q13 = query(TpchQueries.get(13));
    assertThat(((Number) q13.get(0).get(0)).longValue()).isZero();
    assertThat(((Number) q13.get(0).get(1)).longValue()).isEqualTo(500);

    List<List<Object>> q15 = query(TpchQueries.get(15));
    assertThat(q15).hasSize(1);
    assertThat(((Number) q15.get(0).get(0)).longValue()).isEqualTo(21);

    List<List<Object>> q22 = query(TpchQueries.get(22));
    assertThat(q22.get(0).get(0)).isEqualTo("13");
    assertThat(((Number) q22.get(0).get(1)).longValue()).isEqualTo(10);
    assertThat(new BigDecimal(q22.get(0).get(2).toString())).isEqualByComparingTo("75359.29");
  }

  @Test
  void allQueriesParseWithCalcite() throws Exception {
    SqlParser.Config config =
        SqlParser.config().withCaseSensitive(false).withUnquotedCasing(Casing.UNCHANGED);
    for (Map.Entry<Integer, String> q : TpchQueries.all().entrySet()) {
      assertThat(q.getValue()).as("Q%d", q.getKey()).doesNotEndWith(";").doesNotStartWith("--");
      SqlNode node = SqlParser.create(q.getValue(), config).parseQuery();
      assertThat(node).as("Q%d", q.getKey()).isNotNull();
    }
    assertThat(TpchQueries.all()).hasSize(22);
    assertThat(TpchQueries.title(1)).startsWith("TPC-H Q1:");
    assertThatThrownBy(() -> TpchQueries.get(23)).hasMessageContaining("23");
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static String parquet(String site, String table) {
    return "read_parquet('" + result.parquet(site, table) + "')";
  }

  /** All sites' Parquet rows of one table plus a {@code site} column. */
  private static String union(String table) {
    return TpchSplit.SITES.stream()
        .map(s -> "SELECT *, '" + s.name() + "' AS site FROM " + parquet(s.name(), table))
        .collect(Collectors.joining(" UNION ALL ", "(", ")"));
  }

  private static String siteOf(String regionColumn) {
    StringBuilder sb = new StringBuilder("CASE");
    for (Site s : TpchSplit.SITES) {
      for (String r : s.tpchRegions()) {
        sb.append(" WHEN ").append(regionColumn).append(" = '").append(r).append("' THEN '")
            .append(s.name()).append("'");
      }
    }
    return sb.append(" END").toString();
  }

  private static long scalar(String sql) throws SQLException {
    return ((Number) query(sql).get(0).get(0)).longValue();
  }

  private static Map<String, String> describe(String relation) throws SQLException {
    Map<String, String> types = new java.util.LinkedHashMap<>();
    for (List<Object> row : query("DESCRIBE SELECT * FROM " + relation)) {
      types.put((String) row.get(0), (String) row.get(1));
    }
    return types;
  }

  private static List<List<Object>> query(String sql) throws SQLException {
    try (Statement st = oracle.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + "\nSQL: " + sql, e);
    }
  }

  private static Map<String, Long> ordered(Object... kv) {
    Map<String, Long> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Long) kv[i + 1]);
    }
    return m;
  }
}

package io.shoal.tck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.examples.demo.DemoSetup;
import io.shoal.flight.SiteServer;
import io.shoal.site.config.SiteConfig;
import io.shoal.tpch.TpchQueries;
import io.shoal.tpch.TpchSiteYaml;
import io.shoal.tpch.TpchSplit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The 22 TPC-H queries through the shoal driver over three sites that run the demo's policy
 * ({@link DemoSetup#POLICY}: rows may leave, customer.c_phone and c_address may not). Each query
 * either returns the oracle's rows, or fails with 42501, or warns about suppressed groups; the
 * list is printed for the README.
 */
class TpchUnderDemoPolicyTest {
  static final double SF = 0.01;
  static final List<Integer> QUERIES =
      java.util.stream.IntStream.rangeClosed(1, TpchQueries.COUNT).boxed().toList();
  static Path root;
  static final Map<String, SiteServer> servers = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    root = Files.createTempDirectory("shoal-tpch-policy-");
    Path tpch = root.resolve("tpch");
    TpchSplit.generate(SF, tpch, line -> {});
    for (var site : TpchSplit.SITES) {
      Path dir = tpch.resolve(site.name());
      StringBuilder yaml = new StringBuilder()
          .append("name: ").append(site.name()).append('\n')
          .append("region: ").append(site.region()).append('\n')
          .append("listen: 127.0.0.1:0\n")
          .append("data: ").append(dir).append('\n')
          .append("tables:\n")
          .append(TpchSiteYaml.tables(TpchSiteYaml.parquet(tpch, site.name())));
      yaml.append("policy: ").append(DemoSetup.POLICY).append('\n');
      Path file = root.resolve(site.name() + ".yaml");
      Files.writeString(file, yaml);
      servers.put(site.name(), SiteServer.start(SiteConfig.load(file)));
    }
  }

  @AfterAll
  static void stop() {
    servers.values().forEach(SiteServer::close);
  }

  @Test
  void everyQueryPassesOrIsRefusedOrWarned() throws Exception {
    List<String> parts = new ArrayList<>();
    servers.forEach((n, s) -> parts.add(n + "@grpc://127.0.0.1:" + s.port()));
    String url = "jdbc:shoal:sites=" + String.join(",", parts) + ";user=analyst;metadataCacheSeconds=0";
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    Map<Integer, String> outcome = new LinkedHashMap<>();
    try (Connection shoal = DriverManager.getConnection(url);
        Connection oracle = DriverManager.getConnection(
            "jdbc:duckdb:" + root.resolve("tpch").resolve(TpchSplit.ORACLE_FILE), ro)) {
      for (int q : QUERIES) {
        String sql = TpchQueries.get(q);
        long t0 = System.nanoTime();
        List<List<Object>> actual;
        SQLWarning warning;
        try (Statement st = shoal.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          actual = read(rs);
          warning = rs.getWarnings();
        } catch (SQLException e) {
          assertThat(e.getSQLState()).as("Q%d: %s", q, e.getMessage()).isEqualTo("42501");
          outcome.put(q, "42501: " + e.getMessage());
          continue;
        }
        List<List<Object>> expected;
        try (Statement st = oracle.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          expected = read(rs);
        }
        if (warning != null) {
          outcome.put(q, "warning: " + warning.getMessage());
          continue;
        }
        assertThat(normalize(actual)).as("Q%d against the oracle", q)
            .containsExactlyInAnyOrderElementsOf(normalize(expected));
        outcome.put(q, "pass (" + actual.size() + " rows, same as the oracle, "
            + (System.nanoTime() - t0) / 1_000_000 + " ms)");
      }
    }
    outcome.forEach((q, o) -> System.out.printf("TPC-H Q%02d under the demo policy: %s%n", q, o));
    // The demo policy denies customer.c_phone and c_address: Q10 shows both, Q22 filters on c_phone.
    assertThat(outcome.get(10)).startsWith("42501").contains("customer").contains("c_");
    assertThat(outcome.get(22)).startsWith("42501").contains("c_phone");
    assertThat(outcome.values().stream().filter(o -> o.startsWith("pass")).count())
        .isEqualTo(QUERIES.size() - 2);
  }

  private static List<List<Object>> read(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getObject(i));
      }
      out.add(row);
    }
    return out;
  }

  /** Numbers to 9 significant digits (float rounding differs), everything else as text. */
  private static List<List<String>> normalize(List<List<Object>> rows) {
    List<List<String>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> r = new ArrayList<>();
      for (Object v : row) {
        if (v instanceof Number num) {
          BigDecimal d = new BigDecimal(num.toString()).round(new MathContext(9));
          r.add(d.stripTrailingZeros().toPlainString());
        } else {
          r.add(String.valueOf(v));
        }
      }
      out.add(r);
    }
    return out;
  }
}

package io.shoal.tck;

import io.shoal.examples.demo.DemoSetup;
import io.shoal.flight.SiteServer;
import io.shoal.planner.Federation;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.site.config.SiteConfig;
import io.shoal.tpch.TpchQueries;
import io.shoal.tpch.TpchSplit;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The demo's own data path — TPC-H split by region and imported into each site's Iceberg catalog by
 * {@link DemoSetup} — under a permissive policy: all 22 TPC-H queries equal one DuckDB holding the
 * unsplit data.
 */
class DemoDataOracleTest {
  @TempDir static Path dir;
  static final List<SiteServer> servers = new ArrayList<>();
  static Connection federation;
  static Connection oracle;

  @BeforeAll
  static void start() throws Exception {
    DemoSetup setup = new DemoSetup(dir.resolve("demo"), 0.01, 47000);
    setup.generate(line -> {});
    setup.writeSiteConfigs();
    setup.importAll(line -> {});
    List<SiteEndpoint> endpoints = new ArrayList<>();
    for (TpchSplit.Site site : TpchSplit.SITES) {
      Path yaml = setup.siteYaml(site.name());
      String text = Files.readString(yaml).replaceAll("(?m)^policy:.*$", "policy: { export: rows }");
      Files.writeString(yaml, text);
      SiteServer server = SiteServer.start(SiteConfig.load(yaml), "127.0.0.1:0");
      servers.add(server);
      endpoints.add(new SiteEndpoint(site.name(), URI.create("grpc://127.0.0.1:" + server.port()), null));
    }
    federation = Federation.connect(endpoints, new Properties());
    Properties ro = new Properties();
    ro.setProperty("duckdb.read_only", "true");
    oracle = DriverManager.getConnection("jdbc:duckdb:" + setup.tpchDir().resolve("oracle.duckdb"), ro);
  }

  @AfterAll
  static void stop() throws Exception {
    if (federation != null) federation.close();
    if (oracle != null) oracle.close();
    servers.forEach(SiteServer::close);
  }

  static Stream<Integer> queries() {
    return IntStream.rangeClosed(1, 22).boxed();
  }

  @ParameterizedTest(name = "TPC-H Q{0}")
  @MethodSource("queries")
  void tpchOnIcebergSitesMatchesOneDatabase(int q) throws Exception {
    ResultRows.assertSameAsOracle(oracle, federation, TpchQueries.get(q), "Q%d on the demo's Iceberg sites differs from the oracle", q);
  }
}

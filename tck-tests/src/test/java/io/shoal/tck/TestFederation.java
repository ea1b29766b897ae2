package io.shoal.tck;

import io.shoal.flight.SiteServer;
import io.shoal.planner.Federation;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.site.config.SiteConfig;
import io.shoal.testsupport.PerJvm;
import io.shoal.tpch.TpchSiteYaml;
import io.shoal.tpch.TpchSplit;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Three real sites on loopback (eu, us, apac) over TPC-H at a small scale split by region, plus an
 * {@code events} table with NULLs, skew (eu 1000 rows, us 10) and an empty site (apac), and the
 * oracle: one DuckDB holding every row. Built once per test JVM and shared by the suites.
 */
public final class TestFederation implements AutoCloseable {

  public static final double SF = 0.01;
  private static final PerJvm<TestFederation> SHARED =
      new PerJvm<>(() -> new TestFederation(Files.createTempDirectory("shoal-tck-")));

  private final Path root;
  private final Map<String, SiteServer> servers = new LinkedHashMap<>();
  private final Path oracle;

  /** The shared federation; started on first use, stopped when the JVM exits. */
  public static TestFederation get() throws Exception {
    return SHARED.get();
  }

  private TestFederation(Path root) throws Exception {
    this.root = root;
    Path tpch = root.resolve("tpch");
    TpchSplit.generate(SF, tpch, line -> {});
    oracle = tpch.resolve("oracle.duckdb");
    writeEvents(tpch);
    for (var site : TpchSplit.SITES) {
      String name = site.name();
      Path dir = tpch.resolve(name);
      StringBuilder yaml = new StringBuilder();
      yaml.append("name: ").append(name).append('\n')
          .append("region: ").append(site.region()).append('\n')
          .append("listen: 127.0.0.1:0\n")
          .append("data: ").append(dir).append('\n')
          .append("tables:\n")
          .append(TpchSiteYaml.tables(TpchSiteYaml.parquet(tpch, name)));
      yaml.append("  events: { parquet: \"").append(dir.resolve("events.parquet")).append("\" }\n");
      Path file = root.resolve(name + ".yaml");
      Files.writeString(file, yaml);
      servers.put(name, SiteServer.start(SiteConfig.load(file)));
    }
  }

  /** eu: ids 0..999, us: 1000..1009, apac: none; NULLs in every nullable column. */
  private static void writeEvents(Path tpch) throws SQLException {
    String select =
        "SELECT range AS id,"
            + " CASE WHEN range % 11 = 0 THEN NULL ELSE 'g' || (range % 5) END AS grp,"
            + " CASE WHEN range % 7 = 0 THEN NULL ELSE (range % 13)::INTEGER END AS small,"
            + " CASE WHEN range % 17 = 0 THEN NULL ELSE ((range * 37 % 1000) / 10.0 - 20)::DECIMAL(12,2) END AS amount,"
            + " CASE WHEN range % 19 = 0 THEN NULL ELSE ((range * 7919) % 1000) / 1000.0 END::DOUBLE AS score,"
            + " CASE WHEN range % 23 = 0 THEN NULL ELSE range % 3 = 0 END AS flag,"
            + " (DATE '2024-01-01' + (range % 60)::INTEGER) AS day,"
            + " (TIMESTAMP '2024-01-01 00:00:00' + range * INTERVAL 37 MINUTE) AS ts,"
            + " 'n' || range AS name"
            + " FROM range(0, 1010)";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + tpch.resolve("oracle.duckdb"));
        var st = c.createStatement()) {
      st.execute("CREATE OR REPLACE TABLE events AS " + select);
      st.execute("COPY (SELECT * FROM events WHERE id < 1000) TO '" + tpch.resolve("eu/events.parquet") + "' (FORMAT parquet)");
      st.execute("COPY (SELECT * FROM events WHERE id >= 1000) TO '" + tpch.resolve("us/events.parquet") + "' (FORMAT parquet)");
      st.execute("COPY (SELECT * FROM events WHERE false) TO '" + tpch.resolve("apac/events.parquet") + "' (FORMAT parquet)");
    }
  }

  public List<SiteEndpoint> endpoints() {
    List<SiteEndpoint> out = new ArrayList<>();
    servers.forEach((name, s) -> out.add(new SiteEndpoint(name, URI.create("grpc://127.0.0.1:" + s.port()), null)));
    return out;
  }

  public SiteServer server(String site) {
    return servers.get(site);
  }

  /** {@code sites=eu@grpc://...,us@...} for the jdbc:shoal: URL. */
  public String sitesProperty() {
    List<String> parts = new ArrayList<>();
    servers.forEach((name, s) -> parts.add(name + "@grpc://127.0.0.1:" + s.port()));
    return String.join(",", parts);
  }

  /** A new planner connection over the three sites. */
  public Connection federation() throws SQLException {
    return Federation.connect(endpoints(), new Properties());
  }

  /** A new read-only connection to the single DuckDB that holds every row. */
  public Connection oracle() throws SQLException {
    Properties p = new Properties();
    p.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + oracle, p);
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    servers.values().forEach(SiteServer::close);
  }
}

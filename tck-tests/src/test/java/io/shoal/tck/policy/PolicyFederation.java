package io.shoal.tck.policy;

import io.shoal.flight.SiteServer;
import io.shoal.site.config.SiteConfig;
import io.shoal.testsupport.PerJvm;
import io.shoal.testsupport.SampleTables;
import java.nio.charset.StandardCharsets;
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
 * Two live sites under an aggregates-only policy: eu (eu-west-1, patients 0..199) and us
 * (us-east-1, patients 200..299). {@code patients} may leave only as aggregates over groups of at
 * least {@link #MIN_GROUP} rows and its {@code name} and {@code ssn} may not leave at all;
 * {@code cities} (replicated) may leave as rows; {@code secret} is not exported; the principal
 * {@code dpo} may export rows of everything. The coordinator acts for its users with a delegate
 * token ({@link #COORDINATOR_TOKEN}); plain Flight SQL clients connect as {@code analyst}
 * ({@link #ANALYST_TOKEN}). Shared by the policy suites of one JVM.
 */
public final class PolicyFederation implements AutoCloseable {
  public static final int MIN_GROUP = 5;
  public static final String COORDINATOR_TOKEN = "coordinator-secret";
  public static final String ANALYST_TOKEN = "analyst-secret";
  public static final List<String> SITES = List.of("eu", "us");
  static final Map<String, String> REGIONS = Map.of("eu", "eu-west-1", "us", "us-east-1");

  private static final PerJvm<PolicyFederation> SHARED =
      new PerJvm<>(() -> new PolicyFederation(Files.createTempDirectory("shoal-policy-")));
  private final Path root;
  private final Map<String, SiteServer> servers = new LinkedHashMap<>();

  public static PolicyFederation get() throws Exception {
    return SHARED.get();
  }

  private PolicyFederation(Path root) throws Exception {
    this.root = root;
    int from = 0;
    for (String site : SITES) {
      int n = site.equals("eu") ? 200 : 100;
      Path data = root.resolve(site);
      Files.createDirectories(data);
      SampleTables.patients(data.resolve("patients.parquet"), from, from + n);
      SampleTables.cities(data.resolve("cities.parquet"), 5);
      SampleTables.write(data.resolve("secret.parquet"), "SELECT 42 AS answer");
      from += n;
      Path tokens = root.resolve(site + "-tokens");
      Files.writeString(tokens, COORDINATOR_TOKEN + " coordinator delegate\n" + ANALYST_TOKEN + " analyst\n");
      String yaml = "name: " + site + "\n"
          + "region: " + REGIONS.get(site) + "\n"
          + "listen: 127.0.0.1:0\n"
          + "data: " + data + "\n"
          + "tables:\n"
          + "  patients: { parquet: \"" + data.resolve("patients.parquet") + "\" }\n"
          + "  cities: { parquet: \"" + data.resolve("cities.parquet") + "\", distribution: replicated }\n"
          + "  secret: { parquet: \"" + data.resolve("secret.parquet") + "\" }\n"
          + "policy:\n"
          + "  export: aggregates\n"
          + "  min-group-size: " + MIN_GROUP + "\n"
          + "  tables:\n"
          + "    patients: { columns: { name: deny, ssn: deny } }\n"
          + "    cities: { export: rows }\n"
          + "    secret: { export: none }\n"
          + "  principals:\n"
          + "    dpo: { export: rows }\n"
          + "auth:\n"
          + "  tokens-file: " + tokens + "\n";
      Path file = root.resolve(site + ".yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      servers.put(site, SiteServer.start(SiteConfig.load(file)));
    }
  }

  public int port(String site) {
    return servers.get(site).port();
  }

  /** {@code jdbc:shoal:} URL for {@code user}: the coordinator's delegate token names the user to each site. */
  public String url(String user) {
    List<String> parts = new ArrayList<>();
    servers.forEach((name, s) -> parts.add(name + "@grpc://127.0.0.1:" + s.port()));
    return "jdbc:shoal:sites=" + String.join(",", parts) + ";user=" + user
        + ";token=" + COORDINATOR_TOKEN + ";metadataCacheSeconds=0";
  }

  public Connection connect(String user) throws SQLException {
    return DriverManager.getConnection(url(user), new Properties());
  }

  /** The official Arrow Flight SQL JDBC driver, straight at one site. */
  public Connection flightSql(String site) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:arrow-flight-sql://127.0.0.1:" + port(site) + "/?useEncryption=false&token=" + ANALYST_TOKEN);
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    servers.values().forEach(SiteServer::close);
  }
}

package io.shoal.tck.privacy;

import io.shoal.flight.SiteServer;
import io.shoal.site.config.SiteConfig;
import io.shoal.testsupport.PerJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Three sites whose {@code sales} table is {@code export: private} (unit cust_id, epsilon 1, bounds
 * [0, 1000], each customer's 5 sales counted), next to a {@code cities} table that leaves as rows.
 * Each site holds 400 customers of its own. The coordinator's delegate token acts for {@code
 * analyst} (a budget too large to run out in a test) and for {@code frugal} (10 epsilon a day).
 */
final class PrivateSites implements AutoCloseable {
  static final String[] NAMES = {"eu", "us", "apac"};
  static final int CUSTOMERS_PER_SITE = 400;
  static final int SALES_PER_CUSTOMER = 5;
  static final String DELEGATE = "coordinator-secret";
  static final String ANALYST = "analyst-secret";

  private static final PerJvm<PrivateSites> SHARED =
      new PerJvm<>(() -> new PrivateSites(Files.createTempDirectory("shoal-private-")));
  final Path root;
  final List<SiteServer> servers = new ArrayList<>();
  final List<Path> configs = new ArrayList<>();

  static PrivateSites get() throws Exception {
    return SHARED.get();
  }

  private PrivateSites(Path root) throws Exception {
    this.root = root;
    Path tokens = root.resolve("tokens");
    Files.writeString(tokens, DELEGATE + " coordinator delegate\n" + ANALYST + " analyst\n");
    for (int s = 0; s < NAMES.length; s++) {
      Path data = root.resolve(NAMES[s]);
      Files.createDirectories(data);
      int rows = CUSTOMERS_PER_SITE * SALES_PER_CUSTOMER;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
        // ids and customers are disjoint across sites; sale 17 (amount 629) is at eu
        st.execute("COPY (SELECT (" + s * rows + " + range)::INTEGER AS id,"
            + " (" + s * CUSTOMERS_PER_SITE + " + range % " + CUSTOMERS_PER_SITE + ")::INTEGER AS cust_id,"
            + " ((" + s * rows + " + range) * 37 % 1000)::DOUBLE AS amount,"
            + " 'c' || (range % " + CUSTOMERS_PER_SITE + " % 4) AS city FROM range(" + rows + ")) TO '"
            + data.resolve("sales.parquet") + "' (FORMAT parquet)");
        st.execute("COPY (SELECT 'c' || range AS city, 'country' || (range % 2) AS country FROM range(4)) TO '"
            + data.resolve("cities.parquet") + "' (FORMAT parquet)");
      }
      String yaml = "name: " + NAMES[s] + "\n"
          + "region: region-" + NAMES[s] + "\n"
          + "listen: 127.0.0.1:0\n"
          + "data: " + data + "\n"
          + "tables:\n"
          + "  sales: { parquet: \"" + data.resolve("sales.parquet") + "\" }\n"
          + "  cities: { parquet: \"" + data.resolve("cities.parquet") + "\", distribution: replicated }\n"
          + "auth:\n  tokens-file: " + tokens + "\n"
          + "policy:\n"
          + "  export: aggregates\n"
          + "  min-group-size: 5\n"
          + "  audit-readers: [analyst, frugal]\n"
          + "  tables:\n"
          + sales("100000", "    ")
          + "    cities: { export: rows }\n"
          + "  principals:\n"
          + "    frugal:\n"
          + "      audit-readers: [frugal]\n"
          + "      tables:\n"
          + sales("10", "        ")
          + "        cities: { export: rows }\n";
      Path file = root.resolve(NAMES[s] + ".yaml");
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      configs.add(file);
      servers.add(SiteServer.start(SiteConfig.load(file)));
    }
  }

  private static String sales(String budget, String indent) {
    String in = indent + "  ";
    return indent + "sales:\n"
        + in + "export: private\n"
        + in + "privacy-unit: cust_id\n"
        + in + "epsilon: 1\n"
        + in + "delta: 1e-6\n"
        + in + "budget: { epsilon: " + budget + ", per: day }\n"
        + in + "max-groups-per-unit: 1\n"
        + in + "max-rows-per-unit: " + SALES_PER_CUSTOMER + "\n"
        + in + "bounds: { amount: [0, 1000] }\n";
  }

  /** Restarts site {@code i} from its files on the same port (the ledger must come back with it). */
  synchronized void restart(int i) throws Exception {
    int port = servers.get(i).port();
    servers.get(i).close();
    servers.set(i, SiteServer.start(SiteConfig.load(configs.get(i)), "127.0.0.1:" + port));
  }

  /** The Flight port of site {@code i}. */
  int port(int i) {
    return servers.get(i).port();
  }

  /** {@code jdbc:shoal:} over all three sites, acting for {@code user}. */
  Connection shoal(String user) throws SQLException {
    StringBuilder sites = new StringBuilder();
    for (int s = 0; s < NAMES.length; s++) {
      sites.append(s > 0 ? "," : "").append(NAMES[s]).append("@grpc://127.0.0.1:").append(servers.get(s).port());
    }
    return DriverManager.getConnection("jdbc:shoal:sites=" + sites + ";user=" + user + ";token=" + DELEGATE
        + ";metadataCacheSeconds=0");
  }

  /** The official Flight SQL JDBC driver straight at site {@code i}, as {@code analyst}. */
  Connection flightSql(int i) throws SQLException {
    return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + servers.get(i).port()
        + "/?useEncryption=false&token=" + ANALYST);
  }

  @Override
  public void close() {
    for (SiteServer s : servers) s.close();
  }
}

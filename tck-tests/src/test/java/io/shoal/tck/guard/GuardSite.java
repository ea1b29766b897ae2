package io.shoal.tck.guard;

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
import java.util.regex.Pattern;

/**
 * The site the guard's attack corpus runs against, served twice from the same files: {@code eu}
 * without authentication (loopback), and {@code sec} with tokens, delegation and audit readers.
 * Every protected value has a shape no legitimate answer has, so a leak shows in any cell.
 */
public final class GuardSite implements AutoCloseable {
  /** Customers, each with a unique e-mail, phone, name. */
  public static final int CUSTOMERS = 200;
  public static final int MIN_GROUP = 5;
  /** Any value of a denied column, a hidden table's secret, or a raw customer name. */
  public static final Pattern PROTECTED =
      Pattern.compile("@mail\\.example|\\+1-555-|vault-secret|\\bcust\\d+\\b|user\\d+");

  public static final String COORDINATOR_TOKEN = "coordinator-secret";
  public static final String ALICE_TOKEN = "alice-secret";
  public static final String BOB_TOKEN = "bob-secret";
  public static final String AUDITOR_TOKEN = "auditor-secret";

  private static final PerJvm<GuardSite> SHARED =
      new PerJvm<>(() -> new GuardSite(Files.createTempDirectory("shoal-guard-")));
  private final Path root;
  public final SiteServer open;
  public final SiteServer secured;

  public static GuardSite get() throws Exception {
    return SHARED.get();
  }

  private GuardSite(Path root) throws Exception {
    this.root = root;
    Path files = root.resolve("files");
    Files.createDirectories(files);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
      st.execute("COPY (SELECT range::INTEGER AS cust_id, 'cust' || range AS name, 'user' || range || '@mail.example' AS email,"
          + " '+1-555-' || lpad(range::VARCHAR, 7, '0') AS phone, (20 + range % 60)::INTEGER AS age,"
          + " 'c' || (range % 5) AS city FROM range(" + CUSTOMERS + ")) TO '" + files.resolve("customers.parquet")
          + "' (FORMAT parquet)");
      st.execute("COPY (SELECT range::INTEGER AS id, (range % " + CUSTOMERS + ")::INTEGER AS cust_id,"
          + " (range * 37 % 1000)::DOUBLE AS amount FROM range(1000)) TO '" + files.resolve("sales.parquet") + "' (FORMAT parquet)");
      st.execute("COPY (SELECT range::INTEGER AS id, 'vault-secret-' || range AS secret FROM range(3)) TO '"
          + files.resolve("vault.parquet") + "' (FORMAT parquet)");
    }
    SampleTables.cities(files.resolve("cities.parquet"), 5);
    Path tokens = root.resolve("tokens");
    Files.writeString(tokens, COORDINATOR_TOKEN + " coordinator delegate\n" + ALICE_TOKEN + " alice\n"
        + BOB_TOKEN + " bob\n" + AUDITOR_TOKEN + " auditor\n");
    open = SiteServer.start(SiteConfig.load(write("eu", files, "")));
    secured = SiteServer.start(SiteConfig.load(write("sec", files,
        "  audit-readers: [auditor]\n", "auth:\n  tokens-file: " + tokens + "\n")));
  }

  private Path write(String name, Path files, String policyExtra, String... tail) throws Exception {
    Path data = root.resolve(name);
    Files.createDirectories(data);
    String yaml = "name: " + name + "\n"
        + "region: eu-west-1\n"
        + "listen: 127.0.0.1:0\n"
        + "data: " + data + "\n"
        + "tables:\n"
        + "  customers: { parquet: \"" + files.resolve("customers.parquet") + "\" }\n"
        + "  custrows: { parquet: \"" + files.resolve("customers.parquet") + "\" }\n"
        + "  sales: { parquet: \"" + files.resolve("sales.parquet") + "\" }\n"
        + "  vault: { parquet: \"" + files.resolve("vault.parquet") + "\" }\n"
        + "  cities: { parquet: \"" + files.resolve("cities.parquet") + "\", distribution: replicated }\n"
        + "  broken: { parquet: \"" + files.resolve("missing") + "/*.parquet\" }\n"
        + "policy:\n"
        + "  export: aggregates\n"
        + "  min-group-size: " + MIN_GROUP + "\n"
        + "  tables:\n"
        + "    customers: { columns: { email: deny, phone: deny }, identifiers: [cust_id] }\n"
        + "    sales: { privacy-unit: cust_id, identifiers: [id] }\n"
        + "    custrows: { export: rows, columns: { email: deny, phone: deny } }\n"
        + "    vault: { export: none }\n"
        + "    cities: { export: rows }\n"
        + "  principals:\n"
        + "    dpo: { export: rows }\n"
        + policyExtra
        + String.join("", tail);
    Path file = root.resolve(name + ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  /** The official Arrow Flight SQL JDBC driver straight at the open site; extra URL parameters become call headers. */
  public Connection flightSql(String extra) throws SQLException {
    return DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + open.port() + "/?useEncryption=false" + extra);
  }

  /** The official driver at the secured site with a bearer token. */
  public Connection flightSqlSecured(String token, String extra) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:arrow-flight-sql://127.0.0.1:" + secured.port() + "/?useEncryption=false&token=" + token + extra);
  }

  /** {@code jdbc:shoal:} over the open site. */
  public Connection shoal() throws SQLException {
    return DriverManager.getConnection("jdbc:shoal:sites=eu@grpc://127.0.0.1:" + open.port() + ";metadataCacheSeconds=0");
  }

  /** {@code jdbc:shoal:} over the secured site, acting for {@code user} with the delegate token. */
  public Connection shoalSecured(String user) throws SQLException {
    return DriverManager.getConnection("jdbc:shoal:sites=sec@grpc://127.0.0.1:" + secured.port()
        + ";user=" + user + ";token=" + COORDINATOR_TOKEN + ";metadataCacheSeconds=0");
  }

  public Path dataOf(String site) {
    return root.resolve(site);
  }

  public Path root() {
    return root;
  }

  @Override
  public void close() {
    open.close();
    secured.close();
  }
}

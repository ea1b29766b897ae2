package io.shoal.tck.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.driver.CoordinatorServer;
import io.shoal.flight.SiteServer;
import io.shoal.site.config.SiteConfig;
import io.shoal.tck.TestFederation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each SQLState DESIGN.md's table of errors documents, triggered for real at a site or at the
 * coordinator and seen at the JDBC client, embedded and through {@code shoal coordinator}: over
 * the shared three sites plus sites of its own (a policy that denies a column, tight limits, a
 * token file, one that is not there). Messages are checked for the words a person acts on and for
 * what must not be in them (stack frames, class names).
 */
class SqlStateTest {
  /** At one site: about 24k line items squared, seconds of DuckDB work. */
  private static final String SLOW_AT_LIM = "SELECT COUNT(*) FROM lim.lineitem a, lim.lineitem b"
      + " WHERE a.l_comment || b.l_comment LIKE '%zz%zz%'";
  private static final String SLOW =
      "SELECT COUNT(*) FROM global.lineitem a, global.lineitem b WHERE a.l_comment < b.l_comment";

  private static TestFederation fed;
  private static final List<AutoCloseable> started = new ArrayList<>();
  private static String sites;
  private static String remote;
  private static String secSites;
  private static String secRemote;
  private static String marsSites;
  private static String marsRemote;

  @BeforeAll
  static void start() throws Exception {
    fed = TestFederation.get();
    Path root = fed.root();
    Path eu = root.resolve("tpch/eu");
    SiteServer pol = site(root, "pol", "tables:\n"
        + "  customer: { parquet: \"" + eu.resolve("customer.parquet") + "\" }\n"
        + "policy:\n  export: rows\n  tables:\n    customer: { columns: { c_phone: deny } }\n");
    SiteServer lim = site(root, "lim", "tables:\n"
        + "  lineitem: { parquet: \"" + eu.resolve("lineitem.parquet") + "\" }\n"
        + "limits: { fragment-wall-time: 3s, max-fragments: 1 }\n");
    Path tokens = root.resolve("sec-tokens");
    Files.writeString(tokens, "right-token coordinator delegate\n");
    SiteServer sec = site(root, "sec", "tables:\n"
        + "  nation: { parquet: \"" + eu.resolve("nation.parquet") + "\" }\n"
        + "auth: { tokens-file: \"" + tokens + "\" }\n");
    sites = fed.sitesProperty() + ",pol@grpc://127.0.0.1:" + pol.port()
        + ",lim@grpc://127.0.0.1:" + lim.port();
    remote = coordinator(root, "main", sites, null);
    // A site that refuses the coordinator's token, and one that is not there, fail the connection
    // (without partialResults): each gets a federation, and a coordinator, of its own.
    secSites = "sec@grpc://127.0.0.1:" + sec.port();
    secRemote = coordinator(root, "sec", secSites, "wrong-token");
    marsSites = "mars@grpc://127.0.0.1:" + freePort();
    marsRemote = coordinator(root, "mars", marsSites, null);
  }

  /** A coordinator over {@code sites} (name@uri,...), every site with {@code token}; its URL. */
  private static String coordinator(Path root, String name, String sites, String token) throws Exception {
    StringBuilder yaml = new StringBuilder("sites:\n");
    for (String s : sites.split(",")) {
      String[] p = s.split("@", 2);
      yaml.append("  - { name: ").append(p[0]).append(", uri: \"").append(p[1]).append("\"")
          .append(token == null ? "" : ", token: \"" + token + "\"").append(" }\n");
    }
    Path config = root.resolve("sqlstate-coordinator-" + name + ".yaml");
    Files.writeString(config, yaml);
    CoordinatorServer coordinator = CoordinatorServer.start(config, "127.0.0.1", 0);
    started.add(coordinator::close);
    return "jdbc:shoal:remote:url=http://127.0.0.1:" + coordinator.port();
  }

  private static SiteServer site(Path root, String name, String body) throws Exception {
    Path dir = root.resolve("sqlstate-" + name);
    Files.createDirectories(dir);
    Path yaml = root.resolve("sqlstate-" + name + ".yaml");
    Files.writeString(yaml, "name: " + name + "\nregion: test-1\nlisten: 127.0.0.1:0\ndata: " + dir
        + "\n" + body);
    SiteServer s = SiteServer.start(SiteConfig.load(yaml));
    started.add(s::close);
    return s;
  }

  private static int freePort() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : started) c.close();
  }

  private static Connection open(String mode) throws SQLException {
    return DriverManager.getConnection(mode.equals("remote") ? remote : "jdbc:shoal:sites=" + sites);
  }

  /** The failure of connecting and running {@code sql} (at connect or at the query). */
  private static SQLException failure(String url, String sql, boolean unused) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
      try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          // read it all
        }
      }
    });
    assertThat(t).as(url).isInstanceOf(SQLException.class);
    SQLException e = (SQLException) t;
    assertThat(e.getMessage()).as(url).doesNotContain("\tat ", "Exception:", "org.apache.", "io.shoal.");
    return e;
  }

  private static SQLException failure(String mode, String sql) throws Exception {
    try (Connection c = open(mode); Statement st = c.createStatement()) {
      return failure(st, sql);
    }
  }

  private static SQLException failure(Statement st, String sql) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          // read it all: a site's error may come with its rows
        }
      }
    });
    assertThat(t).as(sql).isInstanceOf(SQLException.class);
    SQLException e = (SQLException) t;
    assertThat(e.getMessage()).as(sql).doesNotContain("\tat ", "Exception:", "org.apache.", "io.shoal.");
    return e;
  }

  private static void assertState(SQLException e, String state, String... words) {
    StringBuilder chain = new StringBuilder();
    for (Throwable c = e; c != null && chain.length() < 2000; c = c.getCause()) {
      chain.append(" <- ").append(c.getClass().getName());
    }
    assertThat(e.getSQLState()).as(e.getMessage() + chain).isEqualTo(state);
    if (words.length > 0) assertThat(e.getMessage()).contains(words);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void statementsTheCoordinatorRefuses(String mode) throws Exception {
    assertState(failure(mode, "SELEC 1"), "42000", "syntax error", "line 1, column 1");
    assertState(failure(mode, "SELECT * FROM global.no_such_table"), "42S02", "no_such_table");
    assertState(failure(mode, "SELECT no_such_column FROM global.nation"), "42S22", "no_such_column");
    assertState(failure(mode, "SELECT c_phone FROM pol.customer"), "42501", "c_phone");
    assertState(failure(mode, "CREATE TABLE t (a INTEGER)"), "25006", "read-only");
    assertState(failure(mode, "INSERT INTO global.nation VALUES (99, 'X', 1, 'y')"), "25006", "read-only");
    assertState(failure(mode, "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000)), "54001");
    assertState(failure(mode, "SELECT FIRST(n_name) FROM global.nation"), "0A000", "FIRST");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void failuresAtASite(String mode) throws Exception {
    SQLException atCoordinator = failure(mode, "SELECT CAST(x AS INTEGER) FROM (VALUES ('abc')) AS t(x)");
    assertState(atCoordinator, "22018", "withheld");
    assertThat(atCoordinator.getMessage()).doesNotContain("abc");
    boolean remoteMode = mode.equals("remote");
    assertState(failure(remoteMode ? marsRemote : "jdbc:shoal:sites=" + marsSites + ";connectTimeout=3",
        "SELECT COUNT(*) FROM mars.nation", true), "08001", "mars");
    assertState(failure(remoteMode ? secRemote : "jdbc:shoal:sites=" + secSites + ";token=wrong-token",
        "SELECT COUNT(*) FROM sec.nation", true), "28000", "sec");
    assertState(failure(mode, SLOW_AT_LIM), "54000", "fragment-wall-time", "lim");
  }

  /**
   * A conversion error raised while a site streams its result: duckdb_jdbc 2.0.0.1 reports such an
   * error only as "Invalid Input Error: Invalid result set"; the site finds DuckDB's own error
   * (see SiteDataErrorTest) and answers 22018, as for a conversion error anywhere else.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void aConversionErrorWhileASiteStreams(String mode) throws Exception {
    SQLException atSite = failure(mode, "SELECT CAST(n_comment AS INTEGER) FROM eu.nation");
    assertThat(atSite.getSQLState()).as(atSite.getMessage()).isEqualTo("22018");
    assertThat(atSite.getMessage()).contains("site eu");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void aFullSiteRefusesMoreWork(String mode) throws Exception {
    try (Connection c = open(mode); Statement busy = c.createStatement();
        Connection other = open(mode); Statement st = other.createStatement()) {
      CompletableFuture<SQLException> first = CompletableFuture.supplyAsync(() -> failure(busy, SLOW_AT_LIM));
      SQLException refused = null;
      // lim runs one fragment at a time: once the slow one runs there, the next is refused.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (refused == null && System.nanoTime() < deadline) {
        Thread.sleep(200);
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM lim.lineitem")) {
          rs.next(); // ran before the slow one took the site, or after it ended
        } catch (SQLException e) {
          refused = e;
        }
      }
      assertThat((Object) refused).as("refused while lim was busy").isNotNull();
      assertState(refused, "53000", "lim");
      assertThat(first.get(60, TimeUnit.SECONDS).getSQLState()).isEqualTo("54000");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void timeoutAndCancel(String mode) throws Exception {
    try (Connection c = open(mode); Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      SQLException timedOut = failure(st, SLOW);
      assertState(timedOut, "HYT00", "timed out");
      assertThat((Object) timedOut).isInstanceOf(java.sql.SQLTimeoutException.class);
      st.setQueryTimeout(0);
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1000);
          st.cancel();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      assertState(failure(st, SLOW), "57014", "cancelled");
      cancel.join();
    }
  }
}

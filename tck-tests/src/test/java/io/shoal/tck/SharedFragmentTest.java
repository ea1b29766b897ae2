package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.flight.SiteServer;
import io.shoal.planner.exec.QueryRun;
import io.shoal.site.config.SiteConfig;
import io.shoal.tpch.TpchQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A fragment the plan uses twice in one query (TPC-H Q15's view, a self-join of one sub-select)
 * goes to each site once: counted in the sites' own audit logs, with the coordinator's bytes equal
 * to the audit's, and the rows equal to the oracle's. Past the replay limit the second use fetches
 * again (still right); a site that fails under a shared fragment fails or warns once, never hangs.
 */
class SharedFragmentTest extends FederationSuite {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The same per-site aggregation twice: joined with itself on both columns. */
  private static final String SELF_JOIN =
      "WITH r AS (SELECT l_suppkey AS k, SUM(l_quantity) AS q FROM lineitem"
          + " WHERE l_shipdate < DATE '1995-01-01' GROUP BY l_suppkey)"
          + " SELECT a.k, a.q FROM r a JOIN r b ON a.k = b.k AND a.q = b.q ORDER BY a.k";

  @Test
  void q15SendsItsRevenueFragmentOncePerSite() throws Exception {
    String sql = TpchQueries.get(15);
    assertOracle(sql, true);
    String id = lastQueryId(sql);
    Map<String, List<JsonNode>> audit = audit(id);
    assertThat(audit.keySet()).containsExactlyInAnyOrder("eu", "us", "apac");
    audit.forEach((site, lines) -> assertThat(lines.stream()
            .filter(l -> l.get("tables").has("lineitem")).count())
        .as("lineitem fragments run at %s for Q15", site)
        .isEqualTo(1));
    assertBytesMatchAudit(id, audit);
  }

  @Test
  void aSubSelectUsedTwiceIsFetchedOncePerSite() throws Exception {
    assertOracle(SELF_JOIN, true);
    String id = lastQueryId(SELF_JOIN);
    Map<String, List<JsonNode>> audit = audit(id);
    assertThat(audit.keySet()).containsExactlyInAnyOrder("eu", "us", "apac");
    audit.forEach((site, lines) ->
        assertThat(lines).as("fragments run at %s", site).hasSize(1));
    assertBytesMatchAudit(id, audit);
  }

  @Test
  void pastTheReplayLimitTheSecondUseFetchesAgain() throws Exception {
    System.setProperty(QueryRun.REPLAY_LIMIT_PROPERTY, "1000");
    try {
      String sql = SELF_JOIN + " ";  // its own entry in shoal.queries
      assertOracle(sql, true);
      String id = lastQueryId(sql);
      Map<String, List<JsonNode>> audit = audit(id);
      audit.forEach((site, lines) ->
          assertThat(lines).as("fragments run at %s", site).hasSize(2));
      assertBytesMatchAudit(id, audit);
    } finally {
      System.clearProperty(QueryRun.REPLAY_LIMIT_PROPERTY);
    }
  }

  @Test
  void aSharedFragmentOfAFailedSiteFailsOrWarnsOnceAndNeverHangs() throws Exception {
    Path root = fed.root();
    Path dir = root.resolve("xx-shared");
    Files.createDirectories(dir);
    Path yaml = root.resolve("xx-shared.yaml");
    Files.writeString(yaml, "name: xx\nregion: ap-south-1\nlisten: 127.0.0.1:0\ndata: " + dir
        + "\ntables:\n  lineitem: { parquet: \"" + root.resolve("tpch/eu/lineitem.parquet")
        + "\" }\n");
    SiteServer xx = SiteServer.start(SiteConfig.load(yaml));
    // Through the driver: it is what turns a site's failure into an SQLException with its state.
    String url = "jdbc:shoal:sites=" + fed.sitesProperty() + ",xx@grpc://127.0.0.1:" + xx.port()
        + ";metadataCacheSeconds=0";
    try (Connection strict = DriverManager.getConnection(url);
        Connection lenient = DriverManager.getConnection(url + ";partialResults=true")) {
      ResultRows.run(strict, SELF_JOIN); // xx answers now
      ResultRows.run(lenient, SELF_JOIN);
      xx.close();
      // A hang would end in the driver's query timeout (HYT00), which fails the assertions below.
      try (Statement st = strict.createStatement()) {
        st.setQueryTimeout(60);
        assertThatThrownBy(() -> ResultRows.read(st.executeQuery(SELF_JOIN)))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).startsWith("08");
              assertThat(e.getMessage()).contains("site xx");
            });
      }
      try (Statement st = lenient.createStatement()) {
        st.setQueryTimeout(60);
        try (ResultSet rs = st.executeQuery(SELF_JOIN)) {
          ResultRows got = ResultRows.read(rs);
          assertThat(ResultRows.difference(ResultRows.run(oracle, SELF_JOIN), got, true))
              .as("the other sites' rows").isNull();
          int aboutXx = 0;
          for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
            if (w.getMessage().contains("site xx")) aboutXx++;
          }
          assertThat(aboutXx).as("warnings naming site xx").isEqualTo(1);
        }
      }
    } finally {
      xx.close();
    }
  }

  private static void assertOracle(String sql, boolean ordered) throws SQLException {
    ResultRows expected = ResultRows.run(oracle, sql);
    ResultRows actual = ResultRows.run(federation, sql);
    assertThat(expected.rows()).isNotEmpty();
    assertThat(ResultRows.difference(expected, actual, ordered)).as(sql).isNull();
  }

  private static String lastQueryId(String sql) throws SQLException {
    try (PreparedStatement ps = federation.prepareStatement(
        "SELECT query_id FROM shoal.queries WHERE query_text = ? ORDER BY started DESC LIMIT 1")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as("shoal.queries has %s", sql).isTrue();
        return rs.getString(1);
      }
    }
  }

  /** The audit lines each site wrote for query {@code id}, read from the sites' own files. */
  private static Map<String, List<JsonNode>> audit(String id) throws Exception {
    Map<String, List<JsonNode>> out = new HashMap<>();
    for (String site : List.of("eu", "us", "apac")) {
      Path file = fed.root().resolve("tpch").resolve(site).resolve("audit.jsonl");
      for (String line : Files.readAllLines(file)) {
        JsonNode n = JSON.readTree(line);
        if (id.equals(n.get("query_id").asText())) {
          out.computeIfAbsent(site, s -> new ArrayList<>()).add(n);
        }
      }
    }
    return out;
  }

  /** What shoal.queries says moved per site is what the sites' audit logs say left them. */
  private static void assertBytesMatchAudit(String id, Map<String, List<JsonNode>> audit)
      throws SQLException {
    Map<String, Long> coordinator = new HashMap<>();
    try (PreparedStatement ps = federation.prepareStatement(
        "SELECT site, bytes FROM shoal.queries WHERE query_id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) coordinator.merge(rs.getString(1), rs.getLong(2), Long::sum);
      }
    }
    audit.forEach((site, lines) -> assertThat(coordinator.get(site))
        .as("bytes from %s", site)
        .isEqualTo(lines.stream().mapToLong(l -> l.get("bytes").asLong()).sum()));
  }
}

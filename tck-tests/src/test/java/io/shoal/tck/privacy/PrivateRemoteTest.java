package io.shoal.tck.privacy;

import static io.shoal.tck.privacy.PrivateAnswersTest.SALE_17;
import static io.shoal.tck.privacy.PrivateAnswersTest.THREE_SITES;
import static io.shoal.tck.privacy.PrivateAnswersTest.assertNoisy;
import static io.shoal.tck.privacy.PrivateAnswersTest.twenty;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.driver.CoordinatorServer;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.tck.TestCoordinator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code export: private} through {@code shoal coordinator}: a thin client signed in as analyst
 * gets the same noisy answers as the embedded driver, the same refusals with their SQLState, and
 * its spending is audited under its own name at every site.
 */
class PrivateRemoteTest {
  static PrivateSites sites;
  static CoordinatorServer server;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    sites = PrivateSites.get();
    List<SiteEndpoint> endpoints = new ArrayList<>();
    for (int s = 0; s < PrivateSites.NAMES.length; s++) {
      endpoints.add(new SiteEndpoint(PrivateSites.NAMES[s], URI.create("grpc://127.0.0.1:" + sites.port(s)),
          PrivateSites.DELEGATE));
    }
    server = TestCoordinator.signedIn(endpoints, "analyst analyst-password\n");
    url = "jdbc:shoal:remote:url=http://127.0.0.1:" + server.port()
        + ";user=analyst;password=analyst-password";
  }

  @AfterAll
  static void stop() {
    if (server != null) server.close();
  }

  @Test
  void aOneHotSumThroughTheCoordinatorIsNoise() throws Exception {
    try (Connection c = DriverManager.getConnection(url)) {
      assertNoisy(twenty(c, "SELECT sum(CASE WHEN id = 17 THEN amount ELSE 0 END) FROM global.sales"),
          SALE_17, THREE_SITES);
    }
  }

  @Test
  void whatPrivacyCannotAnswerIsRefusedWithItsState() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      for (String sql : new String[] {
          "SELECT max(amount) FROM global.sales",
          "SELECT id, amount FROM global.sales WHERE id = 17",
          "SELECT stddev(amount), avg(amount) FROM global.sales"}) {
        assertThatThrownBy(() -> st.executeQuery(sql).next()).as(sql)
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501");
              assertThat(e.getMessage()).contains("sales").doesNotContain("629");
            });
      }
    }
  }

  @Test
  void theSitesAuditTheSignedInAnalystsSpending() throws Exception {
    String sql = "SELECT count(*) FROM global.sales WHERE amount > 500 -- " + java.util.UUID.randomUUID();
    try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery(sql)) {
        assertThat(rs.next()).isTrue();
      }
      String id;
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "SELECT query_id, principal FROM shoal.queries WHERE query_text = ?")) {
        ps.setString(1, sql);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).as("shoal.queries has the query").isTrue();
          id = rs.getString(1);
          assertThat(rs.getString(2)).as("the coordinator's principal").isEqualTo("analyst");
        }
      }
      try (java.sql.PreparedStatement ps = c.prepareStatement(
          "SELECT site, principal, epsilon FROM shoal.audit WHERE query_id = ?")) {
        ps.setString(1, id);
        ResultSet rs = ps.executeQuery();
        int sitesSeen = 0;
        while (rs.next()) {
          assertThat(rs.getString(2)).isEqualTo("analyst");
          assertThat(rs.getDouble(3)).isEqualTo(1.0);
          sitesSeen++;
        }
        assertThat(sitesSeen).as("audit lines of the three sites").isGreaterThanOrEqualTo(3);
      }
    }
  }
}

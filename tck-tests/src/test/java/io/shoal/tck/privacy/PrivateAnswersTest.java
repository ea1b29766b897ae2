package io.shoal.tck.privacy;

import static io.shoal.testsupport.Samples.mean;
import static io.shoal.testsupport.Samples.sd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.privacy.DiscreteLaplace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The attacks on an aggregates table, run 20 times each against an {@code export: private}
 * table (epsilon 1, bounds [0, 1000], 5 sales per customer), through {@code jdbc:shoal:} over
 * three sites and straight at a site with the official Flight SQL JDBC driver. Every answer is
 * noisy with the spread the bounds imply, none is the exact value, and what the mode cannot answer
 * is refused with 42501.
 */
class PrivateAnswersTest {
  /** Sale 17 is at eu; its amount is 17 * 37 % 1000. */
  static final double SALE_17 = 629;
  /** One customer moves a SUM by at most 5 x 1000: the noise scale at epsilon 1. */
  static final double ONE_SITE = Math.sqrt(DiscreteLaplace.variance(5000));
  static final double THREE_SITES = Math.sqrt(3) * ONE_SITE;

  static PrivateSites sites;
  static Connection shoal;
  static Connection flight;

  @BeforeAll
  static void connect() throws Exception {
    sites = PrivateSites.get();
    shoal = sites.shoal("analyst");
    flight = sites.flightSql(0);
  }

  @AfterAll
  static void disconnect() throws SQLException {
    if (shoal != null) shoal.close();
    if (flight != null) flight.close();
  }

  static double single(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).as(sql).isTrue();
        double v = rs.getDouble(1);
        assertThat(rs.next()).as(sql).isFalse();
        return v;
      }
    }
  }

  static String messages(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) out.append(t.getMessage()).append(" | ");
    return out.toString();
  }

  static double[] twenty(Connection c, String sql, Object... parameters) throws SQLException {
    double[] out = new double[20];
    for (int i = 0; i < out.length; i++) out[i] = single(c, sql, parameters);
    return out;
  }

  /** The noise of 20 answers: centred on the truth and as wide as the bounds imply, never the truth itself. */
  static void assertNoisy(double[] v, double truth, double sigma) {
    // A sample sd of 20 Laplace draws lies within [0.45, 1.6] sigma about 99.9% of the time.
    assertThat(sd(v)).isBetween(0.3 * sigma, 2.5 * sigma);
    assertThat(Math.abs(mean(v) - truth)).isLessThan(5 * sigma / Math.sqrt(v.length));
    for (double x : v) assertThat(x).isNotEqualTo(truth);
  }

  @Test
  void aOneHotSumIsNoiseAroundTheValueStraightAtTheSiteAndThroughTheFederation() throws Exception {
    String sql = "SELECT sum(CASE WHEN id = 17 THEN amount ELSE 0 END) FROM sales";
    assertNoisy(twenty(flight, sql), SALE_17, ONE_SITE);
    assertNoisy(twenty(shoal, sql.replace("FROM sales", "FROM global.sales")), SALE_17, THREE_SITES);
  }

  @Test
  void aPreparedParameterSelectorIsNoisyAtTheSite() throws Exception {
    assertNoisy(twenty(flight, "SELECT sum(CASE WHEN id = ? THEN amount ELSE 0 END) FROM sales", 17), SALE_17, ONE_SITE);
  }

  @Test
  void aOneHotAverageNeverGivesTheCustomersMean() throws Exception {
    // customer 3's five sales: ids 3, 403, 803, 1203, 1603
    double exact = (3 * 37 % 1000 + 403 * 37 % 1000 + 803 * 37 % 1000 + 1203 * 37 % 1000 + 1603 * 37 % 1000) / 5.0;
    for (Connection c : List.of(flight, shoal)) {
      String table = c == shoal ? "global.sales" : "sales";
      double[] v = twenty(c, "SELECT avg(CASE WHEN cust_id = 3 THEN amount END) FROM " + table);
      for (double x : v) {
        assertThat(x).isNotEqualTo(exact);
        // the site clamps its mean to the bounds; the coordinator divides noisy partials as they are
        if (c == flight) assertThat(x).isBetween(0.0, 1000.0);
      }
      // At the site the mean is noisy SUM / noisy COUNT, clamped to the bounds; through the
      // federation a noisy count of 0 makes it NULL (read as 0 here), which is no value either.
      if (c == flight) assertThat(sd(v)).isGreaterThan(1.0);
    }
  }

  @Test
  void differencingTwoTrackersGivesNoiseOfTwoAnswers() throws Exception {
    double[] diff = new double[20];
    for (int i = 0; i < diff.length; i++) {
      diff[i] = single(flight, "SELECT sum(amount) FROM sales WHERE id BETWEEN 17 AND 22")
          - single(flight, "SELECT sum(amount) FROM sales WHERE id BETWEEN 18 AND 22");
    }
    assertNoisy(diff, SALE_17, Math.sqrt(2) * ONE_SITE);
  }

  @Test
  void aJoinThatRepeatsOneRowIsNoisyOrRefused() throws Exception {
    String sql = "SELECT sum(s.amount) / count(*) FROM %s s, %s k WHERE s.id = 17 AND s.city = k.city";
    double[] atSite = twenty(flight, sql.formatted("sales", "cities"));
    for (double x : atSite) assertThat(x).isNotEqualTo(SALE_17);
    assertThat(sd(atSite)).isGreaterThan(1.0);
    try {
      double[] federated = twenty(shoal, sql.formatted("global.sales", "global.cities"));
      for (double x : federated) assertThat(x).isNotEqualTo(SALE_17);
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isEqualTo("42501");
    }
  }

  @Test
  void aValueThatWouldMakeACastFailIsNoErrorOverFlightSqlEither() throws Exception {
    // sale 17's amount (629) is above 500 and below 700: an error for one threshold only would
    // be a bit of it. The Flight SQL driver also asks for the schema first (the site's probe).
    for (Connection c : List.of(flight, shoal)) {
      String table = c == shoal ? "global.sales" : "sales";
      for (String threshold : List.of("500", "700")) {
        double n = single(c, "SELECT count(*) FROM " + table + " WHERE CAST(CASE WHEN id = 17 AND amount > "
            + threshold + " THEN 'x' ELSE '1' END AS INTEGER) = 1");
        assertThat(n).isGreaterThan(0);
      }
    }
  }

  @Test
  void whatAPrivateTableCannotAnswerIsRefusedWith42501() {
    List<String> refused = List.of(
        "SELECT stddev_pop(CASE WHEN id IN (17, 18) THEN amount END), avg(CASE WHEN id IN (17, 18) THEN amount END) FROM %s",
        "SELECT count(*) FROM %s WHERE (SELECT amount FROM %s WHERE id = 17) > 500",
        "SELECT max(amount) FROM %s",
        "SELECT id, amount FROM %s",
        "SELECT count(DISTINCT cust_id) FROM %s");
    List<String> answered = new ArrayList<>();
    for (String template : refused) {
      for (Connection c : List.of(flight, shoal)) {
        String table = c == shoal ? "global.sales" : "sales";
        String sql = template.replace("%s", table);
        try {
          answered.add((c == shoal ? "shoal: " : "site: ") + sql + " -> " + single(c, sql));
        } catch (SQLException e) {
          String messages = messages(e);
          if (c == shoal) {
            assertThat(e.getSQLState()).as(sql + ": " + messages).isEqualTo("42501");
          } else {
            // the Flight SQL driver has no SQLState of its own: the site's words
            assertThat(messages).as(sql).contains("policy of site eu");
          }
          assertThat(messages).doesNotContain("629");
        }
      }
    }
    assertThat(answered).isEmpty();
  }

  @Test
  void theAnswerSaysItIsPrivateAndExplainShowsEpsilonPerFragment() throws Exception {
    try (Statement st = shoal.createStatement();
        ResultSet rs = st.executeQuery("SELECT k.country, count(*), avg(s.amount) FROM global.sales s"
            + " JOIN global.cities k ON s.city = k.city GROUP BY k.country ORDER BY k.country")) {
      int rows = 0;
      while (rs.next()) {
        rows++;
        // 2 countries x 3 sites x 200 customers x 5 sales = 3,000 per country
        assertThat(rs.getDouble(2)).isBetween(2500.0, 3500.0);
        assertThat(rs.getDouble(3)).isBetween(0.0, 1000.0);
      }
      assertThat(rows).isEqualTo(2);
      List<String> warnings = new ArrayList<>();
      for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) warnings.add(w.getMessage());
      for (String site : PrivateSites.NAMES) {
        assertThat(warnings).anySatisfy(w -> assertThat(w)
            .contains("differentially private").contains("site " + site).contains("epsilon 1"));
      }
    }
    try (Statement st = shoal.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR SELECT count(*) FROM global.sales")) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) plan.append(rs.getString(1)).append('\n');
      assertThat(plan.toString()).contains("epsilon=[1 on sales]");
    }
  }

  @Test
  void theEleventhQueryOfADayIsRefusedAndASiteRestartDoesNotRenewTheBudget() throws Exception {
    try (Connection frugal = sites.shoal("frugal")) {
      for (int i = 0; i < 10; i++) single(frugal, "SELECT count(*) FROM global.sales");
      assertThatThrownBy(() -> single(frugal, "SELECT count(*) FROM global.sales"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42501");
            assertThat(e.getMessage()).contains("privacy budget").contains("renews at");
          });
      try (Statement st = frugal.createStatement();
          ResultSet rs = st.executeQuery("SELECT site, sum(epsilon) FROM shoal.audit WHERE principal = 'frugal'"
              + " AND decision = 'private' GROUP BY site ORDER BY site")) {
        int n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getDouble(2)).as(rs.getString(1)).isEqualTo(10.0);
        }
        assertThat(n).isEqualTo(3);
      }
    }
    sites.restart(0);
    try (Connection frugal = sites.shoal("frugal")) {
      assertThatThrownBy(() -> single(frugal, "SELECT count(*) FROM global.sales"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
    }
    try (Connection reconnected = sites.flightSql(0)) {
      assertThat(single(reconnected, "SELECT count(*) FROM sales")).isBetween(1800.0, 2200.0);
    }
  }
}

package io.shoal.tck.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coordinator's residency check and the site's guard read one allow-list
 * ({@code FragmentFunctions}): each aggregate over an aggregates-only table is refused by both or
 * answered by both, and where the coordinator refuses, it does so before sending anything.
 */
class CoordinatorSiteAgreementTest extends GuardClients {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "count(*)", "count(age)", "sum(age)", "avg(age)", "stddev_pop(age)", "stddev_samp(age)", "var_pop(age)",
    "var_samp(age)", "count(DISTINCT age)", "min(age)", "max(age)", "bool_or(age > 40)", "bool_and(age > 40)",
    "any_value(age)", "sum(DISTINCT age)", "avg(DISTINCT age)"
  })
  void bothRefuseOrBothAnswer(String aggregate) {
    String sql = "SELECT city, " + aggregate + " AS v FROM customers GROUP BY city";
    String atSite = outcome(flight, sql);
    String viaCoordinator = outcome(shoal, sql);
    assertThat(viaCoordinator.startsWith("answered")).as("coordinator: %s / site: %s", viaCoordinator, atSite)
        .isEqualTo(atSite.startsWith("answered"));
    if (atSite.startsWith("refused") && !viaCoordinator.contains("No match found for function")) {
      // Refused at the coordinator, from the shared list, before any fragment was sent.
      assertThat(viaCoordinator).contains("residency");
    }
  }

  private static String outcome(Connection c, String sql) {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int rows = 0;
      while (rs.next()) rows++;
      return "answered " + rows;
    } catch (SQLException e) {
      return "refused " + e.getMessage();
    }
  }
}

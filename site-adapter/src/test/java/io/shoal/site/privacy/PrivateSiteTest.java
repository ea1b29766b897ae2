package io.shoal.site.privacy;

import static io.shoal.testsupport.Samples.mean;
import static io.shoal.testsupport.Samples.sd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.FragmentRows;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.duck.DuckSite;
import io.shoal.testsupport.SampleTables;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private answers straight at the site API: the noise has the spread the bounds and epsilon imply,
 * exact values do not come back, the shapes the mode cannot answer are refused, and the budget is
 * spent durably.
 */
class PrivateSiteTest {
  @TempDir static Path dir;
  static Path yaml;
  static DuckSite site;

  /** 2,000 sales of 400 customers (5 each, all in one of 4 cities), amounts 0..999. */
  @BeforeAll
  static void open() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    SampleTables.write(data.resolve("sales.parquet"), "SELECT range AS id, range % 400 AS cust_id,"
        + " (range * 37 % 1000)::DECIMAL(10,2) AS amount, 'c' || (range % 400 % 4) AS city FROM range(2000)");
    SampleTables.cities(data.resolve("cities.parquet"), 4);
    yaml = dir.resolve("site.yaml");
    Files.writeString(yaml, """
        name: eu
        region: eu-west-1
        data: data
        tables:
          sales: { parquet: data/sales.parquet }
          cities: { parquet: data/cities.parquet }
        policy:
          export: aggregates
          min-group-size: 5
          tables:
            sales:
              export: private
              privacy-unit: cust_id
              epsilon: 1.0
              delta: 1e-6
              budget: { epsilon: 1000, per: day }
              max-groups-per-unit: 1
              max-rows-per-unit: 5
              bounds: { amount: [0, 1000] }
            cities: { export: rows }
          principals:
            frugal:
              tables:
                sales:
                  export: private
                  privacy-unit: cust_id
                  epsilon: 1
                  budget: { epsilon: 10, per: day }
                  bounds: { amount: [0, 1000] }
                cities: { export: rows }
        """);
    site = DuckSite.open(SiteConfig.load(yaml));
  }

  @AfterAll
  static void close() {
    if (site != null) site.close();
  }

  static List<List<Object>> run(DuckSite on, String sql, String principal, Object... parameters) throws Exception {
    try (Site.Fragment f = on.prepare(sql, new Site.FragmentContext("q-test", principal));
        FragmentRun run = f.run(List.of(parameters))) {
      assertThat(run.decision()).isEqualTo("private");
      assertThat(run.epsilon()).isEqualByComparingTo(BigDecimal.ONE);
      return FragmentRows.read(run);
    }
  }

  static double[] twenty(String sql, Object... parameters) throws Exception {
    double[] out = new double[20];
    for (int i = 0; i < out.length; i++) {
      List<List<Object>> rows = run(site, sql, "analyst", parameters);
      assertThat(rows).hasSize(1);
      out[i] = ((Number) rows.get(0).get(0)).doubleValue();
    }
    return out;
  }

  @Test
  void aOneHotSumGetsNoiseOfTheBoundsScaleAndNeverTheExactValue() throws Exception {
    // sale 17's amount is 629; one customer contributes at most 5 rows x 1000: scale 5000 per epsilon
    double[] v = twenty("SELECT sum(CASE WHEN id = 17 THEN amount ELSE 0 END) FROM sales");
    double expected = Math.sqrt(DiscreteLaplace.variance(5000));
    assertThat(sd(v)).isBetween(0.3 * expected, 2.5 * expected);
    assertThat(Math.abs(mean(v) - 629)).isLessThan(5 * expected / Math.sqrt(20));
    for (double x : v) assertThat(x).isNotEqualTo(629.0);
  }

  @Test
  void aPreparedParameterSelectorIsNoisyToo() throws Exception {
    double[] v = twenty("SELECT sum(CASE WHEN id = ? THEN amount ELSE 0 END) FROM sales", 17);
    double expected = Math.sqrt(DiscreteLaplace.variance(5000));
    assertThat(sd(v)).isBetween(0.3 * expected, 2.5 * expected);
    for (double x : v) assertThat(x).isNotEqualTo(629.0);
  }

  @Test
  void aOneHotAverageIsClampedNoiseWithinTheBounds() throws Exception {
    double[] v = twenty("SELECT avg(CASE WHEN cust_id = 3 THEN amount END) FROM sales");
    for (double x : v) assertThat(x).isBetween(0.0, 1000.0);
    assertThat(sd(v)).as(java.util.Arrays.toString(v)).isGreaterThan(1.0);
  }

  @Test
  void aValueThatWouldMakeTheQueryFailDoesNotShowAsAnError() throws Exception {
    // sale 17's amount is 629: without try() the cast fails exactly when it is above 500
    for (String threshold : List.of("500", "700")) {
      List<List<Object>> rows = run(site, "SELECT count(*) FROM sales WHERE CAST(CASE WHEN id = 17 AND amount > "
          + threshold + " THEN 'x' ELSE '1' END AS INTEGER) = 1", "analyst");
      assertThat(rows).hasSize(1);
    }
  }

  @Test
  void countsAreNoisyIntegersAroundTheTruth() throws Exception {
    // 2,000 rows, each customer counted up to 5 times: sensitivity 5, scale 5
    double[] v = twenty("SELECT count(*) FROM sales");
    assertThat(Math.abs(mean(v) - 2000)).isLessThan(5 * Math.sqrt(DiscreteLaplace.variance(5)) / Math.sqrt(20));
    assertThat(sd(v)).isGreaterThan(0);
  }

  @Test
  void groupsComeBackWithPartitionSelectionAndJoinsWithRowsTablesWork() throws Exception {
    List<List<Object>> rows = run(site,
        "SELECT k.country, count(*) AS n, avg(s.amount) AS a FROM sales s JOIN cities k ON s.city = k.city"
            + " GROUP BY k.country ORDER BY k.country", "analyst");
    // 4 cities of 100 customers each: above the threshold (about 54 units here), so all four are released
    assertThat(rows).hasSize(4);
    for (List<Object> r : rows) {
      assertThat(((Number) r.get(1)).doubleValue()).isBetween(350.0, 650.0);
      assertThat(((Number) r.get(2)).doubleValue()).isBetween(0.0, 1000.0);
    }
  }

  @Test
  void aGroupOfOnePersonIsNotReleased() throws Exception {
    // one group per customer: each has one unit, far below the threshold
    List<List<Object>> rows = run(site, "SELECT cust_id, sum(amount) FROM sales GROUP BY cust_id", "analyst");
    assertThat(rows.size()).isLessThanOrEqualTo(2);
  }

  @Test
  void whatTheModeCannotAnswerIsRefused() {
    for (String sql : List.of(
        "SELECT * FROM sales",
        "SELECT max(amount) FROM sales",
        "SELECT sum(id) FROM sales",
        "SELECT sum(amount) FROM sales WHERE amount > (SELECT avg(amount) FROM sales)",
        "SELECT count(DISTINCT cust_id) FROM sales",
        "SELECT sum(amount * CAST(? AS INTEGER)) FROM sales",
        "SELECT city, count(*) FROM sales GROUP BY ROLLUP (city)")) {
      assertThatThrownBy(() -> run(site, sql, "analyst", sql.contains("?") ? new Object[] {2} : new Object[0]))
          .as(sql)
          .isInstanceOfSatisfying(SiteException.class, e -> {
            assertThat(e.kind()).as(sql + ": " + e.getMessage()).isEqualTo(SiteException.Kind.REFUSED);
            assertThat(e.rule()).as(sql).startsWith("policy:private");
          });
    }
  }

  @Test
  void theEleventhQueryOfTheDayIsRefusedAndTheLedgerSurvivesARestart() throws Exception {
    for (int i = 0; i < 10; i++) run(site, "SELECT count(*) FROM sales", "frugal");
    assertThatThrownBy(() -> run(site, "SELECT count(*) FROM sales", "frugal"))
        .isInstanceOfSatisfying(SiteException.class, e -> {
          assertThat(e.kind()).isEqualTo(SiteException.Kind.REFUSED);
          assertThat(e.rule()).isEqualTo("policy:private-budget");
          assertThat(e.getMessage()).contains("renews at").contains("10 of 10");
        });
    site.close();
    site = DuckSite.open(SiteConfig.load(yaml));
    assertThatThrownBy(() -> run(site, "SELECT count(*) FROM sales", "frugal"))
        .isInstanceOfSatisfying(SiteException.class, e -> assertThat(e.rule()).isEqualTo("policy:private-budget"));
  }
}

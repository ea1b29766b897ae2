package io.shoal.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.testsupport.TpchCalcite;
import java.util.List;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

/** The tour's SQL is valid for Calcite over the global tables, and its output helpers format well. */
class TourTest {

  @Test
  void tourHasSixToEightStopsCoveringTheBrief() {
    List<Tour.Stop> stops = Tour.stops();
    assertThat(stops).hasSizeBetween(6, 8);
    assertThat(stops).anyMatch(s -> s.sql().contains("WHERE _site = 'eu'"));
    assertThat(stops).anyMatch(s -> s.title().startsWith("TPC-H Q1:"));
    assertThat(stops).anyMatch(s -> s.title().startsWith("TPC-H Q5:"));
    assertThat(stops).filteredOn(Tour.Stop::isExplain).hasSize(1);
  }

  @Test
  void everyStopValidatesInCalciteAgainstTheGlobalTables() throws Exception {
    FrameworkConfig config = TpchCalcite.config("global", true);
    for (Tour.Stop stop : Tour.stops()) {
      String sql = stop.isExplain() ? stop.sql().replaceFirst("(?is)^EXPLAIN PLAN FOR\\s+", "") : stop.sql();
      Planner planner = Frameworks.getPlanner(config);
      try {
        planner.rel(planner.validate(planner.parse(sql)));
      } catch (Exception e) {
        throw new AssertionError("tour stop '" + stop.title() + "' fails in Calcite: " + e.getMessage(), e);
      } finally {
        planner.close();
      }
    }
  }

  @Test
  void textTableAlignsNumbersRightAndCountsHiddenRows() {
    TextTable t = new TextTable(List.of("_site", "orders"), List.of(false, true));
    t.addRow(List.of("apac", "5"));
    t.addRow(List.of("eu", "12345"));
    assertThat(t.render())
        .isEqualTo(
            """
            _site | orders
            ------+-------
            apac  |      5
            eu    |  12345
            (2 rows)
            """);
    assertThat(TextTable.format(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(TextTable.format(2.0 / 3)).isEqualTo("0.67");
    assertThat(TextTable.format(null)).isEqualTo("NULL");
  }

  @Test
  void queryFiguresPickTheNewestRunOfTheSqlAndAllItsSites() {
    List<String> cols = List.of("query_id", "sql", "site", "rows", "bytes");
    List<List<Object>> rows =
        List.of(
            List.of("q1", "SELECT 1", "eu", 1L, 10L),
            List.of("q2", "SELECT  1\n", "eu", 2L, 20L),
            List.of("q2", "SELECT 1", "us", 3L, 30L),
            List.of("q3", "SELECT 2", "eu", 4L, 40L));
    assertThat(QueryFigures.rowsOfQuery(cols, rows, "select 1"))
        .extracting(r -> r.get(2))
        .containsExactly("eu", "us");
    assertThat(QueryFigures.rowsOfQuery(cols, rows, "SELECT 3")).isEmpty();
    assertThat(QueryFigures.rowsOfQuery(List.of("a", "b"), rows, "SELECT 1")).isEmpty();
  }
}

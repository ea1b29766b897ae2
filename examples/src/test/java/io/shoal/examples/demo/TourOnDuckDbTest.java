package io.shoal.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.tpch.TpchSplit;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour's printing over a real database: one DuckDB whose views union the split's Parquet files
 * with a {@code _site} column, i.e. what the federation must answer. The federated run itself is
 * verified end to end by the lead once the driver lands.
 */
class TourOnDuckDbTest {
  @TempDir Path dir;

  @Test
  void plainStopsPrintAlignedResultsTimesAndMissingFigures() throws Exception {
    TpchSplit.SplitResult split = TpchSplit.generate(0.01, dir, m -> {});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<Tour.Stop> plain = Tour.stops().stream().filter(s -> s.refusedState() == null && !s.isExplain()).toList();
    try (Connection conn = DriverManager.getConnection("jdbc:duckdb:")) {
      createGlobalViews(conn, split);
      assertThat(new Tour(out).run(conn, plain)).isEqualTo(plain.size());

      String text = bytes.toString(StandardCharsets.UTF_8);
      // Stop 1: orders per site, numbers right-aligned under their header.
      assertThat(text).contains("_site | orders | total_price\n");
      for (TpchSplit.Site s : TpchSplit.SITES) {
        assertThat(text).containsPattern(
            "\n" + String.format("%-5s", s.name()) + " \\|\\s+" + split.rows(s.name(), "orders") + " \\| ");
      }
      assertThat(text).contains("--- query 4/6: Only eu is asked");
      assertThat(text).contains("(4 rows)"); // Q1's four groups
      assertThat(text).containsPattern("time: \\d+ ms\n");
      // No shoal.queries in plain DuckDB: the tour says so and carries on.
      assertThat(text.split("\\(per-site figures unavailable\\)", -1)).hasSize(plain.size() + 1);

      // A stop that must be refused but is not fails the tour, naming the stop.
      Tour.Stop refused = Tour.stops().stream().filter(s -> s.refusedState() != null).findFirst().orElseThrow();
      assertThatThrownBy(() -> new Tour(out).run(conn, List.of(refused)))
          .isInstanceOf(DemoException.class)
          .hasMessageContaining("was not refused")
          .satisfies(e -> assertThat(((DemoException) e).step()).isEqualTo("tour, query 1/1"));
    }
  }

  private static void createGlobalViews(Connection conn, TpchSplit.SplitResult split) throws Exception {
    try (Statement st = conn.createStatement()) {
      for (String table : TpchSplit.TABLES) {
        List<TpchSplit.Site> holders =
            TpchSplit.PARTITIONED.contains(table) ? TpchSplit.SITES : List.of(TpchSplit.SITES.get(0));
        String union =
            String.join(
                " UNION ALL ",
                holders.stream()
                    .map(s -> "SELECT *, '" + s.name() + "' AS _site FROM read_parquet('"
                        + split.parquet(s.name(), table) + "')")
                    .toList());
        st.execute("CREATE VIEW " + table + " AS " + union);
      }
    }
  }
}

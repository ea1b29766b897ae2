package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tpch.TpchQueries;
import io.shoal.tpch.TpchSplit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle: each query of the corpus and all 22 TPC-H queries run on the three-site federation and
 * on one DuckDB holding all rows; the results must be the same rows (floats within 1e-9 relative).
 */
class OracleTest {
  private static Connection federation;
  private static Connection oracle;
  /** One DuckDB over the sites' own files, with {@code _site}: the oracle for queries naming it. */
  private static Connection siteOracle;
  private static final Pattern SITE_COLUMN = Pattern.compile("(?i)\\b_site\\b");

  @BeforeAll
  static void connect() throws Exception {
    TestFederation f = TestFederation.get();
    federation = f.federation();
    oracle = f.oracle();
    siteOracle = siteOracle(f.root().resolve("tpch"));
  }

  /**
   * Every table as the union of the sites' files plus the site's name as {@code _site}; a
   * replicated table as the first site's copy, as the global schema defines it.
   */
  static Connection siteOracle(Path tpch) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    List<String> tables = new ArrayList<>(TpchSplit.TABLES);
    tables.add("events");
    try (Statement st = c.createStatement()) {
      for (String table : tables) {
        List<String> parts = new ArrayList<>();
        for (var site : TpchSplit.SITES) {
          parts.add("SELECT *, '" + site.name() + "' AS _site FROM read_parquet('"
              + tpch.resolve(site.name()).resolve(table + ".parquet") + "')");
          if (TpchSplit.REPLICATED.contains(table)) break;
        }
        st.execute("CREATE VIEW " + table + " AS " + String.join(" UNION ALL ", parts));
      }
    }
    return c;
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
    if (oracle != null) oracle.close();
    if (siteOracle != null) siteOracle.close();
  }

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> out = new ArrayList<>();
    List<String> queries = Corpus.load("/oracle/corpus.sql");
    for (int i = 0; i < queries.size(); i++) out.add(Arguments.of("c" + (i + 1), queries.get(i)));
    for (int q = 1; q <= 22; q++) out.add(Arguments.of(String.format("tpch-q%02d", q), TpchQueries.get(q)));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void federationMatchesOneDatabase(String id, String sql) throws Exception {
    ResultRows expected =
        ResultRows.run(SITE_COLUMN.matcher(sql).find() ? siteOracle : oracle, sql);
    ResultRows actual = ResultRows.run(federation, sql);
    String diff = ResultRows.difference(expected, actual, Corpus.ordered(sql));
    assertThat(diff).as("%s differs from the oracle:%n%s", id, sql).isNull();
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    assertThat(Corpus.load("/oracle/corpus.sql").size() + 22).isGreaterThanOrEqualTo(150);
  }

  /** Reads the corpus file: queries separated by lines holding only ';', '--' comments dropped. */
  static final class Corpus {
    private static final Pattern TOP_ORDER_BY = Pattern.compile("(?is).*\\bORDER\\s+BY\\b[^()]*$");

    static List<String> load(String resource) throws IOException {
      String text;
      try (InputStream in = OracleTest.class.getResourceAsStream(resource)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      List<String> out = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n")) {
        String t = line.strip();
        if (t.equals(";")) {
          if (!current.toString().isBlank()) out.add(current.toString().strip());
          current.setLength(0);
        } else if (!t.startsWith("--")) {
          current.append(line).append('\n');
        }
      }
      if (!current.toString().isBlank()) out.add(current.toString().strip());
      return out;
    }

    /** Whether the outermost query ends with ORDER BY (then row order matters). */
    static boolean ordered(String sql) {
      return TOP_ORDER_BY.matcher(sql.strip()).matches();
    }
  }
}

package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.examples.tpch.TpchQueries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
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

  @BeforeAll
  static void connect() throws Exception {
    TestFederation f = TestFederation.get();
    federation = f.federation();
    oracle = f.oracle();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
    if (oracle != null) oracle.close();
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
    ResultRows expected = ResultRows.run(oracle, sql);
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

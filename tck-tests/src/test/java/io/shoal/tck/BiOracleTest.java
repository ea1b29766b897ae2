package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * The SQL that BI tools and analysts write (issue 16): each query of {@code oracle/bi.sql} on the
 * three-site federation through {@code jdbc:shoal:}, embedded and remote (through {@code shoal
 * coordinator}, {@link TestCoordinator}), equals the same query on one DuckDB holding
 * every row. The oracle gets the query with its JDBC escapes unwrapped (DuckDB's JDBC driver does
 * not read them), {@code nvl} as {@code coalesce} (DuckDB has no nvl), and {@code mode(x)} as
 * {@code mode() WITHIN GROUP (ORDER BY x)}: DuckDB's plain mode breaks ties by the row its scan met
 * first, which no federation can reproduce; Shoal's mode is the ordered one (the smallest of the
 * most frequent values). Shoal gets the query as written.
 */
class BiOracleTest {
  private static Connection federation;
  private static Connection remote;
  private static Connection oracle;
  private static final Pattern FN = Pattern.compile("\\{fn\\s+([^{}]*)}");
  private static final Pattern DATE = Pattern.compile("\\{d\\s+('[^']*')}");
  private static final Pattern TS = Pattern.compile("\\{ts\\s+('[^']*')}");
  private static final Pattern NVL = Pattern.compile("(?i)\\bnvl\\(");
  private static final Pattern MODE = Pattern.compile("(?i)\\bmode\\(([^()]+)\\)");

  @BeforeAll
  static void connect() throws Exception {
    TestFederation f = TestFederation.get();
    federation = java.sql.DriverManager.getConnection(
        "jdbc:shoal:sites=" + f.sitesProperty());
    remote = java.sql.DriverManager.getConnection(TestCoordinator.url());
    oracle = f.oracle();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
    if (remote != null) remote.close();
    if (oracle != null) oracle.close();
  }

  static List<String> queries() throws IOException {
    return OracleTest.Corpus.load("/oracle/bi.sql");
  }

  static Stream<Arguments> corpus() throws IOException {
    List<Arguments> out = new ArrayList<>();
    List<String> queries = queries();
    for (String path : List.of("embedded", "remote")) {
      for (int i = 0; i < queries.size(); i++) {
        out.add(Arguments.of("bi" + (i + 1), path, queries.get(i)));
      }
    }
    return out.stream();
  }

  /** The query as DuckDB's own JDBC driver takes it. */
  static String forDuckDb(String sql) {
    String s = FN.matcher(sql).replaceAll("$1");
    s = DATE.matcher(s).replaceAll("DATE $1");
    s = TS.matcher(s).replaceAll("TIMESTAMP $1");
    s = MODE.matcher(s).replaceAll("mode() WITHIN GROUP (ORDER BY $1)");
    return NVL.matcher(s).replaceAll("coalesce(");
  }

  /** Embedded (jdbc:shoal:sites=...) and remote (a thin client through shoal coordinator). */
  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("corpus")
  void federationMatchesOneDatabase(String id, String path, String sql) throws Exception {
    ResultRows expected = ResultRows.run(oracle, forDuckDb(sql));
    ResultRows actual = ResultRows.run(path.equals("remote") ? remote : federation, sql);
    String diff = ResultRows.difference(expected, actual, OracleTest.Corpus.ordered(sql));
    assertThat(diff).as("%s (%s) differs from the oracle:%n%s", id, path, sql).isNull();
  }

  @Test
  void corpusIsLargeEnough() throws IOException {
    assertThat(queries()).hasSizeGreaterThanOrEqualTo(150);
  }
}

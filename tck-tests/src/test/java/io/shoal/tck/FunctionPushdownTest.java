package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.tck.policy.PolicyFederation;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 16: every function BI tools write runs inside the sites' fragments, in DuckDB's spelling
 * (EXPLAIN shows it in each site's SQL); aggregates that do not split are refused before anything
 * runs under an aggregates-only policy; DatabaseMetaData lists the functions that work.
 */
class FunctionPushdownTest {
  private static Connection federation;

  @BeforeAll
  static void connect() throws Exception {
    federation = DriverManager.getConnection("jdbc:shoal:sites=" + TestFederation.get().sitesProperty());
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (federation != null) federation.close();
  }

  /** The query's function, then how every site's fragment must spell it. */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT length(name) FROM events | LENGTH(",
      "SELECT left(name, 2), right(name, 2) FROM events | LEFT(",
      "SELECT substr(name, 2, 2) FROM events | SUBSTRING(",
      "SELECT concat(grp, name) FROM events | CONCAT(",
      "SELECT concat_ws('-', grp, name) FROM events | CONCAT_WS(",
      "SELECT id FROM events WHERE lower(grp) = 'g1' | LOWER(",
      "SELECT replace(name, 'n', 'm') FROM events | REPLACE(",
      "SELECT strpos(name, '1') FROM events | POSITION(",
      "SELECT split_part(name, '1', 1) FROM events | SPLIT_PART(",
      "SELECT lpad(name, 5, '*') FROM events | LPAD(",
      "SELECT id FROM events WHERE starts_with(name, 'n1') | STARTS_WITH(",
      "SELECT id FROM events WHERE contains(name, '7') | contains(",
      "SELECT id FROM events WHERE regexp_matches(name, '7$') | regexp_matches(",
      "SELECT regexp_replace(name, '[0-9]', '#', 'g') FROM events | regexp_replace(",
      "SELECT regexp_extract(name, '[0-9]+') FROM events | regexp_extract(",
      "SELECT id FROM events WHERE name ILIKE 'N1%' | ILIKE",
      "SELECT date_trunc('month', ts), count(*) FROM events GROUP BY 1 | date_trunc('month'",
      "SELECT date_part('dow', day) FROM events | date_part('dow'",
      "SELECT EXTRACT(DOW FROM day) FROM events | date_part('dow'",
      "SELECT date_diff('day', day, ts) FROM events | date_diff('day'",
      "SELECT datediff('hour', ts, ts) FROM events | datediff('hour'",
      "SELECT date_add(day, INTERVAL '1' MONTH) FROM events | INTERVAL '1' MONTH",
      "SELECT strftime(ts, '%Y-%m') FROM events | strftime(",
      "SELECT id FROM events WHERE day = make_date(2024, 1, small + 1) | make_date(",
      "SELECT id FROM events WHERE ts < now() | CURRENT_TIMESTAMP",
      "SELECT round(score, 2), floor(amount), ceil(amount), abs(amount) FROM events | ROUND(",
      "SELECT power(small, 2), sqrt(score), ln(score), mod(id, 7) FROM events | POWER(",
      "SELECT log(score) FROM events | LOG(",
      "SELECT greatest(small, 5), least(small, 5) FROM events | CASE WHEN",
      "SELECT coalesce(small, 0), nullif(small, 0), ifnull(grp, 'x'), nvl(grp, 'y') FROM events | CASE WHEN \"small\" IS NOT NULL",
      "SELECT TRY_CAST(grp AS INTEGER), small::VARCHAR FROM events | TRY_CAST(",
      "SELECT small / 2 FROM events | CAST(\"small\" AS DOUBLE) /",
      "SELECT {fn UCASE(name)} FROM events WHERE day > {d '2024-01-03'} | UPPER(",
  })
  void functionRunsInEverySitesFragment(String sql, String spelled) throws Exception {
    List<String> fragments = Plans.fragmentSql(Plans.explain(federation, sql));
    assertThat(fragments).as(sql).hasSize(3);
    for (String f : fragments) assertThat(f).as(sql).containsIgnoringCase(spelled);
  }

  /** Aggregates that reveal single values or need all rows: refused (42501) before anything runs. */
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT city, string_agg(CAST(age AS VARCHAR), ',' ORDER BY age) FROM patients GROUP BY city",
      "SELECT city, arg_max(age, id) FROM patients GROUP BY city",
      "SELECT city, covar_pop(age, id) FROM patients GROUP BY city",
      "SELECT city, mode(age) FROM patients GROUP BY city",
  })
  void nonDecomposableAggregatesAreRefusedUnderAnAggregatesOnlyPolicy(String sql) throws Exception {
    try (Connection c = PolicyFederation.get().connect("analyst"); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery(sql))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501"));
    }
  }

  /**
   * Aggregates that need every value of a group, under an aggregates-only policy: refused before
   * anything runs, with the aggregate and the rule named. (Sketches were not chosen: a quantile
   * sketch such as KLL keeps a sample of the rows' own values, which is rows leaving the site.)
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "MEDIAN | SELECT city, median(age) FROM patients GROUP BY city",
      "QUANTILE_CONT | SELECT city, percentile_cont(0.5) WITHIN GROUP (ORDER BY age) FROM patients GROUP BY city",
      "QUANTILE_CONT | SELECT city, quantile_cont(age, 0.9) FROM patients GROUP BY city",
      "QUANTILE_DISC | SELECT city, percentile_disc(0.5) WITHIN GROUP (ORDER BY age DESC) FROM patients GROUP BY city",
      "APPROX_QUANTILE | SELECT city, approx_quantile(age, 0.5) FROM patients GROUP BY city",
      "MODE | SELECT city, mode(age) FROM patients GROUP BY city",
      "CORR | SELECT corr(age, id) FROM patients",
  })
  void wholeGroupAggregatesAreRefusedNamingTheRule(String name, String sql) throws Exception {
    try (Connection c = PolicyFederation.get().connect("analyst"); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery(sql))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501");
            assertThat(e.getMessage()).contains(name + " does not split into a part per site",
                "exports table patients as aggregates only");
          });
    }
  }

  /**
   * EXPLAIN says why these run at the coordinator, and the sites send only the columns they need:
   * the argument and the grouping key, never the whole row.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "SELECT grp, median(score) FROM events GROUP BY grp | median | score",
      "SELECT grp, percentile_cont(0.25) WITHIN GROUP (ORDER BY amount) FROM events GROUP BY grp | quantile_cont | amount",
      "SELECT grp, percentile_disc(0.25) WITHIN GROUP (ORDER BY amount DESC) FROM events GROUP BY grp | quantile_disc DESC | amount",
      "SELECT grp, quantile_cont(small, 0.9), quantile_disc(small, 0.9), quantile(small, 0.1) FROM events GROUP BY grp | quantile_cont | small",
      "SELECT grp, approx_quantile(score, 0.5) FROM events GROUP BY grp | approx_quantile | score",
      "SELECT grp, mode(small) FROM events GROUP BY grp | mode | small",
      "SELECT grp, corr(score, small) FROM events GROUP BY grp | corr | small",
  })
  void wholeGroupAggregatesSayWhyTheyRunAtTheCoordinator(String sql, String shown, String column)
      throws Exception {
    String plan = Plans.explain(federation, sql);
    assertThat(plan).as(plan).contains(shown + "[coordinator: needs every value of the group]");
    List<String> fragments = Plans.fragmentSql(plan);
    assertThat(fragments).hasSize(3);
    for (String f : fragments) {
      assertThat(f).as(f).startsWith("SELECT \"grp\", ").contains("\"" + column + "\"")
          .doesNotContain("\"id\"", "\"name\"", "GROUP BY");
    }
  }

  /** Types as DuckDB gives them, so a BI tool formats the column as it would for DuckDB. */
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT median(score) AS a, median(small) AS b, median(amount) AS c, median(ts) AS d, median(day) AS e, median(name) AS f FROM events",
      "SELECT quantile_disc(small, 0.5) AS a, quantile_cont(amount, 0.5) AS b, percentile_cont(0.5) WITHIN GROUP (ORDER BY small) AS c, percentile_disc(0.5) WITHIN GROUP (ORDER BY amount) AS d FROM events",
      "SELECT corr(score, small) AS a, mode(name) AS b, mode(small) AS c, approx_quantile(small, 0.5) AS d, approx_quantile(amount, 0.5) AS e FROM events",
      "SELECT EXTRACT(EPOCH FROM ts) AS a, EXTRACT(EPOCH FROM day) AS b, date_part('epoch', ts) AS c FROM events",
  })
  void typesAreDuckDbs(String sql) throws Exception {
    try (Connection oracle = TestFederation.get().oracle();
        Statement o = oracle.createStatement(); Statement f = federation.createStatement();
        java.sql.ResultSet expected = o.executeQuery(sql); java.sql.ResultSet actual = f.executeQuery(sql)) {
      java.sql.ResultSetMetaData e = expected.getMetaData();
      java.sql.ResultSetMetaData a = actual.getMetaData();
      for (int i = 1; i <= e.getColumnCount(); i++) {
        assertThat(a.getColumnType(i)).as("%s: %s is %s in DuckDB", sql, e.getColumnLabel(i),
            e.getColumnTypeName(i)).isEqualTo(e.getColumnType(i));
        if (e.getColumnType(i) == java.sql.Types.DECIMAL) {
          assertThat(a.getScale(i)).as(e.getColumnLabel(i)).isEqualTo(e.getScale(i));
        }
      }
    }
  }

  /** EXTRACT(EPOCH ...) keeps the fraction of a second, as DuckDB's does. */
  @Test
  void epochIsFractional() throws Exception {
    try (Statement st = federation.createStatement(); java.sql.ResultSet rs = st.executeQuery(
        "SELECT EXTRACT(EPOCH FROM ts + INTERVAL '1.25' SECOND) FROM events WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble(1)).isEqualTo(1_704_069_421.25);
    }
  }

  /**
   * approx_quantile is answered exactly (where DuckDB estimates from a T-Digest): the exact
   * continuous quantile in the argument's type. Over a DOUBLE that is quantile_cont itself.
   */
  @Test
  void approxQuantileIsTheExactQuantile() throws Exception {
    String shoal = "SELECT grp, approx_quantile(score, 0.3) AS q FROM events GROUP BY grp";
    String exact = "SELECT grp, quantile_cont(score, 0.3) AS q FROM events GROUP BY grp";
    try (Connection oracle = TestFederation.get().oracle()) {
      assertThat(ResultRows.difference(ResultRows.run(oracle, exact),
          ResultRows.run(federation, shoal), false)).isNull();
    }
  }

  /** What stays unsupported is refused before anything runs, by name, as 0A000 (not XX000). */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "SELECT id, percent_rank() OVER (ORDER BY id) FROM events | the window function PERCENT_RANK",
      "SELECT id, cume_dist() OVER (ORDER BY id) FROM events | the window function CUME_DIST",
      "SELECT id, lead(small, 2, 0) OVER (ORDER BY id) FROM events | LEAD with a default value",
      "SELECT id, lag(small, 1, -1) OVER (ORDER BY id) FROM events | LAG with a default value",
      "SELECT * FROM events MATCH_RECOGNIZE (ORDER BY id MEASURES A.id AS a PATTERN (A) DEFINE A AS A.small > 5) | MATCH_RECOGNIZE",
      "SELECT mode() WITHIN GROUP (ORDER BY small DESC) FROM events | mode() WITHIN GROUP (ORDER BY ... DESC)",
  })
  void unsupportedConstructsAreNamed(String sql, String construct) throws Exception {
    for (Connection c : List.of(federation, DriverManager.getConnection(TestCoordinator.url()))) {
      try (Statement st = c.createStatement()) {
        assertThatThrownBy(() -> st.executeQuery(sql))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("0A000");
              assertThat(e.getMessage()).contains("Shoal does not support " + construct);
            });
      }
      if (c != federation) c.close();
    }
  }

  @Test
  void metadataListsTheFunctionsThatWork() throws Exception {
    DatabaseMetaData md = federation.getMetaData();
    assertThat(md.getStringFunctions().split(",")).contains("CONCAT", "LEFT", "REGEXP_MATCHES");
    assertThat(md.getNumericFunctions().split(",")).contains("ABS", "ROUND", "POWER", "GREATEST");
    assertThat(md.getTimeDateFunctions().split(",")).contains("DATE_TRUNC", "STRFTIME", "NOW");
    assertThat(md.getSystemFunctions().split(",")).contains("IFNULL", "COALESCE");
    // Each DuckDB name listed works in a query.
    try (Statement st = federation.createStatement()) {
      st.executeQuery("SELECT left(name, 1), date_trunc('day', ts), greatest(id, 1), ifnull(grp, '')"
          + " FROM events WHERE id = 1").close();
    }
  }
}

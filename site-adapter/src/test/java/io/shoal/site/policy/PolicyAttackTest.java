package io.shoal.site.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.FragmentRows;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.audit.AuditLog;
import io.shoal.site.audit.AuditRecord;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.duck.DuckSite;
import io.shoal.testsupport.SampleTables;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The attack corpus against an aggregates-only table with denied columns, straight at the site. */
class PolicyAttackTest {
  @TempDir static Path dir;
  static DuckSite site;

  @BeforeAll
  static void open() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    SampleTables.patients(data.resolve("patients.parquet"), 0, 200);
    SampleTables.cities(data.resolve("cities.parquet"), 5);
    SampleTables.write(data.resolve("secret.parquet"), "SELECT 42 AS answer");
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(yaml, """
        name: eu
        region: eu-west-1
        data: data
        tables:
          patients: { parquet: data/patients.parquet }
          cities: { parquet: data/cities.parquet }
          secret: { parquet: data/secret.parquet }
        policy:
          export: aggregates
          min-group-size: 5
          tables:
            patients: { columns: { name: deny, ssn: deny } }
            cities: { export: rows }
            secret: { export: none }
          principals:
            dpo: { export: rows }
        """);
    site = DuckSite.open(SiteConfig.load(yaml));
  }

  @AfterAll
  static void close() {
    site.close();
  }

  record Result(List<List<Object>> rows, long suppressed, String decision) {}

  static Result run(String sql, String principal) throws SiteException, java.io.IOException {
    try (Site.Fragment f = site.prepare(sql, new Site.FragmentContext("q-test", principal));
        FragmentRun run = f.run(List.of())) {
      return new Result(FragmentRows.read(run, Object::toString), run.suppressedGroups(), run.decision());
    }
  }

  static Stream<String> attacks() throws Exception {
    String text;
    try (InputStream in = PolicyAttackTest.class.getResourceAsStream("/policy/attacks.sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      if (line.strip().equals(";")) { out.add(cur.toString().strip()); cur.setLength(0); }
      else if (!line.strip().startsWith("--")) cur.append(line).append('\n');
    }
    if (!cur.toString().isBlank()) out.add(cur.toString().strip());
    return out.stream();
  }

  @Test
  void corpusHasAtLeastFortyAttacks() throws Exception {
    assertThat(attacks().count()).isGreaterThanOrEqualTo(40);
  }

  /**
   * Refused, or answered with groups that each cover at least min-group-size rows and contain no
   * value of a denied column: no answer row may be traced to fewer than 5 patients.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void attackIsRefusedOrSuppressed(String sql) throws Exception {
    Result r;
    try {
      r = run(sql, "analyst");
    } catch (SiteException e) {
      assertThat(e.kind()).isIn(SiteException.Kind.REFUSED, SiteException.Kind.NOT_FOUND);
      assertThat(e.getMessage()).doesNotContain("\n");
      return;
    }
    // Allowed only as aggregates: no raw value of a denied column may appear in any cell.
    for (List<Object> row : r.rows()) {
      for (Object cell : row) {
        String s = String.valueOf(cell);
        assertThat(s).as("denied value in %s", sql).doesNotMatch("n\\d+").doesNotMatch("\\d{6}");
      }
    }
    // What got through is aggregates over groups of at least 5 of the 200 patients: never more
    // than 40 groups per grouping set, and never a raw row.
    assertThat(r.decision()).as("decision for %s", sql).isEqualTo("aggregates");
    assertThat(r.rows().size()).as("rows from %s", sql).isLessThanOrEqualTo(80);
  }

  @Test
  void groupingByAUniqueKeyReturnsNothing() throws Exception {
    Result r = run("SELECT id, count(*) FROM patients GROUP BY id", "analyst");
    assertThat(r.rows()).isEmpty();
    assertThat(r.suppressed()).isEqualTo(200);
  }

  @Test
  void aggregatesAreAllowedAndSmallGroupsSuppressed() throws Exception {
    Result byCity = run("SELECT city, count(*), avg(salary) FROM patients GROUP BY city ORDER BY city", "analyst");
    assertThat(byCity.rows()).hasSize(5);
    assertThat(byCity.suppressed()).isZero();
    Result byAge = run("SELECT age, count(*) FROM patients GROUP BY age", "analyst");
    // 200 patients over 60 ages: 20 ages have 4 patients, 40 have 3 -> all below 5... check exactly
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FILTER (WHERE n >= 5), count(*) FILTER (WHERE n < 5) FROM "
            + "(SELECT count(*) n FROM range(200) GROUP BY 20 + range % 60)")) {
      rs.next();
      assertThat(byAge.rows()).hasSize(rs.getInt(1));
      assertThat(byAge.suppressed()).isEqualTo(rs.getInt(2));
    }
    Result joined = run("SELECT c.country, count(*) FROM patients p JOIN cities c ON p.city = c.city GROUP BY c.country", "analyst");
    assertThat(joined.rows()).hasSize(5);
    assertThat(run("SELECT * FROM cities", "analyst").rows()).hasSize(5);
  }

  @Test
  void filtersMayLeaveOutManyRowsOrNone() throws Exception {
    assertThat(run("SELECT count(*) FROM patients WHERE city = 'c1'", "analyst").rows()).containsExactly(List.of("40"));
    assertThat(run("SELECT count(*) FROM patients WHERE id >= 0", "analyst").rows()).containsExactly(List.of("200"));
  }

  @Test
  void aPrincipalWithItsOwnPolicyMayReadRows() throws Exception {
    assertThat(run("SELECT id, age FROM patients WHERE id = 7", "dpo").rows()).containsExactly(List.of("7", "27"));
    assertThat(run("SELECT * FROM secret", "dpo").rows()).containsExactly(List.of("42"));
  }

  @Test
  void hiddenTablesAreInvisible() {
    assertThat(site.info("analyst").tables()).extracting(t -> t.name()).containsExactlyInAnyOrder("patients", "cities");
    assertThat(site.info("dpo").tables()).extracting(t -> t.name()).contains("secret");
    assertThatThrownBy(() -> run("SELECT count(*) FROM secret", "analyst")).hasMessageContaining("does not exist");
  }

  @Test
  void everyFragmentIsAudited() throws Exception {
    int before = AuditLog.read(dir.resolve("data")).size();
    run("SELECT city, count(*) FROM patients GROUP BY city", "analyst");
    assertThatThrownBy(() -> run("SELECT name FROM patients", "analyst")).isInstanceOf(SiteException.class);
    List<AuditRecord> lines = AuditLog.read(dir.resolve("data"));
    assertThat(lines).hasSize(before + 2);
    AuditRecord ok = lines.get(before);
    assertThat(ok.decision()).isEqualTo("aggregates");
    assertThat(ok.rows()).isEqualTo(5);
    assertThat(ok.bytes()).isPositive();
    assertThat(ok.principal()).isEqualTo("analyst");
    assertThat(ok.queryId()).isEqualTo("q-test");
    assertThat(ok.tables()).containsKey("patients");
    assertThat(ok.sqlSha256()).hasSize(64);
    AuditRecord refused = lines.get(before + 1);
    assertThat(refused.decision()).isEqualTo("refused");
    assertThat(refused.message()).contains("name");
  }
}

package io.shoal.tck.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard's attack corpus ({@code guard/attacks.sql}), each statement straight at a site through
 * the official Arrow Flight SQL JDBC driver and through {@code jdbc:shoal:}. No row of an
 * aggregates-only or hidden table, and no value of a denied column, may reach the client, in a
 * cell or in an error message; the site must answer the next query after each attack.
 */
class GuardAttackTest extends GuardClients {
  /** One statement of the corpus. */
  record Attack(String sql, boolean mustRefuse, boolean siteOnly, List<String> params) {
    Attack(String sql, boolean mustRefuse, List<String> params) {
      this(sql, mustRefuse, false, params);
    }

    /** Whether {@code c} (the coordinator or the site) must refuse it. */
    boolean refusedBy(boolean coordinator) {
      return mustRefuse && !(coordinator && siteOnly);
    }

    @Override
    public String toString() {
      return (mustRefuse ? (siteOnly ? "refuse at site: " : "refuse: ") : "safe: ") + sql.replace('\n', ' ');
    }
  }

  static List<Attack> corpus() throws Exception {
    String text;
    try (InputStream in = GuardAttackTest.class.getResourceAsStream("/guard/attacks.sql")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Attack> out = new ArrayList<>();
    StringBuilder sql = new StringBuilder();
    boolean refuse = false;
    boolean siteOnly = false;
    List<String> params = List.of();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.equals(";")) {
        out.add(new Attack(sql.toString().strip(), refuse, siteOnly, params));
        sql.setLength(0);
        refuse = false;
        siteOnly = false;
        params = List.of();
      } else if (l.equals("-- refuse")) {
        refuse = true;
      } else if (l.equals("-- refuse-at-site")) {
        refuse = true;
        siteOnly = true;
      } else if (l.startsWith("-- params:")) {
        params = Stream.of(l.substring("-- params:".length()).split("\\|")).map(String::strip).toList();
      } else if (!l.startsWith("--") && !l.isEmpty()) {
        sql.append(line).append('\n');
      }
    }
    return out;
  }

  static Stream<Attack> attacks() throws Exception {
    return corpus().stream();
  }

  @Test
  void theCorpusIsLargeAndMostlyRefusals() throws Exception {
    List<Attack> all = corpus();
    assertThat(all).hasSizeGreaterThanOrEqualTo(60);
    assertThat(all.stream().filter(Attack::mustRefuse).count()).isGreaterThanOrEqualTo(60);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void straightAtTheSite(Attack attack) throws Exception {
    attack(flight, attack, attack.refusedBy(false));
    assertStillServing(flight);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void throughTheCoordinator(Attack attack) throws Exception {
    attack(shoal, attack, attack.refusedBy(true));
    assertStillServing(shoal);
  }

  private static void attack(Connection c, Attack attack, boolean mustRefuse) throws Exception {
    List<List<String>> rows;
    try {
      rows = run(c, attack);
    } catch (SQLException e) {
      assertNoLeak(attack.sql(), messages(e));
      return;
    }
    if (mustRefuse) fail("answered instead of refused: " + attack.sql() + " -> " + rows);
    for (List<String> row : rows) {
      for (String cell : row) {
        assertThat(cell == null ? "" : cell).as("a cell of %s", attack.sql()).doesNotContainPattern(GuardSite.PROTECTED);
      }
    }
  }

  static List<List<String>> run(Connection c, Attack attack) throws SQLException {
    return rows(c, attack.sql(), attack.params());
  }

  /** Every message in the cause chain: a client may show any of them. */
  static String messages(Throwable e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
      if (t.getCause() == t) break;
    }
    return all.toString();
  }

  /**
   * An error may repeat what the caller wrote, but no protected value the caller did not write,
   * and no server path.
   */
  static void assertNoLeak(String sql, String message) {
    Matcher m = GuardSite.PROTECTED.matcher(message);
    while (m.find()) {
      String around = message.substring(Math.max(0, m.start() - 12), Math.min(message.length(), m.end() + 12));
      assertThat(sql).as("error of %s carries %s: %s", sql, m.group(), around).contains(valueAt(message, m));
    }
    assertThat(message).as("error of %s", sql).doesNotContain(site.root().toString());
  }

  /** The whole token around a match (e.g. user12@mail.example), to look for in the caller's SQL. */
  private static String valueAt(String message, Matcher m) {
    int start = m.start();
    int end = m.end();
    while (start > 0 && !Character.isWhitespace(message.charAt(start - 1)) && message.charAt(start - 1) != '\'') start--;
    while (end < message.length() && !Character.isWhitespace(message.charAt(end)) && message.charAt(end) != '\'') end++;
    String token = message.substring(start, end).replaceAll("[\"(),;]", "");
    return token.isEmpty() ? m.group() : token.replaceAll("%$", "");
  }

  static void assertStillServing(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM cities")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(5);
    }
  }

  @Test
  void theBreachOfTheIssueIsRefusedAndAuditedWithTheTablesTheBinderResolved() throws Exception {
    String sql = "SELECT email, phone FROM customers, (WITH customers AS (SELECT 1 AS x) SELECT x FROM customers) AS q";
    assertThatThrownBy(() -> run(flight, new Attack(sql, true, List.of())))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("email");
    List<com.fasterxml.jackson.databind.JsonNode> lines = AuditLines.read(site.dataOf("eu"));
    com.fasterxml.jackson.databind.JsonNode last = lines.stream()
        .filter(l -> l.path("sql").asText().equals(sql)).reduce((a, b) -> b).orElseThrow();
    assertThat(last.path("decision").asText()).isEqualTo("refused");
    assertThat(last.path("rule").asText()).isEqualTo("policy:denied-column");
    assertThat(last.path("tables").has("customers")).isTrue();
  }

  @Test
  void conversionErrorsNameTheColumnAndCastButNotTheValue() {
    String sql = "SELECT CAST(name AS INTEGER) AS n FROM custrows";
    for (Connection c : List.of(flight, shoal)) {
      assertThatThrownBy(() -> run(c, new Attack(sql, true, List.of())))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> {
            String all = messages(e);
            assertThat(all).contains("name").doesNotContainPattern(GuardSite.PROTECTED);
            // The site's class of state is kept through the coordinator: a data exception (22xxx),
            // never a syntax error.
            if (c == shoal) assertThat(((SQLException) e).getSQLState()).startsWith("22");
          });
    }
  }

  @Test
  void anUnavailableTableIsNamedWithoutTheServerPath() {
    for (Connection c : List.of(flight, shoal)) {
      assertThatThrownBy(() -> run(c, new Attack("SELECT count(*) FROM broken", true, List.of())))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(messages(e)).doesNotContain(site.root().toString()));
    }
  }
}

package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tck.jars.ChildJvm;
import io.shoal.tck.jars.JdbcProbe;
import io.shoal.tck.jars.TextRows;
import io.shoal.tpch.TpchQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each shaded jar alone on a JVM's classpath (plus a probe that uses only java.sql), as a tool or
 * application meets it: the remote-only jar through {@code shoal coordinator}, the full jar
 * embedded (all 22 TPC-H queries) and remote. Results equal the oracle; errors keep their SQLState.
 */
class StandaloneJarTest {
  private static final List<String> ARROW = List.of("--add-opens=java.base/java.nio=ALL-UNNAMED");
  private static Connection oracle;
  private static Connection siteOracle;

  @BeforeAll
  static void connect() throws Exception {
    oracle = TestFederation.get().oracle();
    siteOracle = OracleTest.siteOracle(TestFederation.get().root().resolve("tpch"));
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (oracle != null) oracle.close();
    if (siteOracle != null) siteOracle.close();
  }

  /** name=sql arguments: every type (events), a large result, an aggregate, and three errors. */
  private static List<String> queries(boolean allTpch) {
    List<String> q = new ArrayList<>(List.of(
        "events=SELECT * FROM global.events",
        "orders=SELECT o_orderkey, o_totalprice, o_orderdate, _site FROM global.orders",
        "count=SELECT COUNT(*) FROM global.lineitem",
        "semicolon=SELECT 1;",
        "syntax=SELECT FROM WHERE",
        "unknown=SELECT * FROM no_such_table",
        "readonly=CREATE TABLE t (x INT)"));
    for (int i = 1; i <= (allTpch ? 22 : 3); i++) {
      q.add("q" + i + "=" + TpchQueries.get(i));
    }
    return q;
  }

  private Map<String, List<String>> probe(Path jar, List<String> flags, String url, List<String> queries)
      throws Exception {
    Path out = Files.createTempFile("shoal-probe-", ".txt");
    List<String> args = new ArrayList<>(List.of(out.toString(), url));
    args.addAll(queries);
    ChildJvm.run(List.of(jar.toString(), ChildJvm.testClasses().toString()), flags, JdbcProbe.class.getName(),
        args, 300);
    return TextRows.sections(out);
  }

  private void assertMatchesOracle(Map<String, List<String>> got, boolean allTpch) throws Exception {
    assertThat(got.get("connect")).as("connected").isNull();
    assertEqual("events", got, TextRows.query(siteOracle, "SELECT * FROM events"));
    assertEqual("orders", got, TextRows.query(siteOracle, "SELECT o_orderkey, o_totalprice, o_orderdate, _site FROM orders"));
    assertEqual("count", got, TextRows.query(oracle, "SELECT COUNT(*) FROM lineitem"));
    for (int i = 1; i <= (allTpch ? 22 : 3); i++) {
      assertEqual("q" + i, got, TextRows.query(oracle, TpchQueries.get(i)));
    }
    assertError(got, "syntax", "42000");
    assertError(got, "unknown", "42S02");
    assertError(got, "readonly", "25006");
    assertThat(got.get("semicolon")).as("SELECT 1;").containsExactly("1");
  }

  private static void assertEqual(String name, Map<String, List<String>> got, List<String> expected) {
    List<String> rows = got.get(name);
    assertThat(rows).as(name).isNotNull();
    assertThat(rows).as(name + " failed").noneMatch(l -> l.startsWith("!"));
    assertThat(TextRows.difference(expected, rows)).as("%s differs from the oracle", name).isNull();
  }

  private static void assertError(Map<String, List<String>> got, String name, String state) {
    assertThat(got.get(name)).as(name).hasSize(1);
    String line = got.get(name).get(0);
    assertThat(line).as(name).startsWith("!" + state + " ").doesNotContain("NoClassDefFoundError", "Exception");
  }

  @Test
  void remoteOnlyJarAloneRunsQueriesThroughTheCoordinator() throws Exception {
    Path jar = ChildJvm.built("shoal.jdbc.remote.jar");
    // No --add-opens: a thin client loads no Arrow.
    Map<String, List<String>> got = probe(jar, List.of(), TestCoordinator.url(), queries(false));
    assertMatchesOracle(got, false);
  }

  @Test
  void remoteOnlyJarSaysEmbeddedModeNeedsTheFullJar() throws Exception {
    Path jar = ChildJvm.built("shoal.jdbc.remote.jar");
    Map<String, List<String>> got = probe(jar, List.of(),
        "jdbc:shoal:sites=" + TestFederation.get().sitesProperty(), List.of());
    assertThat(got.get("connect")).singleElement().asString()
        .startsWith("!0A000 ").contains("full shoal-jdbc jar");
  }

  @Test
  void fullJarAloneRunsEveryTpchQueryEmbedded() throws Exception {
    Path jar = ChildJvm.built("shoal.jdbc.jar");
    Map<String, List<String>> got = probe(jar, ARROW,
        "jdbc:shoal:sites=" + TestFederation.get().sitesProperty(), queries(true));
    assertMatchesOracle(got, true);
  }

  @Test
  void fullJarWithoutTheArrowFlagSaysWhichFlagToAdd() throws Exception {
    Path jar = ChildJvm.built("shoal.jdbc.jar");
    Map<String, List<String>> got = probe(jar, List.of(),
        "jdbc:shoal:sites=" + TestFederation.get().sitesProperty(), List.of("count=SELECT COUNT(*) FROM global.lineitem"));
    assertThat(got.get("connect")).as("refused at connect").singleElement().asString()
        .startsWith("!08001 ").contains("start the JVM with --add-opens=java.base/java.nio=ALL-UNNAMED")
        .doesNotContain("Failed to read message", "MemoryUtil");
  }

  @Test
  void fullJarAloneRunsQueriesThroughTheCoordinator() throws Exception {
    Path jar = ChildJvm.built("shoal.jdbc.jar");
    Map<String, List<String>> got = probe(jar, ARROW, TestCoordinator.url(), queries(false));
    assertMatchesOracle(got, false);
  }
}

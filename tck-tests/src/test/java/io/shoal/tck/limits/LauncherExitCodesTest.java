package io.shoal.tck.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tck.TestFederation;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/shoal itself (SHOAL_NO_BUILD=1: the jars this build packaged, never a build), run as a child
 * process without a terminal, against the exit codes the README documents: 0 on success, 2 on bad
 * input, 1 when the work fails (a statement, a connection). {@code shoal sql -f} prints every cell
 * (NULL for null) as tab-separated lines and reports a failure in one line, never a stack trace.
 */
class LauncherExitCodesTest {
  private static final Path SHOAL = Path.of("..", "bin", "shoal").toAbsolutePath().normalize();
  private static String embedded;

  @TempDir Path dir;

  /** What a run printed and how it ended. */
  record Run(int exit, String out, String err) {
    String all() {
      return out + err;
    }
  }

  @BeforeAll
  static void sites() throws Exception {
    LauncherSite.classPath(); // fails early, with the reason, when the launcher's jars are missing
    embedded = "jdbc:shoal:sites=" + TestFederation.get().sitesProperty();
  }

  static Run shoal(Path dir, String stdin, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", SHOAL.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
    pb.environment().put("SHOAL_NO_BUILD", "1");
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator
        + System.getenv("PATH"));
    Path out = dir.resolve("out-" + System.nanoTime());
    Path err = dir.resolve("err-" + System.nanoTime());
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("shoal %s ended", String.join(" ", args)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static void assertNoStackTrace(Run r) {
    assertThat(r.all()).doesNotContain("\tat ", "Exception:", "Caused by");
  }

  @Test
  void aScriptRunsWithoutATerminal() throws Exception {
    Path script = dir.resolve("q.sql");
    Files.writeString(script, "-- two statements and a comment\n"
        + "SELECT n_nationkey, n_name FROM global.nation WHERE n_nationkey < 3 ORDER BY n_nationkey;\n"
        + "SELECT CAST(NULL AS INTEGER) AS nothing, 'a;b' AS text_with_semicolon;\n");
    Run r = shoal(dir, null, "sql", embedded, "-f", script.toString());
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.out()).contains("n_nationkey\tn_name\n0\tALGERIA\n1\tARGENTINA\n2\tBRAZIL\n(3 rows)\n")
        .contains("nothing\ttext_with_semicolon\nNULL\ta;b\n(1 row)\n");
    assertNoStackTrace(r);
    // The same script on standard input.
    Run piped = shoal(dir, Files.readString(script), "sql", embedded, "-f", "-");
    assertThat(piped.exit()).as(piped.all()).isZero();
    assertThat(piped.out()).isEqualTo(r.out());
  }

  @Test
  void aFailingStatementStopsTheScriptWithExitCode1() throws Exception {
    Path script = dir.resolve("bad.sql");
    Files.writeString(script, "SELECT 1 AS one;\n\nSELECT * FROM no_such_table;\nSELECT 2 AS two;\n");
    Run r = shoal(dir, null, "sql", embedded, "-f", script.toString());
    assertThat(r.exit()).as(r.all()).isEqualTo(1);
    assertThat(r.out()).contains("one\n1\n").doesNotContain("two");
    assertThat(r.err().strip()).startsWith("shoal sql: " + script + " line 3: ").contains("no_such_table")
        .contains("42S02").doesNotContain("\n");
    assertNoStackTrace(r);
  }

  @Test
  void aConnectionThatFailsExitsWith1() throws Exception {
    Path script = dir.resolve("one.sql");
    Files.writeString(script, "SELECT 1;\n");
    for (String url : List.of("jdbc:shoal:remote:url=http://127.0.0.1:1",
        "jdbc:shoal:sites=eu@grpc://127.0.0.1:1")) {
      Run r = shoal(dir, null, "sql", url, "-f", script.toString());
      assertThat(r.exit()).as(url + ": " + r.all()).isEqualTo(1);
      assertThat(r.err().strip()).as(url).startsWith("shoal sql: ").contains("SQLState 08")
          .doesNotContain("\n");
      assertNoStackTrace(r);
    }
  }

  @Test
  void badInputExitsWith2() throws Exception {
    Path empty = dir.resolve("empty.yaml");
    Files.writeString(empty, "");
    Path missing = dir.resolve("missing.yaml");
    List<String[]> bad = List.of(
        new String[] {"sql", embedded, "-f", dir.resolve("no-such.sql").toString()},
        new String[] {"sql", "-f", "x.sql"},
        new String[] {"sql", "--no-such-option"},
        new String[] {"coordinator", "--config", missing.toString(), "--port", "0"},
        new String[] {"coordinator", "--config", empty.toString(), "--port", "0"},
        new String[] {"coordinator", "--port", "0"},
        new String[] {"coordinator", "--config", empty.toString(), "--port", "not-a-number"},
        new String[] {"site", "--config", missing.toString()},
        new String[] {"no-such-command"});
    for (String[] args : bad) {
      Run r = shoal(dir, null, args);
      assertThat(r.exit()).as(String.join(" ", args) + ": " + r.all()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).isNotBlank();
      assertNoStackTrace(r);
    }
  }

  @Test
  void aCoordinatorThatCannotListenExitsWith1() throws Exception {
    Path config = dir.resolve("coordinator.yaml");
    StringBuilder yaml = new StringBuilder("sites:\n");
    for (var e : TestFederation.get().endpoints()) {
      yaml.append("  - { name: ").append(e.name()).append(", uri: \"").append(e.uri()).append("\" }\n");
    }
    Files.writeString(config, yaml);
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Run r = shoal(dir, null, "coordinator", "--config", config.toString(), "--port",
          Integer.toString(busy.getLocalPort()));
      assertThat(r.exit()).as(r.all()).isEqualTo(1);
      assertThat(r.err()).contains("cannot listen");
      assertNoStackTrace(r);
    }
  }

  @Test
  void helpExitsWith0() throws Exception {
    for (String cmd : List.of("sql", "coordinator", "site", "import", "demo", "bench")) {
      Run r = shoal(dir, null, cmd, "--help");
      assertThat(r.exit()).as(cmd + ": " + r.all()).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }
}

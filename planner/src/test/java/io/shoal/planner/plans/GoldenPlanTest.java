package io.shoal.planner.plans;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden plans: each query of {@code src/test/resources/plans/*.iq} (the 22 TPC-H queries in
 * {@code tpch.iq}, planner cases of tck's corpus in {@code corpus.iq}) is planned over the sites of
 * {@link PlanFixture}, with no site running, and its EXPLAIN plan (the coordinator's operators and
 * each site's fragment SQL) must equal the one in the file; {@code !fully-pushed} and {@code
 * !not-fully-pushed} lines assert {@link FullyPushedDown}. See {@link PlanScript} for the format.
 *
 * <p>After a change that moves work between the sites and the coordinator, regenerate the plans
 * and review the diff with the change:
 *
 * <pre>
 * mvn -B -ntp -o test -pl planner -am -Dtest=GoldenPlanTest -Dsurefire.failIfNoSpecifiedTests=false -Dshoal.plans.update=true
 * </pre>
 *
 * <p>which rewrites the plans (and nothing else) in {@code planner/src/test/resources/plans}.
 */
class GoldenPlanTest {
  static final List<String> FILES = List.of("tpch.iq", "corpus.iq");
  private static final boolean UPDATE = Boolean.getBoolean("shoal.plans.update");
  private static final Path SOURCES = Path.of("src/test/resources/plans");
  private static Connection conn;

  @BeforeAll
  static void open() throws SQLException {
    conn = PlanFixture.connect();
  }

  @AfterAll
  static void close() throws SQLException {
    conn.close();
  }

  @TestFactory
  Stream<DynamicNode> plans() throws IOException {
    List<DynamicNode> files = new ArrayList<>();
    for (String file : FILES) {
      PlanScript script = PlanScript.parse(file, read(file));
      List<DynamicNode> tests = new ArrayList<>();
      for (PlanScript.Case c : script.cases()) {
        tests.add(DynamicTest.dynamicTest(c.name, () -> check(file, c)));
      }
      if (UPDATE) {
        // Runs after the file's cases (dynamic tests run in order), which updated their plans.
        tests.add(DynamicTest.dynamicTest("rewrite " + file,
            () -> Files.writeString(SOURCES.resolve(file), script.render(), StandardCharsets.UTF_8)));
      }
      files.add(DynamicContainer.dynamicContainer(file, tests));
    }
    return files.stream();
  }

  private static void check(String file, PlanScript.Case c) throws SQLException {
    String actual = PlanFixture.explain(conn, c.sql).stripTrailing();
    String where = file + ":" + c.line + " (" + c.name + ")";
    if (!actual.equals(c.plan)) {
      if (UPDATE) {
        c.plan = actual;
      } else {
        fail("plan of " + where + " changed (- expected, + actual); if that is intended, run"
            + " GoldenPlanTest with -Dshoal.plans.update=true and review the diff:\n"
            + LineDiff.diff(c.plan, actual));
      }
    }
    for (String a : c.assertions) {
      if (a.equals(PlanScript.FULLY_PUSHED)) {
        FullyPushedDown.assertFullyPushedDown(where, actual);
      } else {
        FullyPushedDown.assertNotFullyPushedDown(where, actual);
      }
    }
  }

  private static String read(String file) throws IOException {
    if (UPDATE) {
      return Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8);
    }
    try (InputStream in = GoldenPlanTest.class.getResourceAsStream("/plans/" + file)) {
      if (in == null) {
        throw new IOException("plans/" + file + " is missing from the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

package io.shoal.tck.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tck.TestFederation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Statements too large or too deep for the planner's recursion fail with an SQLException 54001,
 * never with a StackOverflowError out of executeQuery, and the connection keeps working.
 */
class BigSqlTest {
  static String url() throws Exception {
    return "jdbc:shoal:sites=" + TestFederation.get().sitesProperty() + ";user=tck";
  }

  /** The statement's outcome: its one value, or its SQLException. Any Error fails the test. */
  static Object outcome(Statement st, String sql) {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getObject(1);
    } catch (SQLException e) {
      return e;
    }
  }

  @Test
  void aHugeInListAndDeepNestingGive54001OrAnAnswerNeverAnError() throws Exception {
    String inList = IntStream.range(0, 20_000).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    String deep = "SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " FROM region";
    String deepOr = "SELECT COUNT(*) FROM region WHERE "
        + IntStream.range(0, 20_000).mapToObj(i -> "r_regionkey = " + i).collect(Collectors.joining(" OR "));
    try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
      for (String sql : new String[] {"SELECT COUNT(*) FROM orders WHERE o_orderkey IN (" + inList + ")", deep, deepOr}) {
        long t0 = System.nanoTime();
        Object o = outcome(st, sql);
        System.out.printf("big SQL (%d chars, %s...): %s after %d ms%n", sql.length(), sql.substring(0, 40),
            o instanceof SQLException e ? e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse("") : "answer " + o,
            (System.nanoTime() - t0) / 1_000_000);
        if (o instanceof SQLException e) assertThat(e.getSQLState()).isEqualTo("54001");
      }
      assertThat(outcome(st, "SELECT COUNT(*) FROM region")).isEqualTo(5L);
    }
  }
}

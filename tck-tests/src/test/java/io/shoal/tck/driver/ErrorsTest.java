package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Every failure is an SQLException with a standard SQLState and a message without stack traces. */
class ErrorsTest {

  static void assertClean(SQLException e) {
    assertThat(e.getMessage()).startsWith("Shoal: ").doesNotContain("\tat ").doesNotContain("Exception:")
        .doesNotContain("org.apache.");
  }

  private static void fails(ThrowingRunnable r, String state, String... words) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(SQLException.class, e -> {
      assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(state);
      if (words.length > 0) {
        assertThat(e.getMessage()).contains(words);
      }
      assertClean(e);
    });
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @Test
  void badUrlAndUnknownProperty() {
    fails(() -> DriverManager.getConnection("jdbc:shoal:sites=eu"), "08001", "name@grpc://");
    fails(() -> DriverManager.getConnection("jdbc:shoal:sites=eu@grpc://127.0.0.1:1;colour=red"), "08001",
        "unknown property 'colour'");
    fails(() -> DriverManager.getConnection("jdbc:shoal:config=/nonexistent/c.yaml"), "08001", "no such file");
  }

  @Test
  void unreachableSiteIsNamed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    fails(() -> DriverManager.getConnection("jdbc:shoal:sites=mars@grpc://127.0.0.1:" + port + ";connectTimeout=3"),
        "08001", "mars");
  }

  @Test
  void badSqlStates() throws Exception {
    try (Connection c = DriverManager.getConnection(DriverUrls.embedded()); Statement st = c.createStatement()) {
      fails(() -> st.executeQuery("SELEC * FROM orders"), "42000", "syntax error", "line 1, column 1");
      // The lenient (Babel) parser names the keyword that leaves the statement unfinished.
      fails(() -> st.executeQuery("SELECT * FROM orders WHERE"), "42000", "syntax error", "WHERE", "line 1, column 22");
      fails(() -> st.executeQuery("SELECT * FROM no_such_table"), "42S02", "no_such_table");
      fails(() -> st.executeQuery("SELECT no_such_column FROM orders"), "42S22", "no_such_column");
      fails(() -> c.prepareStatement("SELECT FROM WHERE"), "42000");
      // the connection still works after failures
      try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM region")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(5);
      }
    }
  }

  @Test
  void timeoutIsHyt00AndCancelIs57014() throws Exception {
    String slow = "SELECT COUNT(*) FROM global.lineitem a, global.lineitem b WHERE a.l_comment < b.l_comment";
    try (Connection c = DriverManager.getConnection(DriverUrls.embedded()); Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      long t0 = System.nanoTime();
      fails(() -> {
        try (ResultSet rs = st.executeQuery(slow)) {
          rs.next();
        }
      }, "HYT00", "timed out");
      System.out.println("timeout after " + (System.nanoTime() - t0) / 1_000_000 + " ms");

      st.setQueryTimeout(0);
      CompletableFuture<Void> canceller = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(1000);
          st.cancel();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      fails(() -> {
        try (ResultSet rs = st.executeQuery(slow)) {
          rs.next();
        }
      }, "57014", "cancelled");
      canceller.join();
    }
  }
}

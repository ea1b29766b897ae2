package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.driver.CoordinatorServer;
import io.shoal.tck.TestCoordinator;
import io.shoal.tck.TestFederation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The coordinator server in-process on port 0, reached by jdbc:shoal:remote: thin clients. */
class RemoteModeTest {
  static CoordinatorServer server;
  static String url;

  @BeforeAll
  static void start() throws Exception {
    server = TestCoordinator.signedIn(TestFederation.get().endpoints(),
        "# user password\nalice s3cret\nbob hunter2\n");
    url = "jdbc:shoal:remote:url=http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void metadataReplayAndQueries() throws Exception {
    try (Connection c = DriverManager.getConnection(url + ";user=alice;password=s3cret")) {
      MetadataReplayTest.replay(c);
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, \"day\", amount, name FROM global.events WHERE id = ?")) {
        ps.setLong(1, 1003);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(1003);
          assertThat(rs.getObject(2, LocalDate.class)).isEqualTo(LocalDate.of(2024, 1, 1).plusDays(1003 % 60));
          assertThat(rs.getString(4)).isEqualTo("n1003");
          assertThat(rs.next()).isFalse();
        }
      }
      try (var st = c.createStatement()) {
        assertThatThrownBy(() -> st.executeQuery("SELECT * FROM no_such_table"))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("42S02");
              assertThat(e.getMessage()).contains("no_such_table");
              ErrorsTest.assertClean(e);
            });
        // The principal the sites see is the signed-in user, not what the client claims.
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM global.region")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(5);
        }
        try (ResultSet rs = st.executeQuery("SELECT DISTINCT principal FROM shoal.queries"
            + " WHERE query_text = 'SELECT COUNT(*) FROM global.region'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("alice");
          assertThat(rs.next()).as("one principal").isFalse();
        }
      }
      assertThat(c.isReadOnly()).isTrue();
      c.commit();
    }
  }

  @Test
  void wrongPasswordIs28000() {
    assertThatThrownBy(() -> DriverManager.getConnection(url + ";user=alice;password=wrong"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          ErrorsTest.assertClean(e);
        });
    assertThatThrownBy(() -> DriverManager.getConnection(url))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
  }

  @Test
  void refusesToServeOpenlyWithoutUsers() throws Exception {
    Path dir = Files.createTempDirectory("shoal-coord-");
    Path config = dir.resolve("c.yaml");
    Files.writeString(config, "sites:\n  - { name: eu, uri: \"grpc://127.0.0.1:1\" }\n");
    assertThatThrownBy(() -> CoordinatorServer.start(config, "0.0.0.0", 0))
        .hasMessageContaining("without authentication");
  }
}

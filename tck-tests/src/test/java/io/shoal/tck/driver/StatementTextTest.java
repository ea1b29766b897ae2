package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.tck.TestCoordinator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What tools send as they write it: a trailing semicolon runs, DDL and DML get 25006 "read-only"
 * (not a syntax error or "cannot plan") with a message that does not repeat the SQL, embedded and
 * through shoal coordinator.
 */
class StatementTextTest {
  private static Connection open(String mode) throws Exception {
    return DriverManager.getConnection(mode.equals("remote") ? TestCoordinator.url() : DriverUrls.embedded());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void trailingSemicolonsAreAccepted(String mode) throws Exception {
    try (Connection c = open(mode); Statement st = c.createStatement()) {
      for (String sql : new String[] {"SELECT 1;", "SELECT 1 ;\n ; ", "SELECT COUNT(*) FROM global.region;"}) {
        try (ResultSet rs = st.executeQuery(sql)) {
          assertThat(rs.next()).as(sql).isTrue();
        }
      }
      try (var ps = c.prepareStatement("SELECT r_name FROM global.region WHERE r_regionkey = ?;")) {
        ps.setInt(1, 0);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("AFRICA");
        }
      }
      assertThatThrownBy(() -> st.executeQuery("SELECT 1; SELECT 2"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42000"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void ddlAndDmlAreReadOnly(String mode) throws Exception {
    try (Connection c = open(mode); Statement st = c.createStatement()) {
      for (String sql : new String[] {
          "CREATE TABLE t (x INT)", "insert into global.nation values (99, 'X', 0, 'c')",
          "-- tidy up\nDROP TABLE global.nation;", "/* bulk */ UPDATE global.region SET r_name = 'x'",
          "DELETE FROM global.region", "ALTER TABLE global.region ADD COLUMN y INT"}) {
        assertThatThrownBy(() -> st.execute(sql)).as(sql)
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("25006");
              assertThat(e.getMessage()).contains("read-only: Shoal runs queries only").doesNotContain(sql);
              ErrorsTest.assertClean(e);
            });
      }
    }
  }
}

package io.shoal.tck.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tck.TestCoordinator;
import io.shoal.tck.TestFederation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An error DuckDB raises on a site's data while the site computes its result (issue 12: these
 * arrived as 22000 "Invalid result set"): the JDBC client gets DuckDB's own message, sanitised, with
 * the SQLState the site chose, embedded and through {@code shoal coordinator}.
 */
class SiteDataErrorTest {
  private static TestFederation fed;
  private static List<String> comments;

  @BeforeAll
  static void start() throws Exception {
    fed = TestFederation.get();
    comments = new ArrayList<>();
    try (Connection c = fed.oracle(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT n_comment FROM nation")) {
      while (rs.next()) comments.add(rs.getString(1));
    }
  }

  private static Connection open(String mode) throws Exception {
    return DriverManager.getConnection(mode.equals("remote") ? TestCoordinator.url() : "jdbc:shoal:sites=" + fed.sitesProperty());
  }

  private static SQLException failure(String mode, String sql) throws Exception {
    try (Connection c = open(mode); Statement st = c.createStatement()) {
      Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
        try (ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            // read it all: the error may come after rows
          }
        }
      });
      assertThat(t).as(sql).isInstanceOf(SQLException.class);
      SQLException e = (SQLException) t;
      assertThat(e.getMessage()).as(sql).doesNotContain("Invalid result set", "\tat ", "Exception:");
      return e;
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void aCastThatFailsOnALaterRowIsAConversionError(String mode) throws Exception {
    SQLException e = failure(mode,
        "SELECT CAST(CASE WHEN l_orderkey > 50000 THEN 'x' ELSE '1' END AS INT) FROM eu.lineitem");
    assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("22018");
    assertThat(e.getMessage()).contains("site eu", "Conversion Error", "withheld");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void aConversionErrorOnAColumnCarriesNoValueOfIt(String mode) throws Exception {
    SQLException e = failure(mode, "SELECT CAST(n_comment AS INTEGER) FROM eu.nation");
    assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("22018");
    assertThat(e.getMessage()).contains("site eu", "n_comment");
    for (String comment : comments) assertThat(e.getMessage()).doesNotContain(comment.substring(0, Math.min(12, comment.length())));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void anOverflowAtASiteIs22003(String mode) throws Exception {
    SQLException e = failure(mode, "SELECT SUM(CAST(l_orderkey AS INTEGER) * 1000000) FROM eu.lineitem");
    assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("22003");
    assertThat(e.getMessage()).contains("site eu", "Overflow").doesNotContain("1000000");
  }
}

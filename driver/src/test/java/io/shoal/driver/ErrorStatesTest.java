package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.Test;

/** {@link Errors}: the state is the one chosen where the failure happened, never read from its text. */
class ErrorStatesTest {
  @Test
  void theInnermostCarriedStateWins() {
    SQLException site = new SQLException("site eu: fragment-wall-time of 3 s exceeded", "54000");
    SQLException e = Errors.translate(new SQLException("Error while executing SQL \"SELECT 1\": x", null,
        new RuntimeException(site)));
    assertThat(e.getSQLState()).isEqualTo("54000");
    assertThat(e.getMessage()).isEqualTo("Shoal: site eu: fragment-wall-time of 3 s exceeded");
  }

  @Test
  void thePlannersExceptionCarriesItsState() {
    RuntimeException planner = new io.shoal.planner.errors.ShoalException("42501", "eu", "site eu forbids c_phone", null);
    SQLException e = Errors.translate(new SQLException("Error while executing SQL \"SELECT c_phone\"", planner));
    assertThat(e.getSQLState()).isEqualTo("42501");
    assertThat(e.getMessage()).isEqualTo("Shoal: site eu forbids c_phone");
  }

  @Test
  void aRemoteErrorKeepsTheServersStateAndTextWithoutTheSql() {
    AvaticaSqlException remote = new AvaticaSqlException(
        "Error while executing SQL \"SELECT * FROM global.nope\": Remote driver error: Shoal: Object 'NOPE' not found",
        "42S02", 0, List.of("server stack"), "http://127.0.0.1:8765");
    SQLException e = Errors.translate(remote);
    assertThat(e.getSQLState()).isEqualTo("42S02");
    assertThat(e.getMessage()).isEqualTo("Shoal: Object 'NOPE' not found");
  }

  @Test
  void textAloneNeverDecidesTheState() {
    assertThat(Errors.translate(new RuntimeException("Statement cancelled: Connection refused (401)")).getSQLState())
        .isEqualTo("XX000");
  }

  @Test
  void theCoordinatorsHttpStatusIsTheTransportsState() {
    SQLException e = Errors.translate(new RuntimeException("Failed to execute HTTP Request, got HTTP/401"));
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage()).contains("check user and password");
  }

  @Test
  void aForcedStateWins() {
    SQLException e = Errors.translate(new SQLException("interrupted", "XX000"), "HYT00");
    assertThat((Object) e).isInstanceOf(java.sql.SQLTimeoutException.class);
    assertThat(e.getMessage()).startsWith("Shoal: query timed out");
  }
}

package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

/** {@code shoal coordinator}'s service sends each failure's SQLState in Avatica's error response. */
class StatesServiceTest {
  @Test
  void aFailureTravelsWithItsStateAndAProtocolFailureAsIs() throws Exception {
    Service service = new CoordinatorServer.StatesService(new JdbcMeta(WrapperTest.MODEL));
    assertThatThrownBy(() -> service.apply(new Service.CreateStatementRequest("no-such-connection")))
        .isInstanceOf(NoSuchConnectionException.class); // Avatica's client reconnects on it
    service.apply(new Service.OpenConnectionRequest("c1", Map.of()));
    int id = service.apply(new Service.CreateStatementRequest("c1")).statementId;
    assertThatThrownBy(() -> service.apply(new Service.PrepareAndExecuteRequest("c1", id, "SELEC 1", -1)))
        .isInstanceOfSatisfying(AvaticaRuntimeException.class, e -> {
          assertThat(e.getSqlState()).isEqualTo("42000");
          assertThat(e.getErrorMessage()).startsWith("Shoal: syntax error").doesNotContain("SELEC 1\"")
              .doesNotContain("Exception");
        });
    assertThatThrownBy(() -> service.apply(new Service.PrepareAndExecuteRequest("c1", id, "SELECT * FROM nope", -1)))
        .isInstanceOfSatisfying(AvaticaRuntimeException.class, e -> assertThat(e.getSqlState()).isEqualTo("42S02"));
    service.apply(new Service.CloseConnectionRequest("c1"));
  }
}

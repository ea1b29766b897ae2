package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShoalDriverTest {
  @Test
  void registeredThroughServiceLoader() throws SQLException {
    Driver d = DriverManager.getDriver("jdbc:shoal:sites=eu@grpc://127.0.0.1:1");
    assertThat(d).isInstanceOf(ShoalDriver.class);
    assertThat(d.acceptsURL("jdbc:postgresql://x")).isFalse();
  }

  @Test
  void propertyInfoListsEveryProperty() throws SQLException {
    DriverPropertyInfo[] info = new ShoalDriver().getPropertyInfo("jdbc:shoal:", new Properties());
    assertThat(Arrays.stream(info).map(i -> i.name))
        .containsExactlyElementsOf(Arrays.stream(ShoalProperty.values()).map(ShoalProperty::key).toList());
    assertThat(info).allSatisfy(i -> assertThat(i.description).isNotBlank());
    DriverPropertyInfo partial = Arrays.stream(info).filter(i -> i.name.equals("partialResults")).findFirst().get();
    assertThat(partial.value).isEqualTo("false");
  }

  @Test
  void badUrlsAndPropertiesAreClear() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shoal:"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08001");
          assertThat(e.getMessage()).contains("no sites given");
          WrapperTest.assertClean(e);
        });
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shoal:sites=eu@grpc://127.0.0.1:1;colour=red"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getMessage()).contains("unknown property 'colour'"));
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:shoal:sites=eu@grpc://127.0.0.1:1;queryTimeout=x"))
        .hasMessageContaining("queryTimeout");
  }

  @Test
  void redactsSecrets() {
    assertThat(ShoalDriver.redact("jdbc:shoal:remote:url=http://h:1;password=pw;user=a"))
        .isEqualTo("jdbc:shoal:remote:url=http://h:1;password=***;user=a");
  }
}

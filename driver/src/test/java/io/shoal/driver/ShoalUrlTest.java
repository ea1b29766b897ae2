package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ShoalUrlTest {

  @Test
  void embeddedWithInlineSites() throws SQLException {
    ShoalUrl url =
        ShoalUrl.parse("jdbc:shoal:sites=eu@grpc://localhost:1,us@grpc://localhost:2;partialResults=TRUE", null);
    assertThat(url.remote()).isFalse();
    assertThat(url.get(ShoalProperty.SITES)).isEqualTo("eu@grpc://localhost:1,us@grpc://localhost:2");
    assertThat(url.getBoolean(ShoalProperty.PARTIAL_RESULTS)).isTrue();
    assertThat(url.getInt(ShoalProperty.CONNECT_TIMEOUT)).isEqualTo(10);
  }

  @Test
  void propertiesOverrideTheUrlAndKeysIgnoreCase() throws SQLException {
    Properties info = new Properties();
    info.setProperty("PARTIALRESULTS", "false");
    info.setProperty("user", "alice");
    ShoalUrl url = ShoalUrl.parse("jdbc:shoal:config=/x.yaml;partialResults=true", info);
    assertThat(url.getBoolean(ShoalProperty.PARTIAL_RESULTS)).isFalse();
    assertThat(url.get(ShoalProperty.USER)).isEqualTo("alice");
  }

  @Test
  void remoteNeedsAnUrl() throws SQLException {
    assertThat(ShoalUrl.parse("jdbc:shoal:remote:url=http://localhost:8765", null).remote()).isTrue();
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:remote:", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("url=http://host:port");
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:remote:url=http://h:1;sites=eu@grpc://h:2", null))
        .hasMessageContaining("sites is for embedded mode");
  }

  @Test
  void badUrlsSayWhatToWrite() {
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("no sites given")
        .extracting(e -> ((SQLException) e).getSQLState())
        .isEqualTo("08001");
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:config=/a;sites=eu@grpc://h:1", null))
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:config", null)).hasMessageContaining("key=value");
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:config=/a;partialResults=maybe", null).getBoolean(ShoalProperty.PARTIAL_RESULTS))
        .hasMessageContaining("true or false");
  }

  @Test
  void unknownPropertyIsNamed() {
    assertThatThrownBy(() -> ShoalUrl.parse("jdbc:shoal:config=/a;partialResult=true", null))
        .hasMessageContaining("unknown property 'partialResult'")
        .hasMessageContaining("partialResults");
  }
}

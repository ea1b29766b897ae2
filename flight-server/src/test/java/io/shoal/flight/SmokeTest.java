package io.shoal.flight;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void query() throws Exception {
    StubSite site = new StubSite("create table t as select range as id, 'x' || range as s from range(100000)");
    try (SiteServer server = SiteServer.start(site, new SiteServer.Options("test", "127.0.0.1:0", null, null, null));
        Connection c = DriverManager.getConnection("jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "?useEncryption=false")) {
      try (ResultSet rs = c.createStatement().executeQuery("select count(*), sum(id) from t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(100000);
      }
      try (ResultSet rs = c.createStatement().executeQuery("select * from t")) {
        int n = 0;
        while (rs.next()) n++;
        assertThat(n).isEqualTo(100000);
      }
      try (var ps = c.prepareStatement("select s from t where id = ?")) {
        ps.setLong(1, 42);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("x42");
        }
      }
    }
  }
}

package io.shoal.driver;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A thin client of {@code shoal coordinator}: Avatica's remote driver over HTTP + protobuf. */
final class Remote {
  private Remote() {}

  static Connection connect(ShoalUrl url) throws SQLException {
    String server = url.get(ShoalProperty.URL);
    if (server.contains(";")) {
      throw ShoalUrl.invalid("url= may not contain ';': " + server);
    }
    StringBuilder avatica = new StringBuilder("jdbc:avatica:remote:url=").append(server)
        .append(";serialization=protobuf");
    Properties info = new Properties();
    String user = url.get(ShoalProperty.USER);
    String password = url.get(ShoalProperty.PASSWORD);
    if (user != null) {
      avatica.append(";authentication=BASIC");
      info.setProperty("avatica_user", user);
      info.setProperty("avatica_password", password == null ? "" : password);
      info.setProperty(ShoalProperty.USER.key(), user);
    }
    // Settings the coordinator applies per connection; it ignores everything else a client sends.
    for (ShoalProperty p : new ShoalProperty[] {ShoalProperty.PARTIAL_RESULTS, ShoalProperty.QUERY_TIMEOUT}) {
      if (url.properties().containsKey(p)) {
        info.setProperty(p.key(), url.get(p));
      }
    }
    Connection c = new org.apache.calcite.avatica.remote.Driver().connect(avatica.toString(), info);
    // Avatica connects lazily: ask for something now so a wrong password or a dead server fails here.
    c.getMetaData().getDatabaseProductName();
    return c;
  }
}

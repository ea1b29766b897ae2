package io.shoal.tck.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.flight.SiteServer;
import io.shoal.site.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A site that answers at connect time and fails at query time: without partialResults the query
 * fails fast with 08001 naming it; with partialResults=true the other sites' rows come back with a
 * SQLWarning naming it. The site here is a third one (xx) over us's patients, stopped mid-test.
 */
class PartialResultsTest {

  @Test
  void aSiteDownAtQueryTimeIsSkippedOnlyWhenAskedFor() throws Exception {
    PolicyFederation fed = PolicyFederation.get();
    Path dir = fed.root().resolve("xx");
    Files.createDirectories(dir);
    Path yaml = fed.root().resolve("xx.yaml");
    Files.writeString(yaml, "name: xx\nregion: ap-south-1\nlisten: 127.0.0.1:0\ndata: " + dir + "\n"
        + "tables:\n  patients: { parquet: \"" + fed.root().resolve("us/patients.parquet") + "\" }\n"
        + "policy: { export: aggregates, min-group-size: 5,"
        + " tables: { patients: { columns: { name: deny, ssn: deny } } } }\n");
    SiteServer xx = SiteServer.start(SiteConfig.load(yaml));
    String sites = "eu@grpc://127.0.0.1:" + fed.port("eu") + ",us@grpc://127.0.0.1:"
        + fed.port("us") + ",xx@grpc://127.0.0.1:" + xx.port();
    // eu and us hold tokens; xx serves without auth, so it gets no token and no principal.
    String url = "jdbc:shoal:sites=" + sites + ";user=analyst;metadataCacheSeconds=0;siteTokens=eu="
        + PolicyFederation.COORDINATOR_TOKEN + ",us=" + PolicyFederation.COORDINATOR_TOKEN;
    String sql = "SELECT city, count(*) AS n FROM patients GROUP BY city ORDER BY city";
    try (Connection strict = DriverManager.getConnection(url);
        Connection partial = DriverManager.getConnection(url + ";partialResults=true")) {
      assertThat(total(strict, sql, null)).isEqualTo(400); // eu 200 + us 100 + xx 100
      xx.close();

      assertThatThrownBy(() -> total(strict, sql, null))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).startsWith("08");
            assertThat(e.getMessage()).contains("site xx");
          });

      Map<String, SQLWarning> warnings = new LinkedHashMap<>();
      assertThat(total(partial, sql, warnings)).isEqualTo(300);
      SQLWarning w = warnings.get("w");
      assertThat((Object) w).isNotNull();
      System.out.println("partial results warning: " + w.getMessage());
      assertThat(w.getMessage()).contains("partial result").contains("site xx");
      assertThat(w.getSQLState()).startsWith("08");
    } finally {
      xx.close();
    }
  }

  private static long total(Connection c, String sql, Map<String, SQLWarning> warnings)
      throws SQLException {
    long total = 0;
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        total += rs.getLong("n");
      }
      if (warnings != null && rs.getWarnings() != null) {
        warnings.put("w", rs.getWarnings());
      }
    }
    return total;
  }
}

package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DATE and TIMESTAMP values read the same whatever the JVM's default time zone is. Each zone runs
 * in its own JVM ({@code -Duser.timezone}), as in production: Calcite and Avatica read the default
 * zone once per class/connection, so changing it inside one JVM would test nothing real.
 */
class TimeZoneTest {
  static final String EXPECTED = "2024-01-06|2024-01-06|2024-01-01T03:05|2024-01-01 03:05:00.0|"
      + LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(1001L * 37) + "|2024-01-01T03:05:00Z";

  /** Child JVM entry: prints one line of values read with every getter style. */
  public static void main(String[] args) throws Exception {
    System.out.println("RESULT " + read(args[0]));
  }

  static String read(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, \"day\", ts FROM global.events WHERE id IN (5, 1001) ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      List<String> out = new ArrayList<>();
      rs.next();
      out.add(String.valueOf(rs.getObject(2, LocalDate.class)));
      out.add(rs.getDate(2).toString());
      out.add(String.valueOf(rs.getObject(3, LocalDateTime.class)));
      out.add(rs.getTimestamp(3).toString());
      String instant = String.valueOf(rs.getObject(3, java.time.Instant.class));
      rs.next();
      out.add(String.valueOf(rs.getObject(3, LocalDateTime.class)));
      out.add(instant);
      return String.join("|", out);
    }
  }

  @Test
  void sameWallClockInEveryZone() throws Exception {
    assertThat(read(DriverUrls.embedded())).isEqualTo(EXPECTED);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (String zone : new String[] {"America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati"}) {
      Process p = new ProcessBuilder(java, "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "-Duser.timezone=" + zone, "-cp", System.getProperty("java.class.path"),
          TimeZoneTest.class.getName(), DriverUrls.embedded())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(out);
      assertThat(line).as(zone).isEqualTo("RESULT " + EXPECTED);
    }
  }
}

package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** DATE and TIMESTAMP values read the same whatever the JVM's default time zone is. */
class TimeZoneTest {
  @Test
  void sameWallClockInEveryZone() throws Exception {
    TimeZone saved = TimeZone.getDefault();
    try {
      for (String zone : new String[] {"UTC", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati", "Europe/Berlin"}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try (Connection c = DriverManager.getConnection(DriverUrls.embedded());
            PreparedStatement ps = c.prepareStatement("SELECT id, day, ts FROM global.events WHERE id IN (5, 1001) ORDER BY id")) {
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            // id 5: day = 2024-01-01 + 5, ts = 2024-01-01 00:00 + 5 * 37 min
            assertThat(rs.getObject(2, LocalDate.class)).as(zone).isEqualTo(LocalDate.of(2024, 1, 6));
            assertThat(rs.getDate(2).toString()).as(zone).isEqualTo("2024-01-06");
            assertThat(rs.getObject(3, LocalDateTime.class)).as(zone).isEqualTo(LocalDateTime.of(2024, 1, 1, 3, 5));
            assertThat(rs.getTimestamp(3).toString()).as(zone).isEqualTo("2024-01-01 03:05:00.0");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(3, LocalDateTime.class)).as(zone)
                .isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(1001L * 37));
          }
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }
}

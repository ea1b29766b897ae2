package io.shoal.site.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  private static AuditRecord record(String queryId) {
    return new AuditRecord("2026-11-25T10:00:00Z", "eu", queryId, "alice", "SELECT 1", AuditRecord.sha256("SELECT 1"),
        Map.of("orders", 42L), 1, 8, "rows", 0, "ok", null, null, 3);
  }

  @Test
  void linesSurviveARestart() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      log.append(record("q1"));
      log.append(record("q2"));
    }
    try (AuditLog log = AuditLog.open(dir)) {
      log.append(record("q3"));
    }
    assertThat(AuditLog.read(dir)).extracting(AuditRecord::queryId).containsExactly("q1", "q2", "q3");
  }

  @Test
  void aLineCutByACrashLeavesTheOthersIntact() throws Exception {
    try (AuditLog log = AuditLog.open(dir)) {
      log.append(record("q1"));
    }
    // A crash in the middle of the second write: half a JSON line, no newline.
    Files.writeString(dir.resolve(AuditLog.FILE), "{\"time\":\"2026-11-25T10:00:01Z\",\"site\":\"e",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(dir)) {
      log.append(record("q3"));
    }
    assertThat(AuditLog.read(dir)).extracting(AuditRecord::queryId).containsExactly("q1", "q3");
    assertThat(Files.readAllLines(dir.resolve(AuditLog.FILE))).hasSize(3);
  }

  @Test
  void hashIsSha256OfTheSql() {
    assertThat(AuditRecord.sha256("SELECT 1"))
        .isEqualTo("e004ebd5b5532a4b85984a62f8ad48a81aa3460c1ca07701f386135d72cdecf5");
  }
}

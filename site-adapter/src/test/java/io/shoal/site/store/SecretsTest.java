package io.shoal.site.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  @TempDir Path dir;

  @Test
  void referencesResolveFromEnvironmentAndFiles() throws Exception {
    Files.writeString(dir.resolve("s3-secret"), "file-secret\n");
    Map<String, String> props = Map.of(
        "s3.secret-access-key", "${file:s3-secret}",
        "token", "Bearer ${env:SHOAL_TEST_TOKEN}",
        "uri", "http://127.0.0.1:8181");
    Map<String, String> resolved = Secrets.resolve(props, dir, name -> name.equals("SHOAL_TEST_TOKEN") ? "t0k3n" : null);
    assertThat(resolved)
        .containsEntry("s3.secret-access-key", "file-secret")
        .containsEntry("token", "Bearer t0k3n")
        .containsEntry("uri", "http://127.0.0.1:8181");
    assertThat(Secrets.masked(props)).containsEntry("s3.secret-access-key", "****").containsEntry("token", "****")
        .containsEntry("uri", "http://127.0.0.1:8181");
    assertThat(Secrets.scrub("failed: file-secret was refused", resolved)).isEqualTo("failed: **** was refused");
  }

  @Test
  void anUnsetVariableNamesTheKeyNotAValue() {
    assertThatThrownBy(() -> Secrets.resolve(Map.of("credential", "${env:NOPE_NOT_SET}"), dir, n -> null))
        .hasMessage("credential names environment variable NOPE_NOT_SET, which is not set");
    assertThatThrownBy(() -> Secrets.resolve(Map.of("credential", "${file:missing}"), dir, n -> null))
        .hasMessage("credential names file missing, which cannot be read");
  }
}

package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinatorConfigTest {
  @TempDir Path dir;

  @Test
  void readsSitesAndAuth() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "sites:\n  - { name: eu, uri: \"grpc://127.0.0.1:47471\", token: t1 }\n"
        + "  - { name: us, uri: \"grpc+tls://us.example:443\" }\npartial-results: true\nauth: { users-file: ./users }\n");
    CoordinatorConfig c = CoordinatorConfig.load(f);
    assertThat(c.sites()).extracting(CoordinatorConfig.Site::name).containsExactly("eu", "us");
    assertThat(c.sites().get(0).token()).isEqualTo("t1");
    assertThat(c.sites().get(1).uri().getPort()).isEqualTo(443);
    assertThat(c.partialResults()).isTrue();
    assertThat(c.usersFile()).isEqualTo(dir.resolve("users"));
  }

  @Test
  void unknownKeyNamesKeyFileAndLine() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "sites:\n  - { name: eu, uri: \"grpc://127.0.0.1:1\" }\npartial-result: true\n");
    assertThatThrownBy(() -> CoordinatorConfig.load(f))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("c.yaml:3")
        .hasMessageContaining("unknown key 'partial-result'")
        .hasMessageContaining("partial-results");
    Files.writeString(f, "sites:\n  - name: eu\n    uri: \"grpc://127.0.0.1:1\"\n    tokn: x\n");
    assertThatThrownBy(() -> CoordinatorConfig.load(f))
        .hasMessageContaining("c.yaml:4").hasMessageContaining("'tokn'").hasMessageContaining("sites[0]");
  }

  @Test
  void badSitesAreExplained() {
    assertThatThrownBy(() -> CoordinatorConfig.inline("eu@http://x:1", null, null)).hasMessageContaining("grpc://");
    assertThatThrownBy(() -> CoordinatorConfig.inline("eu@grpc://x:1,eu@grpc://y:2", null, null))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> CoordinatorConfig.inline("grpc://x:1", null, null)).hasMessageContaining("name@");
    assertThatThrownBy(() -> CoordinatorConfig.inline("eu@grpc://x:1", "us=t", null)).hasMessageContaining("'us'");
    assertThatThrownBy(() -> CoordinatorConfig.load(dir.resolve("missing.yaml"))).hasMessageContaining("no such file");
  }

  @Test
  void inlineTokens() throws SQLException {
    CoordinatorConfig c = CoordinatorConfig.inline("eu@grpc://x:1, us@grpc://y:2", "us=secret", "dflt");
    assertThat(c.sites()).extracting(CoordinatorConfig.Site::token).containsExactly("dflt", "secret");
  }
}

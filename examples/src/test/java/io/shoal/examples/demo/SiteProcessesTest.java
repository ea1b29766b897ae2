package io.shoal.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site process that dies before it is ready is reported with its stderr, not waited for. */
class SiteProcessesTest {
  @TempDir Path dir;

  @Test
  void deadSiteIsReportedWithItsLastStderrLinesAndLog() throws Exception {
    Path yaml = dir.resolve("eu.yaml");
    Files.writeString(yaml, "name: eu\nno-such-key: 1\ndata: d\n");
    SiteProcesses sites = new SiteProcesses(dir.resolve("logs"));
    assertThatThrownBy(() -> sites.startAll(List.of("eu"), List.of(yaml), Duration.ofSeconds(60)))
        .isInstanceOf(DemoException.class)
        .hasMessageStartingWith("site eu exited with code ")
        .hasMessageContaining("before it was ready")
        .hasMessageContaining("last stderr lines:")
        .satisfies(e -> assertThat(((DemoException) e).step()).isEqualTo("start sites"));
    assertThat(Files.readString(dir.resolve("logs/eu.log"))).isNotBlank();
  }

  @Test
  void commandRunsTheSiteCommandOnThisClassPathWithArrowFlag() {
    List<String> cmd = SiteProcesses.command(Path.of("/x/eu.yaml"));
    assertThat(cmd).contains("--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:+UseSerialGC", SiteProcesses.MAIN_CLASS);
    assertThat(cmd.subList(cmd.size() - 3, cmd.size())).containsExactly(SiteProcesses.MAIN_CLASS, "--config", "/x/eu.yaml");
    assertThat(cmd.get(cmd.indexOf("-cp") + 1)).isEqualTo(System.getProperty("java.class.path"));
  }
}

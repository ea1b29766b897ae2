package io.shoal.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's options and usage errors; the full run is verified end to end by the lead. */
class DemoCommandTest {
  @TempDir Path dir;

  @Test
  void defaultsMatchTheDocumentedOnes() {
    DemoCommand cmd = new DemoCommand();
    new CommandLine(cmd).parseArgs();
    assertThat(cmd.sf).isEqualTo(0.01);
    assertThat(cmd.dir).isEqualTo(Path.of("shoal-demo"));
    assertThat(cmd.basePort).isEqualTo(47471);
    assertThat(cmd.serve).isFalse();
    assertThat(cmd.keep).isFalse();
  }

  @Test
  void badOptionsExitTwoWithOneLineAndTouchNothing() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    DemoCommand cmd =
        new DemoCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    Path demoDir = dir.resolve("demo");
    assertThat(new CommandLine(cmd).execute("--sf", "0", "--dir", demoDir.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("shoal demo: --sf must be positive, got 0.0\n");
    assertThat(new CommandLine(cmd).execute("--base-port", "65535", "--dir", demoDir.toString())).isEqualTo(2);
    assertThat(demoDir).doesNotExist();
  }
}

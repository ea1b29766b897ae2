package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.ShoalVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The launcher's tree holds every subcommand the README lists, and reports Shoal's one version. */
class ShoalMainTest {

  @Test
  void treeHoldsEveryDocumentedSubcommand() {
    assertThat(ShoalMain.commandLine().getSubcommands().keySet())
        .contains("demo", "site", "coordinator", "sql", "import", "bench");
  }

  @Test
  void versionIsShoalsOneVersionConstant() {
    CommandLine cli = ShoalMain.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--version")).isZero();
    assertThat(out.toString().strip()).isEqualTo("shoal " + ShoalVersion.VERSION);
  }
}

package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

/** SQLLine (a real JDBC shell) runs a script against jdbc:shoal: and prints the expected rows. */
class SqlLineTest {
  @TempDir Path dir;

  @Test
  void runsAScript() throws Exception {
    Path script = dir.resolve("q.sql");
    Files.writeString(script,
        "SELECT n_nationkey, n_name FROM global.nation WHERE n_nationkey < 3 ORDER BY n_nationkey;\n"
            + "SELECT _site, COUNT(*) AS n FROM global.events GROUP BY _site ORDER BY _site;\n"
            + "!quit\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SqlLine sqlline = new SqlLine();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    sqlline.setOutputStream(ps);
    sqlline.setErrorStream(ps);
    SqlLine.Status status = sqlline.begin(new String[] {
        "-d", "io.shoal.driver.ShoalDriver", "-u", DriverUrls.embedded(), "-n", "tck", "-p", "",
        "--outputformat=csv", "--showHeader=true", "-f", script.toString()}, null, false);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as(text).isEqualTo(SqlLine.Status.OK);
    assertThat(text).contains("'0','ALGERIA'", "'1','ARGENTINA'", "'2','BRAZIL'")
        .contains("'eu','1000'", "'us','10'")
        .doesNotContain("Exception");
  }
}

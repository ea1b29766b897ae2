package io.shoal.driver.cli;

import io.shoal.driver.ShoalDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/**
 * {@code shoal sql [URL]}: an interactive SQL shell (SQLLine) on the Shoal driver; with {@code -f
 * FILE} it runs the script without SQLLine ({@link SqlScript}): the same output with or without a
 * terminal, and exit code 1 when the connection or a statement fails, 2 on bad input.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "Interactive SQL (SQLLine) over jdbc:shoal: (embedded or remote).")
public final class SqlCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", description = "JDBC URL, e.g. jdbc:shoal:config=coordinator.yaml")
  String url;

  @Option(names = {"-n", "--user"}, description = "User name.")
  String user;

  @Option(names = {"-p", "--password"}, description = "Password (remote mode).")
  String password;

  @Option(names = {"-f", "--file"},
      description = "Run this SQL script (- for standard input) and exit: results as tab-separated"
          + " lines; exit code 1 if the connection or a statement fails.")
  String script;

  @Override
  public Integer call() throws IOException {
    if (script != null) {
      return runScript();
    }
    SqlLine.Status status = SqlLine.start(args(), null, true);
    return status == SqlLine.Status.OK ? 0 : 1;
  }

  private int runScript() {
    if (url == null) {
      System.err.println("shoal sql: -f needs a JDBC URL, e.g. shoal sql jdbc:shoal:config=coordinator.yaml -f q.sql");
      return 2;
    }
    String text;
    try {
      text = script.equals("-")
          ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
          : Files.readString(Path.of(script), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.err.println("shoal sql: cannot read " + script + ": "
          + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()));
      return 2;
    }
    Properties info = new Properties();
    if (user != null) info.setProperty("user", user);
    if (password != null) info.setProperty("password", password);
    new ShoalDriver(); // registers itself, also where DriverManager's service loading does not run
    try (Connection c = DriverManager.getConnection(url, info)) {
      return SqlScript.run(c, script.equals("-") ? "(stdin)" : script, text, System.out, System.err);
    } catch (SQLException e) {
      // The URL is not repeated: it may hold a token.
      System.err.println("shoal sql: cannot connect: " + SqlScript.oneLine(e));
      return 1;
    }
  }

  String[] args() {
    List<String> a = new ArrayList<>(List.of("-d", ShoalDriver.class.getName()));
    if (url != null) {
      a.addAll(List.of("-u", url, "-n", user == null ? "" : user, "-p", password == null ? "" : password));
    }
    if (script != null) {
      a.addAll(List.of("-f", script));
    }
    return a.toArray(new String[0]);
  }
}

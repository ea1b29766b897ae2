package io.shoal.driver.cli;

import io.shoal.driver.ShoalDriver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sqlline.SqlLine;

/** {@code shoal sql [URL]}: an interactive SQL shell (SQLLine) on the Shoal driver. */
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

  @Option(names = {"-f", "--file"}, description = "Run this SQL script and exit.")
  String script;

  @Override
  public Integer call() throws IOException {
    SqlLine.Status status = SqlLine.start(args(), null, true);
    return status == SqlLine.Status.OK ? 0 : 1;
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

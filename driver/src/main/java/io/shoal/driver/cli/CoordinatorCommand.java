package io.shoal.driver.cli;

import io.shoal.driver.CoordinatorServer;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoal coordinator --config coordinator.yaml --port 8765}: serves thin JDBC clients. Exit
 * code 2 on bad input (options, the config file), 1 when it cannot listen.
 */
@Command(
    name = "coordinator",
    mixinStandardHelpOptions = true,
    description = "Serve the federation to thin JDBC clients (jdbc:shoal:remote:url=http://host:port) over HTTP.")
public final class CoordinatorCommand implements Callable<Integer> {
  @Option(names = "--config", required = true, description = "Coordinator YAML: sites, partial-results, auth.users-file.")
  Path config;

  @Option(names = "--port", defaultValue = "8765", description = "HTTP port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to bind. Anything but loopback needs auth.users-file. Default: ${DEFAULT-VALUE}.")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    CoordinatorServer server;
    try {
      server = CoordinatorServer.start(config, host, port);
    } catch (SQLTransientConnectionException e) {
      // The input was fine; the port is taken or the address not ours.
      System.err.println(e.getMessage());
      return 1;
    } catch (SQLException e) {
      // Bad input (the README's exit code 2): the config file, its users file, the bind address.
      System.err.println(e.getMessage());
      return 2;
    }
    System.out.println("shoal coordinator listening on http://" + host + ":" + server.port()
        + "  (jdbc:shoal:remote:url=http://" + host + ":" + server.port() + ")");
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    server.join();
    return 0;
  }
}

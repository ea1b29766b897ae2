package io.shoal.tck.limits;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Processes on bin/shoal's own class path (cli/target: the cli jar and lib/*, as the launcher
 * runs them), not the Maven test class path: a site, or a one-file Java client.
 */
public final class LauncherSite implements AutoCloseable {
  final Process process;
  public final int port;
  final Path log;

  private LauncherSite(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** The launcher's class path, as bin/shoal builds it. */
  static String classPath() {
    Path target = Path.of("..", "cli", "target").toAbsolutePath().normalize();
    Path jar = target.resolve("shoal-cli-0.1.0-SNAPSHOT.jar");
    if (!Files.exists(jar) || !Files.isDirectory(target.resolve("lib"))) {
      throw new IllegalStateException("no launcher class path at " + target + ": package the cli module first");
    }
    return jar + java.io.File.pathSeparator + target.resolve("lib") + java.io.File.separator + "*";
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Starts {@code shoal site --config yaml} and waits for "listening on". */
  public static LauncherSite start(Path yaml) throws Exception {
    Path log = yaml.resolveSibling(yaml.getFileName() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            java(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", classPath(),
            "io.shoal.cli.ShoalMain", "site", "--config", yaml.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                      java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                  if (line.startsWith("listening on ")) {
                    port.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).strip()));
                  }
                }
              } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IllegalStateException("site exited before listening"));
            },
            "site-log");
    pump.setDaemon(true);
    pump.start();
    try {
      return new LauncherSite(p, port.get(60, TimeUnit.SECONDS), log);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("site did not start: " + (Files.exists(log) ? Files.readString(log) : ""), e);
    }
  }

  public void signal(String sig) throws Exception {
    new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).inheritIO().start().waitFor();
  }

  /** A one-file Java client run on the launcher's class path; returns its process. */
  static Process client(Path dir, String source, String... args) throws IOException {
    Path file = dir.resolve("Client.java");
    Files.writeString(file, source);
    List<String> cmd = new ArrayList<>(List.of(java(), "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", classPath(), file.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** A client that runs one query through jdbc:shoal and prints "OK value" or "ERR state message". */
  static final String JDBC_CLIENT =
      """
      import java.sql.*;
      public class Client {
        public static void main(String[] a) throws Exception {
          try (Connection c = DriverManager.getConnection(a[0]); Statement s = c.createStatement()) {
            System.out.println("CONNECTED");
            try (ResultSet rs = s.executeQuery(a[1])) {
              rs.next();
              System.out.println("OK " + rs.getObject(1));
            }
          } catch (SQLException e) {
            System.out.println("ERR " + e.getSQLState() + " " + e.getMessage().lines().findFirst().orElse(""));
          }
        }
      }
      """;

  /** A client that sends one query straight to a site on 127.0.0.1:port over Flight SQL and reads it. */
  static final String FLIGHT_CLIENT =
      """
      import org.apache.arrow.flight.*;
      import org.apache.arrow.flight.sql.FlightSqlClient;
      import org.apache.arrow.memory.RootAllocator;
      public class Client {
        public static void main(String[] a) throws Exception {
          var allocator = new RootAllocator();
          var client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", Integer.parseInt(a[0]))).build();
          var sql = new FlightSqlClient(client);
          var info = sql.execute(a[1]);
          System.out.println("CONNECTED");
          try (FlightStream s = sql.getStream(info.getEndpoints().get(0).getTicket())) {
            while (s.next()) System.out.println("BATCH " + s.getRoot().getRowCount());
            System.out.println("OK");
          } catch (FlightRuntimeException e) {
            System.out.println("ERR " + e.status().code() + " " + e.getMessage());
          }
        }
      }
      """;

  /** The lines a finished client printed. */
  static List<String> output(Process p, long timeoutSeconds) throws Exception {
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("client did not finish in " + timeoutSeconds + " s");
    }
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
  }

  @Override
  public void close() throws Exception {
    signal("CONT");
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}

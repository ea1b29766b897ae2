package io.shoal.examples.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's site servers as child processes ({@code shoal site --config <yaml>}, run by the site
 * command's own entry point so that this module needs no launcher), each on the current JVM's
 * class path. Their stdout and stderr go to {@code <logs>/<site>.log}; a site is ready
 * when it prints {@code listening on}. Stopping is idempotent, so a shutdown hook and the normal
 * path may both call {@link #stopAll}.
 */
public final class SiteProcesses implements AutoCloseable {

  static final String MAIN_CLASS = io.shoal.flight.SiteCommand.class.getName();
  static final String READY = "listening on";
  private static final int TAIL = 15;

  private final Path logsDir;
  private final List<Running> running = new ArrayList<>();
  private final java.util.function.Consumer<String> onUnexpectedExit;
  private volatile boolean stopping;

  public SiteProcesses(Path logsDir) {
    this(logsDir, line -> {});
  }

  /**
   * @param onUnexpectedExit told (one line) when a ready site exits although nobody stopped it, so
   *     a long {@code --serve} session does not hide a dead site
   */
  public SiteProcesses(Path logsDir, java.util.function.Consumer<String> onUnexpectedExit) {
    this.logsDir = logsDir;
    this.onUnexpectedExit = onUnexpectedExit;
  }

  /** One started site: its process, the address it announced, and its last stderr lines. */
  public static final class Running {
    final String site;
    final Process process;
    final Path log;
    final CountDownLatch ready = new CountDownLatch(1);
    final Deque<String> stderrTail = new ArrayDeque<>();
    volatile String address;

    Running(String site, Process process, Path log) {
      this.site = site;
      this.process = process;
      this.log = log;
    }

    public String site() {
      return site;
    }

    public String address() {
      return address;
    }

    public long pid() {
      return process.pid();
    }

    synchronized String tail() {
      return String.join("\n", stderrTail);
    }

    synchronized void addStderr(String line) {
      if (stderrTail.size() == TAIL) stderrTail.removeFirst();
      stderrTail.addLast(line);
    }
  }

  /** The command that starts one site, on the same class path as this JVM. */
  static List<String> command(Path yaml) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return List.of(
        java,
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        // The demo's and the bench's sites share one machine's cores: the serial collector spends
        // no CPU on concurrent GC threads (a site's heap is small; its rows live in DuckDB and
        // Arrow, off-heap). Measured with three sites on 2 cores, 3000 federated COUNT(*):
        // p50 7.4 -> 6.2 ms, site CPU per query 4.2 -> 3.6 ms.
        "-XX:+UseSerialGC",
        "-cp",
        System.getProperty("java.class.path"),
        MAIN_CLASS,
        "--config",
        yaml.toString());
  }

  /**
   * Starts every site (all at once, so they warm up in parallel) and waits until each announces its
   * address. On any failure the sites already started are stopped before the exception propagates.
   */
  public synchronized List<Running> startAll(List<String> sites, List<Path> yamls, Duration timeout)
      throws DemoException {
    try {
      Files.createDirectories(logsDir);
      for (int i = 0; i < sites.size(); i++) {
        running.add(start(sites.get(i), yamls.get(i)));
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      for (Running r : running) {
        awaitReady(r, deadline, timeout);
      }
      for (Running r : running) {
        r.process.onExit().thenAccept(p -> {
          if (!stopping) {
            onUnexpectedExit.accept(
                "site " + r.site + " exited with code " + p.exitValue() + " (log: " + r.log + ")");
          }
        });
      }
      return List.copyOf(running);
    } catch (DemoException e) {
      stopAll();
      throw e;
    } catch (IOException e) {
      stopAll();
      throw new DemoException("start sites", "cannot start a site process: " + e.getMessage(), e);
    }
  }

  private Running start(String site, Path yaml) throws IOException {
    Path log = logsDir.resolve(site + ".log");
    Process p = new ProcessBuilder(command(yaml)).start();
    p.getOutputStream().close();
    Running r = new Running(site, p, log);
    PrintWriter out =
        new PrintWriter(
            Files.newBufferedWriter(
                log,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE),
            true);
    // The log closes when both streams have ended, i.e. when the process is gone.
    CountDownLatch streams = new CountDownLatch(2);
    Thread closer = new Thread(() -> {
      try {
        streams.await();
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      synchronized (out) {
        out.close();
      }
    }, "demo-log-close-" + site);
    closer.setDaemon(true);
    closer.start();
    pump(site + "-stdout", p.getInputStream(), out, streams, line -> {
      int at = line.indexOf(READY);
      if (at >= 0 && r.address == null) {
        r.address = line.substring(at + READY.length()).trim();
        r.ready.countDown();
      }
    });
    pump(site + "-stderr", p.getErrorStream(), out, streams, r::addStderr);
    return r;
  }

  /** Copies a child's stream line by line into its log (one writer for both streams). */
  private static void pump(
      String name, InputStream in, PrintWriter log, CountDownLatch ended, java.util.function.Consumer<String> each) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                  synchronized (log) {
                    log.println(line);
                  }
                  each.accept(line);
                }
              } catch (IOException ignored) {
                // the process ended or was killed: nothing more to copy
              } finally {
                ended.countDown();
              }
            },
            "demo-log-" + name);
    t.setDaemon(true);
    t.start();
  }

  private static void awaitReady(Running r, long deadline, Duration timeout) throws DemoException {
    try {
      while (true) {
        if (r.ready.await(100, TimeUnit.MILLISECONDS)) return;
        if (!r.process.isAlive()) {
          // Give the stderr pump a moment to drain the last lines before showing them.
          r.process.waitFor();
          Thread.sleep(200);
          throw new DemoException(
              "start sites",
              "site " + r.site + " exited with code " + r.process.exitValue() + " before it was ready"
                  + " (log: " + r.log + ")" + tailSuffix(r));
        }
        if (System.nanoTime() > deadline) {
          throw new DemoException(
              "start sites",
              "site " + r.site + " did not print '" + READY + "' within " + timeout.toSeconds() + " s"
                  + " (log: " + r.log + ")" + tailSuffix(r));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("start sites", "interrupted while waiting for site " + r.site);
    }
  }

  private static String tailSuffix(Running r) {
    String tail = r.tail();
    return tail.isEmpty()
        ? "; it wrote nothing to stderr"
        : "; last stderr lines:\n    " + tail.replace("\n", "\n    ");
  }

  /** Stops every started site: a polite SIGTERM, then a kill for any still alive after 10 s. */
  public synchronized void stopAll() {
    stopping = true;
    for (Running r : running) {
      r.process.destroy();
    }
    for (Running r : running) {
      try {
        if (!r.process.waitFor(10, TimeUnit.SECONDS)) {
          r.process.destroyForcibly();
          r.process.waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        r.process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    running.clear();
  }

  @Override
  public void close() {
    stopAll();
  }
}

package io.shoal.examples.bench;

import io.shoal.examples.demo.SiteProcesses;
import io.shoal.protocol.ShoalHeaders;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * A soak benchmark (a program, not a test): three site processes and this JVM as the coordinator,
 * {@code --clients} threads for {@code --minutes} of mixed work — federated queries, runaways
 * cancelled by a client deadline, prepared statements never closed, streams never read, 1 MB SQL
 * texts (one under the site's limit, one over) — printing each process's RSS every 30 s. What
 * should hold: no error but the intended ones, and RSS that levels off.
 *
 * <p>Run: {@code java --add-opens=java.base/java.nio=ALL-UNNAMED -cp 'cli/target/*:cli/target/lib/*'
 * io.shoal.examples.bench.Soak --minutes 10 --clients 8}
 */
public final class Soak {
  static final String RUNAWAY = "SELECT count(*) FROM range(1000000000) a, range(1000000000) b";
  static final String[] SITES = {"eu", "us", "ap"};

  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
  private final List<String> firstErrors = java.util.Collections.synchronizedList(new ArrayList<>());

  public static void main(String[] args) throws Exception {
    double minutes = 10;
    int clients = 8;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
        case "--clients" -> clients = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--minutes N --clients N)");
      }
    }
    new Soak().run(Duration.ofMillis((long) (minutes * 60_000)), clients);
  }

  void run(Duration length, int clients) throws Exception {
    Path dir = Files.createTempDirectory("shoal-soak");
    List<Path> yamls = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      for (String s : SITES) {
        Path data = dir.resolve(s);
        Files.createDirectories(data);
        st.execute("COPY (SELECT range AS id, range % 97 AS k, 'row ' || range AS note FROM range(1000000))"
            + " TO '" + data.resolve("t.parquet") + "' (FORMAT parquet)");
        Path yaml = dir.resolve(s + ".yaml");
        Files.writeString(yaml, "name: " + s + "\ndata: ./" + s + "\nlisten: 127.0.0.1:0\nthreads: 1\n"
            + "tables:\n  t: { parquet: \"./" + s + "/t.parquet\" }\n"
            + "limits: { fragment-wall-time: 10s, stream-stall-timeout: 5s, prepared-idle-timeout: 30s,"
            + " max-prepared-statements: 64, max-fragments-per-principal: 16, max-fragments: 24 }\n");
        yamls.add(yaml);
      }
    }
    try (SiteProcesses processes = new SiteProcesses(dir.resolve("logs"))) {
      List<SiteProcesses.Running> sites = processes.startAll(List.of(SITES), yamls, Duration.ofSeconds(90));
      StringBuilder list = new StringBuilder();
      for (SiteProcesses.Running r : sites) {
        list.append(list.length() == 0 ? "" : ",").append(r.site()).append("@grpc://").append(r.address());
      }
      String url = "jdbc:shoal:sites=" + list + ";user=soak;metadataCacheSeconds=30";
      System.out.printf("soak: %d clients for %s over sites %s (data and logs in %s)%n", clients, length, list, dir);
      long end = System.nanoTime() + length.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        Thread t = new Thread(() -> client(n, url, sites, end), "soak-client-" + i);
        t.start();
        threads.add(t);
      }
      long start = System.nanoTime();
      while (System.nanoTime() < end) {
        Thread.sleep(Math.min(30_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        report((System.nanoTime() - start) / 1_000_000_000, sites);
      }
      for (Thread t : threads) t.join(60_000);
      report((System.nanoTime() - start) / 1_000_000_000, sites);
      System.out.println("soak: unexpected errors " + unexpected + (firstErrors.isEmpty() ? "" : "; first: " + firstErrors));
    }
  }

  private void report(long seconds, List<SiteProcesses.Running> sites) {
    StringBuilder rss = new StringBuilder();
    for (SiteProcesses.Running r : sites) rss.append(' ').append(r.site()).append('=').append(rssMb(r.pid())).append("MB");
    rss.append(" coordinator=").append(rssMb(ProcessHandle.current().pid())).append("MB");
    System.out.printf("t=%4ds RSS%s ops %s unexpected %d%n", seconds, rss, new TreeMap<>(counts),
        unexpected.values().stream().mapToLong(AtomicLong::get).sum());
  }

  static long rssMb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }

  private void count(String what) {
    counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
  }

  private void unexpected(String what, Throwable e) {
    unexpected.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    if (firstErrors.size() < 5) firstErrors.add(what + ": " + e);
  }

  private void client(int n, String url, List<SiteProcesses.Running> sites, long end) {
    Random random = new Random(n);
    String big = "x".repeat(1_000_000);
    String tooBig = "x".repeat(1_100_000);
    try (BufferAllocator allocator = new RootAllocator();
        Connection c = DriverManager.getConnection(url);
        PreparedStatement federated = c.prepareStatement("SELECT count(*), sum(id) FROM t WHERE k = ?")) {
      List<FlightSqlClient> direct = new ArrayList<>();
      for (SiteProcesses.Running r : sites) {
        String[] hp = r.address().split(":");
        direct.add(new FlightSqlClient(
            FlightClient.builder(allocator, Location.forGrpcInsecure(hp[0], Integer.parseInt(hp[1]))).build()));
      }
      FlightCallHeaders h = new FlightCallHeaders();
      h.insert(ShoalHeaders.PRINCIPAL, "soak-" + n);
      CallOption as = new HeaderCallOption(h);
      while (System.nanoTime() < end) {
        FlightSqlClient site = direct.get(random.nextInt(direct.size()));
        int action = random.nextInt(100);
        try {
          if (action < 60) {
            federated.setInt(1, random.nextInt(97));
            try (ResultSet rs = federated.executeQuery()) {
              rs.next();
              if (rs.getLong(1) < 1) throw new IllegalStateException("no rows for k");
            }
            count("federated");
          } else if (action < 72) {
            // A runaway that its client abandons after 300 ms: the site must stop it in DuckDB.
            try (FlightStream s = site.getStream(site.execute(RUNAWAY, as)
                .getEndpoints().get(0).getTicket(), as, CallOptions.timeout(300, TimeUnit.MILLISECONDS))) {
              s.next();
              throw new IllegalStateException("the runaway finished");
            } catch (FlightRuntimeException expected) {
              count("runaway-cancelled");
            }
          } else if (action < 82) {
            site.prepare("SELECT id, note FROM t WHERE k = " + random.nextInt(97), as); // never closed
            count("prepared-unclosed");
          } else if (action < 88) {
            // A stream nobody reads: the site stops it at stream-stall-timeout (5 s).
            FlightStream s = site.getStream(site.execute("SELECT * FROM t", as).getEndpoints().get(0).getTicket(), as);
            Thread.sleep(6_000);
            try {
              s.close();
            } catch (Exception stopped) {
              // the site stopped it: intended
            }
            count("stream-unread");
          } else if (action < 94) {
            try (FlightStream s = site.getStream(site.execute(
                "SELECT length('" + big + "') AS n", as).getEndpoints().get(0).getTicket(), as)) {
              s.next();
            }
            count("sql-1MB");
          } else {
            try {
              site.execute("SELECT length('" + tooBig + "') AS n", as);
              throw new IllegalStateException("an SQL text over max-sql-size was accepted");
            } catch (FlightRuntimeException expected) {
              if (!String.valueOf(expected.getMessage()).contains("max-sql-size")) throw expected;
              count("sql-over-limit-refused");
            }
          }
        } catch (SQLException | RuntimeException e) {
          unexpected("action " + action, e);
        }
      }
      for (FlightSqlClient s : direct) s.close();
    } catch (Exception e) {
      unexpected("client " + n, e);
    }
  }
}

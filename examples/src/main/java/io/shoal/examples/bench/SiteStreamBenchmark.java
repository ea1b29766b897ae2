package io.shoal.examples.bench;

import io.shoal.flight.SiteServer;
import io.shoal.site.duck.DuckSite;
import io.shoal.site.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBResultSet;

/**
 * How close streaming a site's rows over Flight SQL comes to DuckDB's own Arrow export of the same
 * query: a site on loopback whose table is {@code range(N)} with BIGINT, DOUBLE and VARCHAR columns,
 * {@code SELECT * FROM t} through FlightSqlClient vs DuckDBResultSet.arrowExportStream in-process.
 * One warm-up, then three runs each; prints the medians.
 *
 * <p>Usage: {@code SiteStreamBenchmark [rows]} (default 10,000,000). Needs the JVM flag
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}.
 */
public final class SiteStreamBenchmark {
  private static final String QUERY = "SELECT * FROM t";
  private static final int RUNS = 3;

  private record Run(long rows, long bytes, long nanos) {}

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 10_000_000L;
    Path dir = Files.createTempDirectory("shoal-bench-");
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Path db = data.resolve(DuckSite.DB_FILE);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement st = c.createStatement()) {
      st.execute(
          "CREATE TABLE t AS SELECT range AS id, range * 0.5 AS x, 'row-' || range AS s FROM range(" + n + ")");
    }
    System.out.printf("prepared %,d rows in %d ms (%s)%n", n, (System.nanoTime() - t0) / 1_000_000, db);
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(yaml, "name: bench\nregion: local\ndata: ./data\nlisten: 127.0.0.1:0\ntables:\n  t: { duckdb: t }\n");

    try (SiteServer server = SiteServer.start(SiteConfig.load(yaml));
        BufferAllocator allocator = new RootAllocator();
        FlightClient client =
            FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", server.port())).build();
        FlightSqlClient sql = new FlightSqlClient(client)) {
      Run flight = measure("flight", () -> flightRun(sql));
      Properties ro = new Properties();
      ro.setProperty("duckdb.read_only", "true");
      Run local;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db, ro)) {
        local = measure("duckdb local", () -> localRun(c, allocator));
      }
      print("site over Flight SQL (loopback)", flight);
      print("DuckDB local Arrow export      ", local);
      System.out.printf(
          "ratio Flight/local: %.2f of local rows/s (local is %.1fx faster)%n",
          (double) local.nanos / flight.nanos, (double) flight.nanos / local.nanos);
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private interface Body {
    Run run() throws Exception;
  }

  /** One warm-up, then {@link #RUNS} runs; returns the median by time. */
  private static Run measure(String name, Body body) throws Exception {
    body.run();
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      Run r = body.run();
      System.out.printf("  %s run %d: %,d rows, %,d ms%n", name, i + 1, r.rows, r.nanos / 1_000_000);
      runs.add(r);
    }
    runs.sort(Comparator.comparingLong(Run::nanos));
    return runs.get(RUNS / 2);
  }

  private static Run flightRun(FlightSqlClient sql) throws Exception {
    long start = System.nanoTime();
    long rows = 0;
    long bytes = 0;
    FlightInfo info = sql.execute(QUERY);
    try (FlightStream stream = sql.getStream(info.getEndpoints().get(0).getTicket())) {
      VectorSchemaRoot root = stream.getRoot();
      while (stream.next()) {
        rows += root.getRowCount();
        bytes += size(root);
      }
    }
    return new Run(rows, bytes, System.nanoTime() - start);
  }

  private static Run localRun(Connection c, BufferAllocator allocator) throws Exception {
    long start = System.nanoTime();
    long rows = 0;
    long bytes = 0;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(QUERY);
        ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 64 * 1024)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      while (reader.loadNextBatch()) {
        rows += root.getRowCount();
        bytes += size(root);
      }
    }
    return new Run(rows, bytes, System.nanoTime() - start);
  }

  private static long size(VectorSchemaRoot root) {
    long b = 0;
    for (FieldVector v : root.getFieldVectors()) b += v.getBufferSize();
    return b;
  }

  private static void print(String name, Run r) {
    double s = r.nanos / 1e9;
    System.out.printf(
        "%s: %,d rows, %.1f MB, median %,d ms, %,.0f rows/s, %.1f MB/s%n",
        name, r.rows, r.bytes / 1e6, r.nanos / 1_000_000, r.rows / s, r.bytes / 1e6 / s);
  }
}

package io.shoal.site.duck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The site's connection pool on a real DuckDB: a fragment that ended cleanly leaves its connection,
 * views and statement to the next one; nothing cancelled, failed or still streaming is reused; and a
 * cancel that comes late never reaches the fragment that has the connection now.
 */
class ConnectionPoolTest {
  @TempDir static Path dir;
  static DuckSite site;

  /** Ten million rows in 64k-row batches: long enough to cancel in the middle of. */
  static final String LONG = "SELECT range AS n FROM range(10000000)";

  @BeforeAll
  static void open() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
      st.execute("COPY (SELECT range AS id, range % 7 AS k FROM range(1000)) TO '"
          + data.resolve("items.parquet") + "' (FORMAT parquet)");
    }
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(yaml, "name: eu\ndata: ./data\ncache: memory\nthreads: 1\ntables:\n  items: { parquet: data/items.parquet }\n"
        // 20 fragments at once below, all anonymous
        + "limits: { max-fragments: 64, max-fragments-per-principal: 64 }\n");
    site = DuckSite.open(SiteConfig.load(yaml));
  }

  @AfterAll
  static void close() {
    site.close();
  }

  private static DuckFragment prepare(String sql) throws SiteException {
    return (DuckFragment) site.prepare(sql, Site.FragmentContext.anonymous("t"));
  }

  private static long rows(FragmentRun run) throws Exception {
    long n = 0;
    ArrowReader r = run.reader();
    while (r.loadNextBatch()) n += r.getVectorSchemaRoot().getRowCount();
    return n;
  }

  /** The first row, with the stream read to its end as the Flight server reads it. */
  private static List<Object> firstRow(DuckFragment f) throws Exception {
    try (FragmentRun run = f.run(List.of())) {
      run.reader().loadNextBatch();
      List<Object> row = new ArrayList<>();
      for (var v : run.reader().getVectorSchemaRoot().getFieldVectors()) row.add(v.getObject(0));
      while (run.reader().loadNextBatch()) {
        // drain
      }
      return row;
    }
  }

  @Test
  void aCleanFragmentLeavesItsConnectionViewsAndStatementToTheNext() throws Exception {
    String sql = "SELECT count(*), sum(k) FROM items WHERE id >= 10";
    // DuckDB sums BIGINT as HUGEINT, which Arrow carries as DECIMAL(38, 0).
    var sum = java.math.BigDecimal.valueOf(java.util.stream.LongStream.range(10, 1000).map(i -> i % 7).sum());
    PooledConnection first;
    try (DuckFragment f = prepare(sql)) {
      assertThat(firstRow(f)).containsExactly(990L, sum);
      first = f.pooledConnection();
    }
    int idle = site.idleConnections();
    assertThat(idle).isPositive();
    try (DuckFragment f = prepare(sql)) {
      assertThat(f.pooledConnection()).isSameAs(first);
      assertThat(first.statement(sql)).isNotNull();
      assertThat(firstRow(f)).containsExactly(990L, sum);
      assertThat(site.idleConnections()).isEqualTo(idle - 1);
    }
    assertThat(site.idleConnections()).isEqualTo(idle);
  }

  /** What a test does with a fragment's run before it is closed. */
  private interface RunBody {
    void accept(FragmentRun run) throws Exception;
  }

  /** Runs {@code sql} through {@code body}, closes it, and checks its connection was not pooled. */
  private static void closesItsConnection(String sql, RunBody body) throws Exception {
    DuckFragment f = prepare(sql);
    PooledConnection held = f.pooledConnection();
    try (FragmentRun run = f.run(List.of())) {
      body.accept(run);
    }
    f.close();
    assertThat(pooledNow()).doesNotContain(held);
  }

  private static CompletableFuture<List<Object>> firstRowAsync(DuckFragment f) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return firstRow(f);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
  }

  @Test
  void aCancelledFragmentClosesItsConnection() throws Exception {
    closesItsConnection(LONG, run -> {
      assertThat(run.reader().loadNextBatch()).isTrue();
      run.cancel();
    });
  }

  @Test
  void aFragmentClosedWhileItsRunStreamsClosesItsConnection() throws Exception {
    DuckFragment f = prepare(LONG);
    PooledConnection held = f.pooledConnection();
    FragmentRun run = f.run(List.of());
    assertThat(run.reader().loadNextBatch()).isTrue();
    f.close();
    assertThat(pooledNow()).doesNotContain(held);
    run.close();
    assertThat(pooledNow()).doesNotContain(held);
  }

  @Test
  void aFailedRunClosesItsConnection() throws Exception {
    // Fails while running, not while preparing: the cast is checked per row.
    DuckFragment f = prepare("SELECT CAST('x' || id AS INTEGER) FROM items");
    PooledConnection held = f.pooledConnection();
    assertThatThrownBy(() -> {
          try (FragmentRun run = f.run(List.of())) {
            rows(run);
          }
        })
        .isInstanceOf(Exception.class);
    f.close();
    assertThat(pooledNow()).doesNotContain(held);
  }

  @Test
  void aRunStoppedBeforeItsEndClosesItsConnection() throws Exception {
    // One batch, then the client stops reading.
    closesItsConnection(LONG, run -> assertThat(run.reader().loadNextBatch()).isTrue());
  }

  @Test
  void aRunThatFailsMidStreamClosesItsConnection() throws Exception {
    // The first batches are fine; a later one fails (one DuckDB thread: rows come in order).
    closesItsConnection(
        "SELECT CAST(CASE WHEN range < 5000000 THEN range::VARCHAR ELSE 'boom' END AS BIGINT) AS n FROM range(10000000)",
        run -> {
          assertThat(run.reader().loadNextBatch()).isTrue();
          assertThatThrownBy(() -> { while (run.reader().loadNextBatch()) { /* the failing batch throws */ } })
              .hasMessageContaining("Conversion Error");
        });
  }

  @Test
  void aLateCancelDoesNotReachTheNextFragmentOnTheSameConnection() throws Exception {
    // An aggregate DuckDB works on inside executeQuery for a while (a cancel there interrupts it).
    String slow = "SELECT count(*) FROM range(30000) a, range(30000) b WHERE a.range + b.range = 7";
    DuckFragment done = prepare(slow);
    assertThat(firstRow(done)).containsExactly(8L);
    PooledConnection conn = done.pooledConnection();
    done.close();
    try (DuckFragment next = prepare(slow)) {
      assertThat(next.pooledConnection()).isSameAs(conn);
      CompletableFuture<List<Object>> result = firstRowAsync(next);
      Thread.sleep(200);
      done.cancel(); // e.g. the first client's cancel arriving after its stream ended
      assertThat(result.get(120, TimeUnit.SECONDS)).containsExactly(8L);
    }
  }

  @Test
  void fragmentsAtOnceEachGetTheirOwnConnectionAndTheIdleOnesAreCapped() throws Exception {
    List<DuckFragment> open = new ArrayList<>();
    try {
      for (int i = 0; i < ConnectionPool.MAX_IDLE + 4; i++) open.add(prepare("SELECT count(*) FROM items"));
      assertThat(open.stream().map(DuckFragment::pooledConnection).distinct()).hasSize(open.size());
      // Run them all from other threads at once: each on its own connection.
      List<CompletableFuture<List<Object>>> results = new ArrayList<>();
      for (DuckFragment f : open) results.add(firstRowAsync(f));
      for (var r : results) assertThat(r.get(60, TimeUnit.SECONDS)).containsExactly(1000L);
    } finally {
      open.forEach(DuckFragment::close);
    }
    assertThat(site.idleConnections()).isEqualTo(ConnectionPool.MAX_IDLE);
  }

  /** The idle connections, by taking them all out and giving them back. */
  private static List<PooledConnection> pooledNow() throws Exception {
    List<DuckFragment> taken = new ArrayList<>();
    int idle = site.idleConnections();
    for (int i = 0; i < idle; i++) taken.add(prepare("SELECT 1"));
    List<PooledConnection> out = taken.stream().map(DuckFragment::pooledConnection).toList();
    taken.forEach(DuckFragment::close);
    return out;
  }
}

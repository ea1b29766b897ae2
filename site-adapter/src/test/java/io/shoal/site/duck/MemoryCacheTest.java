package io.shoal.site.duck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.Sites;
import io.shoal.site.audit.AuditLog;
import io.shoal.site.audit.AuditRecord;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.iceberg.IcebergImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cache: memory} against real DuckDB and Iceberg: same rows, never stale, still policed. */
class MemoryCacheTest {
  @TempDir Path dir;
  private Catalog catalog;
  private final TableIdentifier id = TableIdentifier.parse("shop.orders");

  /** Writes a CSV of orders [from, to) and imports it into the Iceberg table (one snapshot). */
  private void importOrders(SiteConfig config, int from, int to) throws Exception {
    Path csv = dir.resolve("orders-" + from + ".csv");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
      st.execute("COPY (SELECT range AS id, range % 20 AS cust, 'o' || range AS note, range * 1.5 AS amount"
          + " FROM range(" + from + ", " + to + ")) TO '" + csv + "' (HEADER)");
    }
    new IcebergImporter().importFiles(catalog, id, List.of(csv), Sites.stagingDir(config), m -> {});
  }

  private SiteConfig config(String extra) throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("files"));
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(
        yaml,
        "name: eu\ndata: data\ncache: memory\ntables:\n"
            + "  orders: { iceberg: shop.orders }\n"
            + "  plain: { iceberg: shop.orders, cache: none }\n"
            + "  items: { parquet: \"data/files/*.parquet\" }\n"
            + extra);
    return SiteConfig.load(yaml);
  }

  private void writeItems(String name, int from, int to) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement()) {
      st.execute("COPY (SELECT range AS id, range % 7 AS k FROM range(" + from + ", " + to + ")) TO '"
          + dir.resolve("data/files/" + name) + "' (FORMAT parquet)");
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    if (catalog instanceof AutoCloseable c) c.close();
  }

  private static DuckFragment prepare(DuckSite site, String sql) throws SiteException {
    return (DuckFragment) site.prepare(sql, Site.FragmentContext.anonymous("t"));
  }

  private static void awaitCached(DuckSite site, String table, String notKey) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      String k = site.cachedVersions().get(table);
      if (k != null && !k.equals(notKey)) return;
      Thread.sleep(25);
    }
    throw new AssertionError("table " + table + " was not re-cached: " + site.cachedVersions());
  }

  @Test
  void cachedReadsEqualFileReadsAndNewSnapshotsAreNeverStale() throws Exception {
    SiteConfig config = config("");
    catalog = Sites.catalog(config);
    importOrders(config, 0, 1000);
    importOrders(config, 1000, 1500);
    writeItems("a.parquet", 0, 300);
    try (DuckSite site = Sites.open(config)) {
      Map<String, String> loaded = site.cachedVersions();
      assertThat(loaded).containsOnlyKeys("orders", "items"); // plain: cache none
      String q = "SELECT cust, count(*), sum(amount), min(note), max(id) FROM %s GROUP BY cust ORDER BY cust";
      try (DuckFragment f = prepare(site, q.formatted("orders"))) {
        assertThat(f.bindings().get("orders").cachedAs()).isNotNull();
        assertThat(f.bindings().get("orders").plannedFiles()).isZero();
      }
      try (DuckFragment f = prepare(site, q.formatted("plain"))) {
        assertThat(f.bindings().get("plain").cachedAs()).isNull();
      }
      List<List<Object>> cached = SiteIcebergTest.rows(site, q.formatted("orders"));
      assertThat(cached).hasSize(20).isEqualTo(SiteIcebergTest.rows(site, q.formatted("plain")));
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*), sum(k)::BIGINT FROM items"))
          .containsExactly(List.of(300L, (long) java.util.stream.LongStream.range(0, 300).map(i -> i % 7).sum()));

      // An append after the copy loaded: the very next query reads the new snapshot from files.
      String before = site.cachedVersions().get("orders");
      long oldSnapshot = catalog.loadTable(id).currentSnapshot().snapshotId();
      importOrders(config, 1500, 1600);
      long newSnapshot = catalog.loadTable(id).currentSnapshot().snapshotId();
      try (DuckFragment f = prepare(site, "SELECT count(*) FROM orders")) {
        assertThat(f.bindings().get("orders").snapshotId()).isEqualTo(newSnapshot);
        assertThat(f.bindings().get("orders").cachedAs()).isNull();
      }
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*), max(id) FROM orders")).containsExactly(List.of(1600L, 1599L));
      // ... and the copy follows in the background, then serves the new snapshot.
      awaitCached(site, "orders", before);
      assertThat(site.cachedVersions().get("orders")).startsWith(newSnapshot + "/");
      try (DuckFragment f = prepare(site, "SELECT count(*) FROM orders")) {
        assertThat(f.bindings().get("orders").cachedAs()).isNotNull();
        assertThat(f.bindings().get("orders").snapshotId()).isEqualTo(newSnapshot);
      }
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*), max(id) FROM orders")).containsExactly(List.of(1600L, 1599L));
      assertThat(SiteIcebergTest.rows(site, q.formatted("orders"))).isEqualTo(SiteIcebergTest.rows(site, q.formatted("plain")));

      // The audit records the snapshot each read pinned, cached or not.
      List<AuditRecord> audit = AuditLog.read(config.dataDir());
      assertThat(audit.stream().map(r -> r.tables().get("orders")).filter(s -> s != null))
          .contains(oldSnapshot, newSnapshot);

      // A new Parquet file is seen at once (files are checked per query), then cached.
      String itemsBefore = site.cachedVersions().get("items");
      writeItems("b.parquet", 300, 400);
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*) FROM items")).containsExactly(List.of(400L));
      awaitCached(site, "items", itemsBefore);
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*) FROM items")).containsExactly(List.of(400L));
    }
  }

  @Test
  void preparedStatementRunAgainSeesTheNewSnapshot() throws Exception {
    SiteConfig config = config("");
    catalog = Sites.catalog(config);
    importOrders(config, 0, 100);
    try (DuckSite site = Sites.open(config);
        Site.Fragment f = site.prepare("SELECT count(*) FROM orders WHERE id >= ?", Site.FragmentContext.anonymous("t"))) {
      assertThat(count(f, 0L)).isEqualTo(100L);
      importOrders(config, 100, 150);
      assertThat(count(f, 0L)).isEqualTo(150L);
      awaitCached(site, "orders", null);
      assertThat(count(f, 120L)).isEqualTo(30L);
    }
  }

  private static long count(Site.Fragment f, Object param) throws Exception {
    try (FragmentRun run = f.run(List.of(param))) {
      run.reader().loadNextBatch();
      return ((Number) run.reader().getVectorSchemaRoot().getVector(0).getObject(0)).longValue();
    }
  }

  /**
   * Pooled connections keep views and statements between fragments: under eight threads of mixed
   * queries, cancels, and an append committed halfway, every result must be that of one snapshot,
   * and every query started after the append must see it.
   */
  @Test
  void pooledConnectionsUnderConcurrentQueriesCancelsAndAnAppendNeverServeStaleOrMixedViews() throws Exception {
    SiteConfig config = config("");
    catalog = Sites.catalog(config);
    importOrders(config, 0, 1000);
    writeItems("a.parquet", 0, 300);
    long itemsSum = java.util.stream.LongStream.range(0, 300).map(i -> i % 7).sum();
    try (DuckSite site = Sites.open(config)) {
      AtomicBoolean appended = new AtomicBoolean();
      AtomicInteger done = new AtomicInteger();
      AtomicInteger sawNew = new AtomicInteger();
      int threads = 8;
      int perThread = 120;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        workers.add(pool.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < perThread; i++) {
            boolean after = appended.get();
            int kind = random.nextInt(5);
            String sql = switch (kind) {
              case 0 -> "SELECT count(*), max(id) FROM orders";
              case 1 -> "SELECT count(*), max(id) FROM plain";
              case 2 -> "SELECT count(*), sum(k)::BIGINT FROM items";
              case 3 -> "SELECT count(*), max(o.id) FROM orders o JOIN items i ON o.id = i.id";
              default -> "SELECT id FROM orders"; // cancelled after the first batch
            };
            if (kind == 4) {
              try (Site.Fragment f = site.prepare(sql, Site.FragmentContext.anonymous("c")); FragmentRun run = f.run(List.of())) {
                run.reader().loadNextBatch();
                run.cancel();
              }
              done.incrementAndGet();
              continue;
            }
            List<Object> row = SiteIcebergTest.rows(site, sql).get(0);
            long count = ((Number) row.get(0)).longValue();
            long second = ((Number) row.get(1)).longValue();
            switch (kind) {
              case 0, 1 -> {
                assertThat(count).as(sql).isIn(1000L, 1100L);
                assertThat(second).as(sql).isEqualTo(count - 1);
                if (after) assertThat(count).as(sql + " started after the append").isEqualTo(1100L);
                if (count == 1100L) sawNew.incrementAndGet();
              }
              case 2 -> assertThat(List.of(count, second)).as(sql).containsExactly(300L, itemsSum);
              default -> assertThat(List.of(count, second)).as(sql).containsExactly(300L, 299L);
            }
            done.incrementAndGet();
          }
          return null;
        }));
      }
      while (done.get() < threads * perThread / 3) Thread.sleep(5);
      importOrders(config, 1000, 1100);
      appended.set(true);
      pool.shutdown();
      for (var w : workers) w.get(300, TimeUnit.SECONDS);
      assertThat(done.get()).isEqualTo(threads * perThread);
      assertThat(sawNew.get()).isPositive();
      assertThat(site.idleConnections()).isBetween(1, ConnectionPool.MAX_IDLE);
      // And afterwards, one query of each kind, alone.
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*) FROM orders")).containsExactly(List.of(1100L));
      assertThat(SiteIcebergTest.rows(site, "SELECT count(*) FROM plain")).containsExactly(List.of(1100L));
    }
  }

  @Test
  void guardAndPolicyStillApplyToCachedTables() throws Exception {
    SiteConfig config =
        config(
            "policy:\n  export: aggregates\n  min-group-size: 10\n"
                + "  tables:\n    orders: { columns: { note: deny } }\n");
    catalog = Sites.catalog(config);
    importOrders(config, 0, 1000);
    try (DuckSite site = Sites.open(config)) {
      assertThat(site.cachedVersions()).containsKey("orders");
      // aggregates only: raw rows are refused, small groups are suppressed
      assertThatThrownBy(() -> SiteIcebergTest.rows(site, "SELECT id, amount FROM orders"))
          .isInstanceOf(SiteException.class)
          .extracting(e -> ((SiteException) e).kind())
          .isEqualTo(SiteException.Kind.REFUSED);
      assertThat(SiteIcebergTest.rows(site, "SELECT cust, count(*) FROM orders GROUP BY cust ORDER BY cust")).hasSize(20);
      assertThat(SiteIcebergTest.rows(site, "SELECT id, count(*) FROM orders WHERE id < 30 GROUP BY id")).isEmpty();
      // denied column, even in a predicate
      assertThatThrownBy(() -> SiteIcebergTest.rows(site, "SELECT count(*) FROM orders WHERE note LIKE 'o1%'"))
          .isInstanceOf(SiteException.class)
          .hasMessageContaining("note");
      // the copies themselves cannot be named
      String copy;
      try (DuckFragment f = prepare(site, "SELECT count(*) FROM orders")) {
        copy = f.bindings().get("orders").cachedAs();
      }
      assertThat(copy).startsWith("\"shoal_cache\".");
      for (String name : List.of(copy, "shoal_cache.orders_1", "memory.shoal_cache.orders_1")) {
        assertThatThrownBy(() -> SiteIcebergTest.rows(site, "SELECT count(*) FROM " + name))
            .isInstanceOf(SiteException.class)
            .hasMessageContaining("does not exist");
      }
      assertThatThrownBy(() -> SiteIcebergTest.rows(site, "DROP TABLE " + copy))
          .isInstanceOf(SiteException.class)
          .extracting(e -> ((SiteException) e).kind())
          .isEqualTo(SiteException.Kind.REFUSED);
    }
  }
}

package io.shoal.site.duck;

import io.shoal.site.SiteException;
import io.shoal.site.table.CacheVersion;
import io.shoal.site.table.QueryBinding;
import io.shoal.site.table.Sql;
import io.shoal.site.table.TableSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code cache: memory}: copies of tables as native tables in a compressed in-memory DuckDB database
 * attached to the site's as {@value #SCHEMA}, one per table, keyed by the version they hold (Iceberg
 * snapshot and schema).
 *
 * <p>Compressed, and checkpointed after each load, because DuckDB compresses only at a checkpoint
 * and scans compressed segments much faster: the eu third of TPC-H SF1 lineitem, Q1's fragment on
 * one thread, 68 ms in a plain in-memory table, 32 ms after COMPRESS + CHECKPOINT (as fast as a
 * checkpointed database file), and the copy takes less memory.
 *
 * <p>Fragments never name these tables: {@link FragmentGuard} lets through only unqualified names
 * of registered tables, and a fragment reaches a copy only through the TEMP view its own binding
 * creates. Copies are written by one internal connection that no fragment ever runs on (CREATE
 * TABLE ... AS SELECT over the same files a fragment would read), on one loader thread.
 *
 * <p>A fragment whose pinned version equals the copy's reads the copy; any other fragment reads
 * the files, and the copy reloads in the background, so no read is ever stale. A superseded copy
 * is dropped when the last fragment reading it closes.
 */
final class MemoryCache implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryCache.class);
  static final String SCHEMA = "shoal_cache";
  private static final int CHECKPOINT_ATTEMPTS = 20;

  private final String site;
  private final DuckDBConnection conn;
  private final ExecutorService loader;
  /** The newest copy per table name. Guarded by {@code this}. */
  private final Map<String, Entry> current = new HashMap<>();
  /** Tables with a load queued or running. Guarded by {@code this}. */
  private final Set<String> loading = new HashSet<>();
  /**
   * The version whose load failed, per table (e.g. out of memory). Not retried: a table too big
   * for memory would otherwise cost a failed copy per query. A new version is tried again.
   */
  private final Map<String, String> failed = new HashMap<>();
  private long sequence;
  private volatile boolean closed;

  /** One copy: a native table holding one version of one configured table. */
  private static final class Entry {
    final String table;
    final String key;
    final String duckName;
    final long rows;
    int leases;
    boolean superseded;
    boolean dropped;

    Entry(String table, String key, String duckName, long rows) {
      this.table = table;
      this.key = key;
      this.duckName = duckName;
      this.rows = rows;
    }
  }

  private MemoryCache(String site, DuckDBConnection conn) {
    this.site = site;
    this.conn = conn;
    this.loader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "shoal-cache-" + site);
              t.setDaemon(true);
              return t;
            });
  }

  /** Opens the internal connection and the cache schema; call before lock-down. */
  static MemoryCache open(String site, DuckDBConnection base) throws SQLException {
    DuckDBConnection conn = base.duplicate();
    try (var st = conn.createStatement()) {
      st.execute("ATTACH ':memory:' AS " + SCHEMA + " (COMPRESS)");
    } catch (SQLException e) {
      conn.close();
      throw e;
    }
    return new MemoryCache(site, conn);
  }

  /**
   * Loads the table's current version now, on the loader thread, and waits: start-up. A table that
   * cannot be loaded is logged and read from its files.
   */
  void loadNow(TableSource table) {
    var done = loader.submit(() -> reload(table));
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      LOG.warn(
          "site {}: cannot cache table {} (reading its files; retried at its next snapshot): {}",
          site, table.name(), DuckErrors.firstLine(e.getCause()));
    }
  }

  /**
   * The copy holding version {@code v}, leased to the caller until {@link QueryBinding#releaseCache}.
   * Null if there is none; then a background load of the table's current version is queued.
   */
  QueryBinding bind(TableSource table, CacheVersion v) {
    synchronized (this) {
      Entry e = current.get(table.name());
      if (e != null && e.key.equals(v.key()) && !e.dropped) {
        e.leases++;
        AtomicBoolean released = new AtomicBoolean();
        return new QueryBinding(
            "SELECT * FROM " + e.duckName, v.snapshotId(), 0, v.files(), e.duckName,
            () -> {
              if (released.compareAndSet(false, true)) release(e);
            });
      }
      if (closed || v.key().equals(failed.get(table.name())) || !loading.add(table.name())) return null;
    }
    try {
      loader.execute(
          () -> {
            try {
              reload(table);
            } catch (Exception ex) {
              LOG.warn(
                  "site {}: cannot cache table {} (reading its files; retried at its next snapshot): {}",
                  site, table.name(), DuckErrors.firstLine(ex));
            } finally {
              synchronized (this) {
                loading.remove(table.name());
              }
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      synchronized (this) {
        loading.remove(table.name());
      }
    }
    return null;
  }

  /** Loader thread only: copies the table's current version unless the copy already holds it. */
  private Void reload(TableSource table) throws SQLException, SiteException {
    if (closed) return null;
    Optional<CacheVersion> version = table.currentVersion();
    if (version.isEmpty()) return null;
    CacheVersion v = version.get();
    synchronized (this) {
      Entry e = current.get(table.name());
      if (e != null && e.key.equals(v.key())) return null;
    }
    long t0 = System.nanoTime();
    String duckName = Sql.ident(SCHEMA) + "." + Sql.ident(table.name() + "_" + (++sequence));
    try {
      exec("CREATE TABLE " + duckName + " AS " + v.selectSql());
    } catch (SQLException e) {
      synchronized (this) {
        failed.put(table.name(), v.key());
      }
      exec("DROP TABLE IF EXISTS " + duckName);
      throw e;
    }
    checkpoint(table.name());
    long rows;
    try (var st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + duckName)) {
      rs.next();
      rows = rs.getLong(1);
    }
    if (v.snapshotId() == null) {
      // Files can change while they load (an Iceberg snapshot cannot): keep the copy only if the
      // files are still the ones its key names, else a later read could get rows the key did not.
      Optional<CacheVersion> after = table.currentVersion();
      if (after.isEmpty() || !after.get().key().equals(v.key())) {
        exec("DROP TABLE IF EXISTS " + duckName);
        LOG.info("site {}: table {} changed while caching it; reading files until the next load", site, table.name());
        return null;
      }
    }
    Entry fresh = new Entry(table.name(), v.key(), duckName, rows);
    Entry old;
    synchronized (this) {
      failed.remove(table.name());
      old = current.put(table.name(), fresh);
      if (old != null) old.superseded = true;
    }
    LOG.info(
        "site {}: cached table {} in memory: {} rows{} in {} ms",
        site, table.name(), rows, v.snapshotId() == null ? "" : " of snapshot " + v.snapshotId(),
        (System.nanoTime() - t0) / 1_000_000);
    if (old != null) dropIfUnused(old);
    return null;
  }

  /**
   * Compresses what was loaded. DuckDB refuses a CHECKPOINT while any transaction runs (FORCE would
   * hold new queries back until it gets the lock), so it is retried briefly; a copy left
   * uncompressed is still exact, only slower, and the next load's checkpoint compresses it.
   */
  private void checkpoint(String table) {
    for (int attempt = 1; ; attempt++) {
      try {
        exec("CHECKPOINT " + SCHEMA);
        return;
      } catch (SQLException busy) {
        if (attempt == CHECKPOINT_ATTEMPTS || closed) {
          LOG.info("site {}: cached copy of {} left uncompressed for now: {}", site, table, DuckErrors.firstLine(busy));
          return;
        }
      }
      try {
        Thread.sleep(20L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void release(Entry e) {
    synchronized (this) {
      e.leases--;
    }
    dropIfUnused(e);
  }

  /** Drops a superseded copy once no fragment reads it; the DROP runs on the loader thread. */
  private void dropIfUnused(Entry e) {
    synchronized (this) {
      if (!e.superseded || e.leases > 0 || e.dropped) return;
      e.dropped = true;
    }
    Runnable drop =
        () -> {
          try {
            exec("DROP TABLE IF EXISTS " + e.duckName);
          } catch (SQLException ex) {
            LOG.warn("site {}: cannot drop old cached copy of {}: {}", site, e.table, DuckErrors.firstLine(ex));
          }
        };
    try {
      loader.execute(drop);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the site is closing: the in-memory database goes with it
    }
  }

  /** Copies per table: name, key and rows, for tests and the log. */
  synchronized Map<String, String> keys() {
    Map<String, String> out = new HashMap<>();
    current.forEach((t, e) -> out.put(t, e.key));
    return out;
  }

  private void exec(String sql) throws SQLException {
    try (var st = conn.createStatement()) {
      st.execute(sql);
    }
  }

  @Override
  public void close() {
    closed = true;
    loader.shutdown();
    try {
      if (!loader.awaitTermination(30, TimeUnit.SECONDS)) loader.shutdownNow();
    } catch (InterruptedException e) {
      loader.shutdownNow();
      Thread.currentThread().interrupt();
    }
    try {
      conn.close();
    } catch (SQLException ignored) {
      // closing with the site
    }
  }
}

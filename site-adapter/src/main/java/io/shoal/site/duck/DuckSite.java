package io.shoal.site.duck;

import io.shoal.protocol.PolicySummary;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.audit.AuditLog;
import io.shoal.site.config.CacheMode;
import io.shoal.site.config.PolicyConfig;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.config.TableConfig;
import io.shoal.site.guard.FragmentGuard;
import io.shoal.site.policy.Policy;
import io.shoal.site.policy.PolicyCheck;
import io.shoal.site.table.DuckCatalog;
import io.shoal.site.table.FileTableSource;
import io.shoal.site.table.Sql;
import io.shoal.site.table.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A site backed by one in-memory DuckDB that reads the site's files in place. The site's own DuckDB
 * file, if any, is attached read-only; every configured table becomes a view (or, for Iceberg, a
 * per-fragment view over one pinned snapshot). Then DuckDB is locked down, and only checked SELECT
 * fragments run, each on its own connection.
 */
public final class DuckSite implements Site {

  private static final Logger LOG = LoggerFactory.getLogger(DuckSite.class);
  /** The site's own database file in its data folder, attached read-only when it exists. */
  public static final String DB_FILE = "site.duckdb";

  private final SiteConfig config;
  private final DuckDBConnection base;
  private final ConnectionPool connections;
  private final Map<String, TableSource> tables;
  private final Map<String, String> unavailable;
  private final AuditLog audit;
  private final io.shoal.site.privacy.PrivateAnswers privateAnswers;
  private final PolicyCheck policyCheck;
  private final BufferAllocator allocator = new RootAllocator();
  private final MemoryCache cache;
  /** Decides what each fragment reads, from DuckDB's binder over a shadow of the tables. */
  private final FragmentGuard guard;
  /** Bound of the guard's decision cache. */
  static final long GUARD_CACHE_BYTES = 32L << 20;
  private final io.shoal.site.limits.FragmentLimits limits;
  /** Result schemas by fragment SQL and the views it reads (see DuckFragment#schemaKey). */
  private final Map<String, Schema> schemas = new java.util.concurrent.ConcurrentHashMap<>();
  /** What every fragment of this site shares. */
  private final FragmentServices services;

  private DuckSite(
      SiteConfig config,
      DuckDBConnection base,
      Map<String, TableSource> tables,
      Map<String, String> unavailable,
      AuditLog audit,
      io.shoal.site.privacy.PrivateAnswers privateAnswers,
      MemoryCache cache) {
    this.privateAnswers = privateAnswers;
    this.cache = cache;
    this.config = config;
    this.base = base;
    this.tables = tables;
    this.unavailable = unavailable;
    this.audit = audit;
    this.connections = new ConnectionPool(base);
    this.limits = new io.shoal.site.limits.FragmentLimits(config.name(), config.limits());
    this.guard = new FragmentGuard(config.name(), this::tableColumns, GUARD_CACHE_BYTES);
    this.policyCheck =
        new PolicyCheck(config.name(), config.region(), keyColumns(config), sql -> this.guard.lineage(sql, tables.keySet()));
    this.services =
        new FragmentServices(config.name(), connections, allocator, policyCheck, audit::append, schemas, limits, privateAnswers);
  }

  /** Per table, the columns the config names in {@code keys:} (lower case). */
  private static Map<String, Set<String>> keyColumns(SiteConfig config) {
    Map<String, Set<String>> out = new TreeMap<>();
    config.tables().forEach((name, t) -> {
      Set<String> cols = new java.util.TreeSet<>();
      t.keys().keySet().forEach(c -> cols.add(c.toLowerCase(java.util.Locale.ROOT)));
      out.put(name, cols);
    });
    return out;
  }

  /** The columns of every table that can be read now, for the guard's shadow catalog. */
  private Map<String, List<io.shoal.protocol.ColumnInfo>> tableColumns() {
    Map<String, List<io.shoal.protocol.ColumnInfo>> out = new TreeMap<>();
    for (TableSource t : tables.values()) {
      try {
        out.put(t.name(), t.describe().columns());
        undescribed.remove(t.name());
      } catch (SiteException e) {
        // e.g. a catalog that was down since start-up: its queries say why instead of "does not exist"
        if (undescribed.put(t.name(), e.getMessage()) == null) {
          LOG.warn("site {}: cannot describe table {}: {}", config.name(), t.name(), e.getMessage());
        }
      }
    }
    return out;
  }

  /** Tables whose columns could not be read at the last try, with the reason. */
  private final Map<String, String> undescribed = new java.util.concurrent.ConcurrentHashMap<>();

  /** The tables this principal may know about: {@code export: none} tables are invisible. */
  private Set<String> visibleTables(Policy policy) {
    Set<String> names = new LinkedHashSet<>(tables.keySet());
    names.addAll(unavailable.keySet());
    names.removeIf(t -> policy.export(t) == PolicyConfig.Export.NONE);
    return names;
  }

  /**
   * Opens the site: registers every table, then locks DuckDB down. A table whose files cannot be
   * read is logged and left unavailable (its queries fail; the others run).
   */
  public static DuckSite open(SiteConfig config) throws SiteException {
    return open(config, TableSources.DEFAULT);
  }

  /** As {@link #open(SiteConfig)}, with a factory for table sources (Iceberg lives in its own package). */
  public static DuckSite open(SiteConfig config, TableSources factory) throws SiteException {
    Path data = config.dataDir();
    DuckDBConnection base;
    try {
      Files.createDirectories(data);
      Properties props = new Properties();
      props.setProperty("jdbc_stream_results", "true");
      base = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", props);
    } catch (IOException | SQLException e) {
      throw new SiteException(
          SiteException.Kind.INTERNAL, "site " + config.name() + ": cannot open DuckDB: " + e.getMessage(), e);
    }
    MemoryCache cache = null;
    try {
      Path dbFile = data.resolve(DB_FILE);
      boolean needsDb = config.tables().values().stream().anyMatch(t -> t.duckdb() != null);
      if (Files.exists(dbFile)) {
        exec(base, "ATTACH " + Sql.literal(dbFile.toString()) + " AS " + DuckCatalog.SITE_DB + " (READ_ONLY)");
      } else if (needsDb) {
        throw new SiteException(
            SiteException.Kind.DATA_ERROR,
            "site " + config.name() + ": tables of type duckdb need " + dbFile + ", which does not exist");
      }
      exec(base, "SET threads = " + config.threads());
      boolean caching = config.tables().keySet().stream().anyMatch(t -> config.cacheOf(t) == CacheMode.MEMORY);
      cache = caching ? MemoryCache.open(config.name(), base) : null;
      Map<String, TableSource> tables = new LinkedHashMap<>();
      Map<String, String> unavailable = new TreeMap<>();
      for (var e : config.tables().entrySet()) {
        TableSource source = factory.create(config, e.getKey(), e.getValue());
        try {
          source.register(base);
          tables.put(
              e.getKey(),
              config.cacheOf(e.getKey()) == CacheMode.MEMORY ? new CachedTableSource(source, cache) : source);
        } catch (SQLException | RuntimeException ex) {
          String why = DuckErrors.firstLine(ex);
          LOG.warn("site {}: table {} is unavailable: {}", config.name(), e.getKey(), why);
          unavailable.put(e.getKey(), why);
          source.close();
        }
      }
      AuditLog audit = AuditLog.open(data);
      io.shoal.site.privacy.PrivateAnswers privateAnswers = io.shoal.site.privacy.PrivateAnswers.open(config.name(), data);
      lockDown(base, config);
      // After lock-down, through the cache's own connection: the path every later reload takes.
      if (cache != null) {
        for (TableSource t : tables.values()) {
          if (t instanceof CachedTableSource c) cache.loadNow(c.inner());
        }
      }
      return new DuckSite(config, base, tables, unavailable, audit, privateAnswers, cache);
    } catch (IOException e) {
      if (cache != null) cache.close();
      closeQuietly(base);
      throw new SiteException(
          SiteException.Kind.INTERNAL, "site " + config.name() + ": cannot open the audit log: " + e.getMessage(), e);
    } catch (SQLException e) {
      if (cache != null) cache.close();
      closeQuietly(base);
      throw new SiteException(
          SiteException.Kind.INTERNAL, "site " + config.name() + ": cannot set up DuckDB: " + e.getMessage(), e);
    } catch (SiteException | RuntimeException e) {
      if (cache != null) cache.close();
      closeQuietly(base);
      throw e;
    }
  }

  /**
   * After this, DuckDB reads files only under the data folder (and the folders of configured globs),
   * cannot attach, install or load anything, and its settings cannot change. Writes are refused
   * earlier, by {@link FragmentGuard}: DuckDB's settings do not stop COPY into allowed folders.
   */
  private static void lockDown(DuckDBConnection base, SiteConfig config) throws SQLException {
    Set<String> dirs = new LinkedHashSet<>();
    dirs.add(withSlash(config.dataDir()));
    for (TableConfig t : config.tables().values()) {
      String glob = t.parquet() != null ? t.parquet() : t.csv();
      // Object-store globs are read from copies in the data folder's file cache.
      if (glob != null && !SiteConfig.isObjectStore(glob)) dirs.add(withSlash(globRoot(glob)));
    }
    StringBuilder list = new StringBuilder("[");
    for (String d : dirs) list.append(list.length() > 1 ? ", " : "").append(Sql.literal(d));
    list.append(']');
    exec(base, "SET allowed_directories = " + list);
    // DuckDB's default is 80% of RAM per database: a few sites on one host could take it all.
    exec(base, "SET memory_limit = '" + config.limits().duckMemoryLimit() + "'");
    exec(base, "SET enable_external_access = false");
    exec(base, "SET lock_configuration = true");
  }

  /** The longest leading part of a glob without wildcards, as a folder. */
  private static Path globRoot(String glob) {
    Path p = Path.of(glob);
    Path root = p.getRoot() == null ? Path.of("") : p.getRoot();
    for (Path part : p) {
      if (part.toString().matches(".*[*?\\[{].*")) break;
      root = root.resolve(part);
    }
    return root.equals(p) || Files.isRegularFile(root) ? root.getParent() : root;
  }

  private static String withSlash(Path dir) {
    String s = dir.toAbsolutePath().normalize().toString();
    return s.endsWith("/") ? s : s + "/";
  }

  private static void exec(DuckDBConnection c, String sql) throws SQLException {
    try (var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing after a failure: the first error is the one to report
    }
  }

  public SiteConfig config() {
    return config;
  }

  @Override
  public io.shoal.site.limits.SiteLimits limits() {
    return config.limits();
  }

  /** The memory cache's copies: table name to the version key it holds (tests). */
  Map<String, String> cachedVersions() {
    return cache == null ? Map.of() : cache.keys();
  }

  /** Tables configured but not readable, with the reason; they are left out of {@link #info()}. */
  public Map<String, String> unavailableTables() {
    return Map.copyOf(unavailable);
  }

  @Override
  public SiteInfo info(String principal) {
    Policy policy = Policy.forPrincipal(config.policy(), principal);
    Set<String> visible = visibleTables(policy);
    List<TableInfo> infos = new ArrayList<>();
    for (TableSource t : tables.values()) {
      if (!visible.contains(t.name())) continue;
      try {
        infos.add(t.describe());
      } catch (SiteException e) {
        LOG.warn("site {}: cannot describe table {}: {}", config.name(), t.name(), e.getMessage());
      }
    }
    return new SiteInfo(config.name(), config.region(), io.shoal.protocol.ShoalVersion.VERSION, List.copyOf(infos), policySummary(policy));
  }

  private static PolicySummary policySummary(Policy policy) {
    PolicyConfig p = policy.config();
    Map<String, PolicySummary.TablePolicy> tables = new TreeMap<>();
    p.tables()
        .forEach(
            (name, t) ->
                tables.put(
                    name,
                    new PolicySummary.TablePolicy(
                        t.export() == null ? null : t.export().wireName(), t.deniedColumns(), t.epsilon())));
    return new PolicySummary(p.export().wireName(), p.minGroupSize(), tables);
  }

  @Override
  public Schema tableSchema(String table) throws SiteException {
    String name = table.toLowerCase(java.util.Locale.ROOT);
    if (!tables.containsKey(name) && !unavailable.containsKey(name)) {
      throw new SiteException(SiteException.Kind.NOT_FOUND, "table " + table + " does not exist at site " + config.name());
    }
    // The schema is metadata, not data: read it under a permissive policy and leave it out of the audit.
    try (Fragment f = prepare("SELECT * FROM " + Sql.ident(name), FragmentContext.anonymous("schema"), false)) {
      return f.resultSchema();
    }
  }

  @Override
  public Fragment prepare(String sql, FragmentContext context) throws SiteException {
    return prepare(sql, context, true);
  }

  private Fragment prepare(String sql, FragmentContext context, boolean enforced) throws SiteException {
    try {
      limits.checkSql(sql);
    } catch (io.shoal.site.limits.LimitExceeded e) {
      if (enforced) auditRefusal(sql.substring(0, 200) + "...", context, e);
      throw e;
    }
    String text = stripTrailingSemicolons(sql);
    PooledConnection pooled;
    try {
      pooled = connections.acquire();
    } catch (SQLException e) {
      throw new SiteException(SiteException.Kind.INTERNAL, "cannot open a DuckDB connection: " + e.getMessage(), e);
    }
    DuckDBConnection conn = pooled.connection();
    try {
      Policy policy =
          enforced
              ? Policy.forPrincipal(config.policy(), context.principal())
              : Policy.forPrincipal(PolicyConfig.permissive(), null);
      Set<String> visible = visibleTables(policy);
      io.shoal.site.table.ParsedFragment parsed;
      try {
        Map<String, String> broken = new TreeMap<>(unavailable);
        broken.putAll(undescribed);
        broken.keySet().retainAll(visible);
        parsed = guard.check(text, visible, broken);
      } catch (SiteException e) {
        if (enforced && e.kind() != SiteException.Kind.INVALID_SQL) auditRefusal(text, context, e);
        throw e;
      }
      List<TableSource> read = parsed.tables().stream().map(tables::get).toList();
      return new DuckFragment(enforced ? services : services.unaudited(), pooled, parsed, read, context, policy);
    } catch (SiteException | RuntimeException e) {
      connections.release(pooled, false);
      throw e;
    }
  }

  private void auditRefusal(String sql, FragmentContext context, SiteException e) {
    audit.append(
        new io.shoal.site.audit.AuditRecord(
            java.time.Instant.now().toString(), config.name(), context.queryId(), context.principal(), sql,
            io.shoal.site.audit.AuditRecord.sha256(sql), tablesOf(e), 0, 0,
            e.kind() == SiteException.Kind.REFUSED ? "refused" : "error", 0,
            e.kind() == SiteException.Kind.REFUSED ? "refused" : "error", e.getMessage(), e.rule(), 0));
  }

  private static Map<String, Long> tablesOf(SiteException e) {
    Map<String, Long> out = new TreeMap<>();
    e.tables().forEach(t -> out.put(t, null));
    return out;
  }

  @Override
  public List<String> auditFor(FragmentContext reader) throws SiteException {
    boolean all = config.policy().readsWholeAudit(reader.principal());
    List<String> lines = new ArrayList<>();
    try {
      for (io.shoal.site.audit.AuditRecord r : AuditLog.read(config.dataDir())) {
        if (all || reader.principal().equals(r.principal())) lines.add(io.shoal.protocol.Json.mapper().writeValueAsString(r));
      }
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      throw new SiteException(SiteException.Kind.INTERNAL, "cannot read the audit log", e);
    }
    String what = all ? "shoal.audit (all lines)" : "shoal.audit (own lines)";
    audit.append(
        new io.shoal.site.audit.AuditRecord(
            java.time.Instant.now().toString(), config.name(), reader.queryId(), reader.principal(), what,
            io.shoal.site.audit.AuditRecord.sha256(what), Map.of(), lines.size(), 0, "audit-read", 0, "ok",
            null, null, 0));
    return lines;
  }

  static String stripTrailingSemicolons(String sql) {
    if (sql == null) return null;
    String s = sql.strip();
    while (s.endsWith(";")) s = s.substring(0, s.length() - 1).strip();
    return s;
  }

  /** Idle connections in the site's pool, for tests. */
  int idleConnections() {
    return connections.idleCount();
  }

  /** Arrow memory the site's fragments hold right now: 0 when no stream is open. */
  long allocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /** Interrupts every running fragment and admits no new one (the site is stopping). */
  @Override
  public void interruptAll() {
    limits.stopAll();
  }

  @Override
  public void close() {
    guard.close();
    limits.close();
    connections.close();
    if (cache != null) cache.close();
    tables.values().forEach(TableSource::close);
    audit.close();
    closeQuietly(base);
    try {
      allocator.close();
    } catch (IllegalStateException leaked) {
      // Known: a stream cancelled while DuckDB was exporting a batch can leave that batch's Arrow
      // buffers unreleased (about 1 MB). The process is stopping; say so instead of failing the stop.
      LOG.warn("site {}: Arrow buffers still allocated at close ({} bytes): {}",
          config.name(), allocator.getAllocatedMemory(), DuckErrors.firstLine(leaked));
    }
  }

  /** Makes the {@link TableSource} for one configured table. */
  @FunctionalInterface
  public interface TableSources {
    /** Parquet, CSV and DuckDB tables only; Iceberg needs {@code IcebergTables}. */
    TableSources DEFAULT =
        (site, name, table) -> {
          if (table.iceberg() != null) {
            throw new SiteException(
                SiteException.Kind.INTERNAL, "table " + name + ": Iceberg support is not on the class path");
          }
          return new FileTableSource(name, table);
        };

    TableSource create(SiteConfig site, String name, TableConfig table) throws SiteException;
  }
}

package io.shoal.site.config;

import io.shoal.protocol.YamlFiles;
import io.shoal.site.limits.SiteLimits;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A site's YAML file, validated and with every path resolved against the file's folder. The format
 * is documented in the README ("Site configuration").
 *
 * @param file the YAML file this came from (for messages)
 * @param name the site's unique name: its schema name at the coordinator
 * @param region the jurisdiction label, e.g. {@code eu-west-1}
 * @param listen {@code host:port} the Flight server binds
 * @param dataDir the site's data folder: DuckDB file, Iceberg warehouse and catalog, audit log
 * @param catalog Iceberg catalog properties; empty means the embedded SQLite catalog in {@code data}
 * @param tables the tables the site serves, by lower-case name
 * @param policy the export policy; permissive when the file has no {@code policy:} section
 * @param auth bearer tokens, or null (then the site serves only on loopback)
 * @param tls TLS key material, or null for plaintext
 * @param cache the site's default cache mode for tables ({@code none} unless set)
 * @param threads DuckDB worker threads (default: the machine's cores)
 * @param limits what the site allows one caller ({@code limits:}; defaults when absent)
 * @param lake object storage properties and the local file cache ({@code storage:},
 *     {@code file-cache:}, {@code duckdb:})
 */
public record SiteConfig(
    Path file,
    String name,
    String region,
    String listen,
    Path dataDir,
    Map<String, String> catalog,
    Map<String, TableConfig> tables,
    PolicyConfig policy,
    AuthConfig auth,
    TlsConfig tls,
    CacheMode cache,
    int threads,
    SiteLimits limits,
    LakeConfig lake) {

  public static final String DEFAULT_LISTEN = "127.0.0.1:47470";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  /** What the YAML holds, before validation; kebab-case keys as users write them. */
  record Raw(
      String name,
      String region,
      String listen,
      String data,
      Map<String, String> catalog,
      Map<String, TableConfig> tables,
      PolicyConfig policy,
      AuthConfig auth,
      TlsConfig tls,
      CacheMode cache,
      Integer threads,
      LimitsConfig limits,
      Map<String, String> storage,
      @com.fasterxml.jackson.annotation.JsonProperty("file-cache") LakeConfig.FileCacheYaml fileCache,
      LakeConfig.DuckDbYaml duckdb) {}

  /** Reads and validates a site file; every problem is a one-line {@link ConfigException}. */
  public static SiteConfig load(Path file) throws ConfigException {
    String where = file.toString();
    Raw raw;
    try {
      raw = YamlFiles.read(file, Raw.class);
    } catch (YamlFiles.Invalid e) {
      throw new ConfigException(e.getMessage());
    }
    if (raw == null) throw new ConfigException(where + ": the file is empty");
    return resolve(file, raw);
  }

  private static SiteConfig resolve(Path file, Raw raw) throws ConfigException {
    String where = file.toString();
    Path base = file.toAbsolutePath().getParent();
    if (raw.name() == null) throw new ConfigException(where + ": missing key 'name'");
    if (!NAME.matcher(raw.name()).matches()) {
      throw new ConfigException(
          where + ": name '" + raw.name() + "' must be lower case letters, digits and _");
    }
    if (raw.data() == null) throw new ConfigException(where + ": missing key 'data' (the data folder)");
    String listen = raw.listen() == null ? DEFAULT_LISTEN : raw.listen();
    if (!listen.matches(".+:\\d{1,5}")) {
      throw new ConfigException(where + ": listen '" + listen + "' must be host:port");
    }
    Map<String, TableConfig> tables = new LinkedHashMap<>();
    if (raw.tables() != null) {
      for (var e : raw.tables().entrySet()) {
        String table = e.getKey().toLowerCase(Locale.ROOT);
        TableConfig t = e.getValue();
        if (t == null) throw new ConfigException(where + ": table '" + table + "' has no source");
        long sources =
            java.util.stream.Stream.of(t.iceberg(), t.parquet(), t.csv(), t.duckdb())
                .filter(s -> s != null)
                .count();
        if (sources != 1) {
          throw new ConfigException(
              where + ": table '" + table
                  + "' needs exactly one of iceberg, parquet, csv, duckdb (found " + sources + ")");
        }
        t =
            new TableConfig(
                t.iceberg(),
                location(base, t.parquet()),
                location(base, t.csv()),
                t.duckdb(),
                t.distribution(),
                t.keys(),
                t.cache());
        if (t.cache() == CacheMode.MEMORY && t.duckdb() != null) {
          throw new ConfigException(
              where + ": table '" + table + "': cache: memory applies to iceberg, parquet and csv tables;"
                  + " a duckdb table is already native");
        }
        if (tables.put(table, t) != null) {
          throw new ConfigException(where + ": table '" + table + "' is configured twice");
        }
      }
    }
    PolicyConfig policy = raw.policy() == null ? PolicyConfig.permissive() : raw.policy();
    checkMinGroupSize(file, policy, "policy");
    PrivateTableCheck.check(file, policy, "policy");
    for (String t : policy.tables().keySet()) {
      if (!tables.containsKey(t.toLowerCase(Locale.ROOT))) {
        throw new ConfigException(where + ": policy.tables." + t + " names a table that is not configured");
      }
    }
    AuthConfig auth =
        raw.auth() == null
            ? null
            : new AuthConfig(raw.auth().tokensFile() == null ? null : base.resolve(raw.auth().tokensFile()));
    if (auth != null && auth.tokensFile() == null) {
      throw new ConfigException(where + ": auth needs tokens-file");
    }
    TlsConfig tls = null;
    if (raw.tls() != null) {
      if (raw.tls().certChain() == null || raw.tls().privateKey() == null) {
        throw new ConfigException(where + ": tls needs cert-chain and private-key");
      }
      tls = new TlsConfig(base.resolve(raw.tls().certChain()), base.resolve(raw.tls().privateKey()));
    }
    int threads = raw.threads() == null ? Runtime.getRuntime().availableProcessors() : raw.threads();
    if (threads < 1) throw new ConfigException(where + ": threads must be at least 1, got " + threads);
    SiteLimits limits =
        SiteLimits.of(
            raw.limits(),
            (key, why) -> new ConfigException(YamlFiles.where(file, "limits." + key) + ": " + why));
    LakeConfig lake = lake(file, base, raw);
    return new SiteConfig(
        file,
        raw.name(),
        raw.region() == null ? raw.name() : raw.region(),
        listen,
        base.resolve(raw.data()).normalize(),
        raw.catalog() == null ? Map.of() : Map.copyOf(raw.catalog()),
        Map.copyOf(tables),
        policy,
        auth,
        tls,
        raw.cache() == null ? CacheMode.NONE : raw.cache(),
        threads,
        limits,
        lake);
  }

  /** A local path resolved against the config's folder; an object-store URI ({@code s3://...}) as written. */
  private static String location(Path base, String path) {
    if (path == null) return null;
    if (isObjectStore(path)) return path;
    return base.resolve(path).normalize().toString();
  }

  /** Whether a table location is in object storage rather than on the site's disk. */
  public static boolean isObjectStore(String location) {
    return location != null && location.matches("(?i)(s3|s3a|s3n)://.*");
  }

  private static LakeConfig lake(Path file, Path base, Raw raw) throws ConfigException {
    Map<String, String> storage = raw.storage() == null ? Map.of() : Map.copyOf(raw.storage());
    try {
      io.shoal.site.store.Secrets.check(storage, base);
      io.shoal.site.store.Secrets.check(raw.catalog() == null ? Map.of() : raw.catalog(), base);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(file + ": " + e.getMessage());
    }
    long bytes = LakeConfig.DEFAULT_CACHE_BYTES;
    int threads = LakeConfig.DEFAULT_FETCH_THREADS;
    if (raw.fileCache() != null) {
      if (raw.fileCache().maxSize() != null) {
        bytes = SiteLimits.size("file-cache.max-size", raw.fileCache().maxSize(),
            (key, why) -> new ConfigException(YamlFiles.where(file, key) + ": " + why));
        if (bytes < 1) throw new ConfigException(YamlFiles.where(file, "file-cache.max-size") + ": must be positive");
      }
      if (raw.fileCache().fetchThreads() != null) {
        threads = raw.fileCache().fetchThreads();
        if (threads < 1 || threads > 64) {
          throw new ConfigException(YamlFiles.where(file, "file-cache.fetch-threads") + ": must be 1 to 64, got " + threads);
        }
      }
    }
    java.util.List<String> extensions = raw.duckdb() == null ? null : raw.duckdb().extensions();
    if (extensions != null && !extensions.isEmpty()) {
      throw new ConfigException(YamlFiles.where(file, "duckdb.extensions")
          + ": duckdb.extensions: DuckDB extensions are not supported yet; object-store files are read through"
          + " the file cache (see the README, 'Lakes')");
    }
    Path dataDir = base.resolve(raw.data()).normalize();
    return new LakeConfig(storage, dataDir.resolve("file-cache"), bytes, threads, extensions);
  }

  /** A minimum group size below 1 would let single rows out of an aggregates-only table. */
  private static void checkMinGroupSize(Path file, PolicyConfig policy, String path) throws ConfigException {
    if (policy.minGroupSize() < 1) {
      throw new ConfigException(
          YamlFiles.where(file, path + ".min-group-size") + ": " + path
              + ".min-group-size must be at least 1, got " + policy.minGroupSize());
    }
    for (var e : policy.principals().entrySet()) {
      checkMinGroupSize(file, e.getValue(), path + ".principals." + e.getKey());
    }
  }

  /** Host part of {@link #listen}. */
  public String host() {
    return listen.substring(0, listen.lastIndexOf(':'));
  }

  /** Port part of {@link #listen}. */
  public int port() {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  /** The same site listening elsewhere (the {@code --listen} override). */
  public SiteConfig withListen(String hostPort) {
    return new SiteConfig(
        file, name, region, hostPort, dataDir, catalog, tables, policy, auth, tls, cache, threads, limits, lake);
  }

  /** The cache mode of one configured table: its own, else the site's default (never for duckdb tables). */
  public CacheMode cacheOf(String table) {
    TableConfig t = tables.get(table);
    if (t == null || t.duckdb() != null) return CacheMode.NONE;
    return t.cache() != null ? t.cache() : cache;
  }
}

package io.shoal.site;

import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.config.TableConfig;
import io.shoal.site.duck.DuckErrors;
import io.shoal.site.duck.DuckSite;
import io.shoal.site.iceberg.CatalogHandle;
import io.shoal.site.iceberg.IcebergCatalogs;
import io.shoal.site.iceberg.IcebergTableSource;
import io.shoal.site.store.FileCache;
import io.shoal.site.store.ObjectGlobTableSource;
import io.shoal.site.store.ObjectStores;
import io.shoal.site.store.Secrets;
import io.shoal.site.store.StoreErrors;
import io.shoal.site.table.FileTableSource;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens a site from its YAML file with every kind of table: the one entry point servers use. */
public final class Sites {
  private static final Logger LOG = LoggerFactory.getLogger(Sites.class);

  private Sites() {}

  public static DuckSite open(Path yaml) throws ConfigException, SiteException {
    return open(SiteConfig.load(yaml));
  }

  public static DuckSite open(SiteConfig config) throws SiteException {
    boolean iceberg = config.tables().values().stream().anyMatch(t -> t.iceberg() != null);
    boolean objectGlobs = config.tables().values().stream().anyMatch(Sites::isObjectGlob);
    CatalogHandle catalog = iceberg ? catalogHandle(config) : null;
    if (iceberg) cleanImports(config, catalog);
    FileCache cache = iceberg || objectGlobs ? fileCache(config) : null;
    FileIO store = objectGlobs ? store(config) : null;
    StoreErrors.Endpoints storeEndpoints = endpoints(config);
    return DuckSite.open(
        config,
        (site, name, table) -> {
          if (table.iceberg() != null) {
            return new IcebergTableSource(
                name, catalog, TableIdentifier.parse(table.iceberg()), table.distribution(), table.keys(),
                site.name(), cache);
          }
          if (isObjectGlob(table)) return new ObjectGlobTableSource(site.name(), name, table, store, cache, storeEndpoints);
          return new FileTableSource(name, table);
        });
  }

  private static boolean isObjectGlob(TableConfig t) {
    return SiteConfig.isObjectStore(t.parquet()) || SiteConfig.isObjectStore(t.csv());
  }

  /** The site's Iceberg catalog: the embedded SQLite one in its data folder unless configured. */
  public static Catalog catalog(SiteConfig config) throws SiteException {
    try {
      java.nio.file.Files.createDirectories(config.dataDir());
      return IcebergCatalogs.open(config.dataDir(), config.catalog(), config.lake().storage(), yamlDir(config));
    } catch (java.io.IOException | RuntimeException e) {
      throw StoreErrors.of(config.name(), "(all)", "open the Iceberg catalog", e, endpoints(config));
    }
  }

  /** The catalog, opened on first use and again after a failure (a catalog down at start-up fails only its tables). */
  static CatalogHandle catalogHandle(SiteConfig config) {
    return new CatalogHandle(
        config.name(),
        () -> {
          try {
            return catalog(config);
          } catch (SiteException e) {
            throw new IllegalStateException(e.getMessage(), e.getCause() == null ? e : e.getCause());
          }
        },
        endpoints(config));
  }

  /** Where the site's catalog and store are, and the secret values to keep out of messages. */
  static StoreErrors.Endpoints endpoints(SiteConfig config) {
    Map<String, String> all = new HashMap<>();
    Map<String, String> secrets = new HashMap<>();
    try {
      all.putAll(Secrets.resolve(config.lake().storage(), yamlDir(config)));
      all.putAll(Secrets.resolve(config.catalog(), yamlDir(config)));
      all.forEach((k, v) -> { if (Secrets.isSecret(k)) secrets.put(k, v); });
    } catch (IllegalArgumentException e) {
      // checked at load; a variable unset since then fails where the catalog opens
    }
    String catalogUri = all.get("uri");
    if (catalogUri == null || catalogUri.startsWith("jdbc:sqlite:")) catalogUri = config.catalog().isEmpty() ? "embedded SQLite catalog" : catalogUri;
    return new StoreErrors.Endpoints(catalogUri, ObjectStores.endpoint(all), secrets);
  }

  private static Path yamlDir(SiteConfig config) {
    return config.file() == null ? config.dataDir() : config.file().toAbsolutePath().getParent();
  }

  private static FileCache fileCache(SiteConfig config) throws SiteException {
    try {
      return FileCache.open(config.lake().cacheDir(), config.lake().cacheBytes(), config.lake().fetchThreads());
    } catch (java.io.IOException e) {
      throw new SiteException(SiteException.Kind.INTERNAL,
          "site " + config.name() + ": cannot open the file cache: " + DuckErrors.firstLine(e), e);
    }
  }

  /** The client for {@code s3://} globs: the site's {@code storage:} properties, else the catalog's s3 ones. */
  private static FileIO store(SiteConfig config) throws SiteException {
    Map<String, String> props = new HashMap<>();
    try {
      Secrets.resolve(config.catalog(), yamlDir(config)).forEach((k, v) -> {
        if (k.startsWith("s3.") || k.startsWith("client.") || k.startsWith("http-client.")) props.put(k, v);
      });
      props.putAll(Secrets.resolve(config.lake().storage(), yamlDir(config)));
      return ObjectStores.open(props);
    } catch (RuntimeException e) {
      throw StoreErrors.of(config.name(), "(s3 globs)", "open the object store client", e, endpoints(config));
    }
  }

  /** Removes what a killed import left, unless an import is running now (it cleans up itself). */
  private static void cleanImports(SiteConfig config, CatalogHandle handle) {
    Path staging = stagingDir(config);
    try (io.shoal.site.iceberg.ImportCleanup lock = io.shoal.site.iceberg.ImportCleanup.tryLock(staging)) {
      if (lock == null) return;
      Catalog catalog = handle.get("(import clean-up)");
      var ids = config.tables().values().stream().filter(t -> t.iceberg() != null)
          .map(t -> TableIdentifier.parse(t.iceberg())).toList();
      var removed = lock.clean(catalog, ids, staging);
      if (!removed.isEmpty()) {
        LOG.info("site {}: removed {} file(s) a killed import left behind", config.name(), removed.size());
      }
    } catch (java.io.IOException | RuntimeException | SiteException e) {
      LOG.warn("site {}: cannot clean up after earlier imports: {}", config.name(), DuckErrors.firstLine(e));
    }
  }

  /** Where imports stage their Parquet files before the commit: inside the data folder. */
  public static Path stagingDir(SiteConfig config) {
    return config.dataDir().resolve("staging");
  }
}

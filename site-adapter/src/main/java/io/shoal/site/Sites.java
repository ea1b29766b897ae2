package io.shoal.site;

import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.iceberg.IcebergCatalogs;
import io.shoal.site.iceberg.IcebergTableSource;
import io.shoal.site.table.FileTableSource;
import java.nio.file.Path;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/** Opens a site from its YAML file with every kind of table: the one entry point servers use. */
public final class Sites {
  private Sites() {}

  public static DuckSite open(Path yaml) throws ConfigException, SiteException {
    return open(SiteConfig.load(yaml));
  }

  public static DuckSite open(SiteConfig config) throws SiteException {
    boolean iceberg = config.tables().values().stream().anyMatch(t -> t.iceberg() != null);
    Catalog catalog = iceberg ? catalog(config) : null;
    if (iceberg) cleanImports(config, catalog);
    return DuckSite.open(
        config,
        (site, name, table) ->
            table.iceberg() != null
                ? new IcebergTableSource(
                    name, catalog, TableIdentifier.parse(table.iceberg()), table.distribution(), table.keys())
                : new FileTableSource(name, table));
  }

  /** The site's Iceberg catalog: the embedded SQLite one in its data folder unless configured. */
  public static Catalog catalog(SiteConfig config) throws SiteException {
    try {
      java.nio.file.Files.createDirectories(config.dataDir());
      return IcebergCatalogs.open(config.dataDir(), config.catalog());
    } catch (java.io.IOException | RuntimeException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "site " + config.name() + ": cannot open the Iceberg catalog: " + DuckErrors.firstLine(e), e);
    }
  }

  /** Removes what a killed import left, unless an import is running now (it cleans up itself). */
  private static void cleanImports(SiteConfig config, Catalog catalog) {
    Path staging = stagingDir(config);
    try (io.shoal.site.iceberg.ImportCleanup lock = io.shoal.site.iceberg.ImportCleanup.tryLock(staging)) {
      if (lock == null) return;
      var ids = config.tables().values().stream().filter(t -> t.iceberg() != null)
          .map(t -> TableIdentifier.parse(t.iceberg())).toList();
      var removed = lock.clean(catalog, ids, staging);
      if (!removed.isEmpty()) {
        org.slf4j.LoggerFactory.getLogger(Sites.class)
            .info("site {}: removed {} file(s) a killed import left behind", config.name(), removed.size());
      }
    } catch (java.io.IOException | RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(Sites.class)
          .warn("site {}: cannot clean up after earlier imports: {}", config.name(), DuckErrors.firstLine(e));
    }
  }

  /** Where imports stage their Parquet files before the commit: inside the data folder. */
  public static Path stagingDir(SiteConfig config) {
    return config.dataDir().resolve("staging");
  }
}

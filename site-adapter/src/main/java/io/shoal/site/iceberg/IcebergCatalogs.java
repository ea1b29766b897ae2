package io.shoal.site.iceberg;

import io.shoal.site.store.ObjectStores;
import io.shoal.site.store.Secrets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * Opens the Iceberg catalog of a site from Iceberg's own catalog properties, as Spark, Trino or
 * PyIceberg take them ({@code type: rest|jdbc|hive|glue|nessie}, {@code uri}, {@code warehouse},
 * {@code credential}, {@code io-impl}, {@code s3.*}, ...), through {@link CatalogUtil}.
 */
public final class IcebergCatalogs {

  /** Catalog name used when the configuration names none. */
  public static final String DEFAULT_NAME = "shoal";

  private IcebergCatalogs() {}

  /** As {@link #open(Path, Map, Map, Path)} without storage properties or secret references. */
  public static Catalog open(Path dataDir, Map<String, String> catalogConfig) {
    return open(dataDir, catalogConfig, Map.of(), null);
  }

  /**
   * Opens the site's catalog. With an empty configuration (or {@code type: jdbc} without a uri) this
   * is an embedded JdbcCatalog on SQLite at {@code <dataDir>/catalog.db} with the warehouse at
   * {@code <dataDir>/warehouse}. Otherwise every key but {@code name} is a catalog property, over
   * the site's {@code storage:} properties and Shoal's bounded-time defaults
   * ({@link ObjectStores#defaults()}); {@code ${env:X}} and {@code ${file:X}} references are
   * resolved here, against {@code yamlDir}.
   */
  public static Catalog open(
      Path dataDir, Map<String, String> catalogConfig, Map<String, String> storage, Path yamlDir) {
    Map<String, String> config = catalogConfig == null ? Map.of() : catalogConfig;
    String type = config.get(CatalogUtil.ICEBERG_CATALOG_TYPE);
    boolean custom = config.containsKey(CatalogProperties.CATALOG_IMPL);
    boolean jdbc = !custom && (type == null || type.equalsIgnoreCase(CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC));
    boolean embedded = jdbc && !config.containsKey(CatalogProperties.URI);
    Path dir = dataDir.toAbsolutePath();
    Map<String, String> props = new HashMap<>(ObjectStores.defaults());
    props.putAll(Secrets.resolve(storage == null ? Map.of() : storage, yamlDir));
    if (embedded) {
      props.put(CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.db"));
      props.put(CatalogProperties.WAREHOUSE_LOCATION, dir.resolve("warehouse").toString());
    }
    if (jdbc) props.put("jdbc.schema-version", "V1");
    Map<String, String> own = Secrets.resolve(config, yamlDir);
    own.remove("name");
    props.putAll(own);
    if (!custom && type == null) props.put(CatalogUtil.ICEBERG_CATALOG_TYPE, CatalogUtil.ICEBERG_CATALOG_TYPE_JDBC);
    String warehouse = props.get(CatalogProperties.WAREHOUSE_LOCATION);
    if (!props.containsKey(CatalogProperties.FILE_IO_IMPL)) {
      if (warehouse != null && io.shoal.site.config.SiteConfig.isObjectStore(warehouse)) {
        props.put(CatalogProperties.FILE_IO_IMPL, ObjectStores.S3_FILE_IO);
      } else if (warehouse == null || !warehouse.contains("://") || warehouse.startsWith("file:")) {
        // Iceberg's default for local paths is HadoopFileIO, which needs Hadoop (FACTS.md).
        props.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
      }
    }
    ObjectStores.applyJvmSettings(props);
    if (embedded) {
      try {
        java.nio.file.Files.createDirectories(dir);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create data folder " + dir, e);
      }
    }
    String name = config.getOrDefault("name", DEFAULT_NAME);
    try {
      return CatalogUtil.buildIcebergCatalog(name, props, null);
    } catch (IllegalArgumentException | NoClassDefFoundError e) {
      if (e instanceof NoClassDefFoundError
          || String.valueOf(e.getMessage()).startsWith("Cannot initialize Catalog implementation")) {
        String what = custom ? config.get(CatalogProperties.CATALOG_IMPL) : String.valueOf(type).toLowerCase(Locale.ROOT);
        throw new IllegalArgumentException(
            "Iceberg catalog " + what + " is not on the site's class path (this build has jdbc and rest;"
                + " add the catalog's Iceberg module, e.g. iceberg-hive-metastore or iceberg-nessie, to the lib folder)",
            e);
      }
      throw (RuntimeException) e;
    }
  }
}

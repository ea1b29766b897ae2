package io.shoal.site.iceberg;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Opens the Iceberg catalog of a site. */
public final class IcebergCatalogs {

  /** Catalog name used when the configuration names none. */
  public static final String DEFAULT_NAME = "shoal";

  private IcebergCatalogs() {}

  /**
   * Opens the site's catalog. With an empty configuration (or {@code type: jdbc} without a uri) this
   * is an embedded JdbcCatalog on SQLite at {@code <dataDir>/catalog.db} with the warehouse at
   * {@code <dataDir>/warehouse}. Every other key is passed through as a catalog property.
   */
  public static Catalog open(Path dataDir, Map<String, String> catalogConfig) {
    Map<String, String> config = catalogConfig == null ? Map.of() : catalogConfig;
    String type = config.getOrDefault("type", "jdbc");
    if (!type.equalsIgnoreCase("jdbc")) {
      throw new IllegalArgumentException(
          "unsupported Iceberg catalog type '" + type + "' (only jdbc is supported)");
    }
    Path dir = dataDir.toAbsolutePath();
    Map<String, String> props = new HashMap<>();
    props.put(CatalogProperties.URI, "jdbc:sqlite:" + dir.resolve("catalog.db"));
    props.put("jdbc.schema-version", "V1");
    props.put(CatalogProperties.WAREHOUSE_LOCATION, dir.resolve("warehouse").toString());
    props.put(CatalogProperties.FILE_IO_IMPL, LocalFileIO.class.getName());
    config.forEach(
        (k, v) -> {
          if (!k.equals("type") && !k.equals("name")) {
            props.put(k, v);
          }
        });
    try {
      java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create data folder " + dir, e);
    }
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(config.getOrDefault("name", DEFAULT_NAME), props);
    return catalog;
  }
}

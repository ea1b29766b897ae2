package io.shoal.examples.demo;

import io.shoal.site.SiteException;
import io.shoal.site.Sites;
import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.iceberg.IcebergImporter;
import io.shoal.site.iceberg.ImportResult;
import io.shoal.tpch.TpchSiteYaml;
import io.shoal.tpch.TpchSplit;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The demo's files: TPC-H split into {@code <dir>/tpch}, one YAML and one data folder per site
 * under {@code <dir>/sites}, and {@code <dir>/coordinator.yaml}. Knows nothing about processes, so
 * tests can build a demo folder and open its sites directly.
 */
public final class DemoSetup {

  /**
   * The residency policy every demo site gets, as the YAML flow mapping written under
   * {@code policy:}. Rows may leave (so the tour can show top-N and raw joins), aggregates need
   * groups of at least 5, and customers' phone numbers and addresses never leave their region.
   */
  public static final String POLICY =
      "{ export: rows, min-group-size: 5,"
          + " tables: { customer: { columns: { c_phone: deny, c_address: deny } } } }";

  /** The Iceberg namespace the TPC-H tables are imported into at every site. */
  public static final String NAMESPACE = "tpch";

  private static final String MARKER = "demo-data.properties";

  private final Path dir;
  private final double sf;
  private final int basePort;
  /** With {@code --lake}: the sites' {@code catalog:} (a REST catalog over S3Proxy); else null. */
  private Map<String, String> lakeCatalog;

  public DemoSetup(Path dir, double sf, int basePort) {
    this.dir = dir.toAbsolutePath().normalize();
    this.sf = sf;
    this.basePort = basePort;
  }

  /**
   * Puts every site's tables in the lake: Iceberg tables under the REST catalog {@code catalog}
   * (Iceberg's own properties), in namespace {@code <site>}, with data in object storage.
   */
  public DemoSetup withLake(Map<String, String> catalog) {
    this.lakeCatalog = catalog == null ? null : Map.copyOf(catalog);
    return this;
  }

  /** Where the lake's servers keep their data ({@code --lake}). */
  public Path lakeDir() {
    return dir.resolve("lake");
  }

  /** The namespace of one site's tables: {@code tpch}, or the site's name in a shared lake catalog. */
  String namespace(TpchSplit.Site site) {
    return lakeCatalog == null ? NAMESPACE : site.name();
  }

  public Path dir() {
    return dir;
  }

  public Path tpchDir() {
    return dir.resolve("tpch");
  }

  public Path sitesDir() {
    return dir.resolve("sites");
  }

  public Path siteYaml(String site) {
    return sitesDir().resolve(site + ".yaml");
  }

  public Path siteDataDir(String site) {
    return sitesDir().resolve(site + "-data");
  }

  public Path coordinatorYaml() {
    return dir.resolve("coordinator.yaml");
  }

  public Path logsDir() {
    return dir.resolve("logs");
  }

  /** The port site number {@code index} (0-based, in {@link TpchSplit#SITES} order) listens on. */
  public int port(int index) {
    return basePort + index;
  }

  /** The JDBC URL of the embedded driver for this demo. */
  public String jdbcUrl() {
    return "jdbc:shoal:config=" + coordinatorYaml();
  }

  // ---- a. generate ----------------------------------------------------------------------------

  /**
   * Generates TPC-H at this scale factor into {@link #tpchDir}. Forgets any earlier complete import
   * first, so an interrupted run is never mistaken for reusable data.
   */
  public TpchSplit.SplitResult generate(Consumer<String> progress) throws DemoException {
    try {
      Files.deleteIfExists(dir.resolve(MARKER));
      return TpchSplit.generate(sf, tpchDir(), progress);
    } catch (IOException | RuntimeException e) {
      throw new DemoException("generate", "TPC-H generation into " + tpchDir() + " failed: " + e.getMessage(), e);
    }
  }

  // ---- b. site configs and import -------------------------------------------------------------

  /** Writes {@code <dir>/sites/<site>.yaml} for every site; returns the files in site order. */
  public List<Path> writeSiteConfigs() throws DemoException {
    List<Path> files = new ArrayList<>();
    try {
      Files.createDirectories(sitesDir());
      for (int i = 0; i < TpchSplit.SITES.size(); i++) {
        TpchSplit.Site site = TpchSplit.SITES.get(i);
        Path yaml = siteYaml(site.name());
        Files.writeString(yaml, siteYamlText(site, port(i), lakeCatalog));
        files.add(yaml);
      }
    } catch (IOException e) {
      throw new DemoException("configure", "cannot write site configs into " + sitesDir() + ": " + e.getMessage(), e);
    }
    return files;
  }

  /** The YAML of one demo site. Paths are relative to the file, so the folder can be moved. */
  static String siteYamlText(TpchSplit.Site site, int port) {
    return siteYamlText(site, port, null);
  }

  static String siteYamlText(TpchSplit.Site site, int port, Map<String, String> lake) {
    String namespace = lake == null ? NAMESPACE : site.name();
    StringBuilder y = new StringBuilder();
    y.append("# Written by `shoal demo`: one region's share of TPC-H, served over Arrow Flight SQL.\n");
    y.append("name: ").append(site.name()).append('\n');
    y.append("region: ").append(site.region()).append('\n');
    y.append("listen: 127.0.0.1:").append(port).append('\n');
    y.append("data: ./").append(site.name()).append("-data\n");
    if (lake != null) {
      y.append("# The tables are in object storage (S3Proxy) under a REST catalog: Iceberg's own property names.\n");
      y.append("catalog: ").append(io.shoal.examples.lake.LakeServers.yaml(lake)).append('\n');
      y.append("file-cache: { max-size: 2GiB }\n");
    }
    y.append("tables:\n").append(TpchSiteYaml.tables(TpchSiteYaml.iceberg(namespace)));
    y.append("policy: ").append(POLICY).append('\n');
    return y.toString();
  }

  /**
   * Imports every table's Parquet file into each site's Iceberg catalog. Each site's data folder is
   * emptied first: importing twice would append the rows twice. Returns rows per site and table.
   */
  public Map<String, Map<String, Long>> importAll(Consumer<String> progress) throws DemoException {
    Map<String, Map<String, Long>> imported = new LinkedHashMap<>();
    IcebergImporter importer = new IcebergImporter();
    for (TpchSplit.Site site : TpchSplit.SITES) {
      SiteConfig config = loadSite(site.name());
      deleteTree(config.dataDir());
      Map<String, Long> counts = new LinkedHashMap<>();
      Catalog catalog = null;
      try {
        catalog = Sites.catalog(config);
        for (String table : TpchSplit.TABLES) {
          Path parquet = TpchSplit.parquetPath(tpchDir(), site.name(), table);
          long t0 = System.nanoTime();
          ImportResult r =
              importer.importFiles(
                  catalog, TableIdentifier.of(namespace(site), table), List.of(parquet), Sites.stagingDir(config), m -> {});
          counts.put(table, r.rows());
          progress.accept(
              String.format(
                  Locale.ROOT,
                  "%s.%s: %,d rows (%d ms)",
                  site.name(), table, r.rows(), (System.nanoTime() - t0) / 1_000_000));
        }
      } catch (SiteException e) {
        throw new DemoException("import", "site " + site.name() + ": " + e.getMessage(), e);
      } finally {
        closeQuietly(catalog);
      }
      imported.put(site.name(), counts);
    }
    return imported;
  }

  public SiteConfig loadSite(String site) throws DemoException {
    try {
      return SiteConfig.load(siteYaml(site));
    } catch (ConfigException e) {
      throw new DemoException("configure", e.getMessage(), e);
    }
  }

  // ---- c. coordinator --------------------------------------------------------------------------

  /** Writes {@code <dir>/coordinator.yaml}: the sites the embedded driver connects to. */
  public Path writeCoordinator() throws DemoException {
    StringBuilder y = new StringBuilder("# Written by `shoal demo`: the sites the coordinator queries.\n");
    y.append("sites:\n");
    for (int i = 0; i < TpchSplit.SITES.size(); i++) {
      y.append("  - { name: ")
          .append(TpchSplit.SITES.get(i).name())
          .append(", uri: \"grpc://127.0.0.1:")
          .append(port(i))
          .append("\" }\n");
    }
    try {
      Files.createDirectories(dir);
      Files.writeString(coordinatorYaml(), y.toString());
    } catch (IOException e) {
      throw new DemoException("configure", "cannot write " + coordinatorYaml() + ": " + e.getMessage(), e);
    }
    return coordinatorYaml();
  }

  // ---- --keep ----------------------------------------------------------------------------------

  /** True if an earlier run finished importing data at the same scale factor into this folder. */
  public boolean hasCompleteData() {
    Path marker = dir.resolve(MARKER);
    if (!Files.isRegularFile(marker)) return false;
    Properties p = new Properties();
    try (var in = Files.newInputStream(marker)) {
      p.load(in);
      if (Double.parseDouble(p.getProperty("sf", "-1")) != sf) return false;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
    return TpchSplit.SITES.stream().allMatch(s -> Files.isDirectory(siteDataDir(s.name())));
  }

  /** Records that the data for this scale factor is complete (read by {@link #hasCompleteData}). */
  public void markComplete() throws DemoException {
    Properties p = new Properties();
    p.setProperty("sf", Double.toString(sf));
    try (var out = Files.newOutputStream(dir.resolve(MARKER))) {
      p.store(out, "shoal demo: data imported completely");
    } catch (IOException e) {
      throw new DemoException("import", "cannot write " + dir.resolve(MARKER) + ": " + e.getMessage(), e);
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static void deleteTree(Path root) throws DemoException {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new DemoException("import", "cannot empty " + root + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Object o) {
    if (o instanceof Closeable c) {
      try {
        c.close();
      } catch (IOException ignored) {
        // the import is committed; a catalog that fails to close leaks one SQLite handle
      }
    }
  }
}

package io.shoal.tck;

import io.shoal.examples.lake.LakeServers;
import io.shoal.flight.SiteServer;
import io.shoal.site.Sites;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.iceberg.IcebergImporter;
import io.shoal.testsupport.PerJvm;
import io.shoal.tpch.TpchSiteYaml;
import io.shoal.tpch.TpchSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The three TPC-H sites of {@link TestFederation} (same files, same oracle) with their tables in
 * object storage: S3Proxy and Iceberg's REST catalog server on loopback, each in a JVM of its own;
 * each site's tables imported with {@code shoal import}'s importer through the REST catalog into
 * namespace {@code <site>}. Each site also has {@code events} as a local Parquet file (a table
 * that does not need the lake) and {@code appends}, a small Iceberg table for the append suite;
 * apac has {@code cache: memory} on top of its file cache.
 * Started once per test JVM and shared by the lake suites.
 */
public final class LakeFederation implements AutoCloseable {
  private static final PerJvm<LakeFederation> SHARED = new PerJvm<>(() -> {
    TestFederation local = TestFederation.get();
    return new LakeFederation(local.root().resolve("lake"), local.root().resolve("tpch"));
  });

  private final Path root;
  private final Path tpch;
  private final LakeServers lake;
  private final Map<String, SiteServer> servers = new LinkedHashMap<>();
  private final List<SiteServer> extra = new ArrayList<>();

  public static LakeFederation get() throws Exception {
    return SHARED.get();
  }

  private LakeFederation(Path root, Path tpch) throws Exception {
    this.root = root;
    this.tpch = tpch;
    Files.createDirectories(root);
    lake = LakeServers.start(Path.of(System.getProperty("shoal.lake.servers.dir")), root.resolve("servers"));
    // eu's clicks: a Parquet table named by an s3:// glob (the events rows, as objects).
    upload(tpch.resolve("eu").resolve("events.parquet"), "s3://" + LakeServers.BUCKET + "/globs/eu/part-0.parquet");
    Path appends = root.resolve("appends.csv");
    Files.writeString(appends, "id,name\n1,first\n");
    for (var site : TpchSplit.SITES) {
      String name = site.name();
      Path yaml = writeSite(name, site.region(), name, Map.of(), null);
      SiteConfig config = SiteConfig.load(yaml);
      Catalog catalog = Sites.catalog(config);
      IcebergImporter importer = new IcebergImporter();
      for (String table : TpchSplit.TABLES) {
        importer.importFiles(catalog, TableIdentifier.of(name, table),
            List.of(tpch.resolve(name).resolve(table + ".parquet")), Sites.stagingDir(config), null);
      }
      importer.importFiles(catalog, TableIdentifier.of(name, "appends"), List.of(appends), Sites.stagingDir(config), null);
      if (catalog instanceof AutoCloseable c) c.close();
      servers.put(name, SiteServer.start(config));
    }
  }

  /**
   * Writes a site YAML reading namespace {@code namespace} of the lake.
   *
   * @param override catalog properties replacing the lake's (e.g. a wrong secret)
   * @param dataDir the site's data folder, or null for {@code <root>/<name>}
   */
  Path writeSite(String name, String region, String namespace, Map<String, String> override, Path dataDir)
      throws Exception {
    Map<String, String> catalog = new LinkedHashMap<>(lake.siteCatalog());
    catalog.putAll(override);
    StringBuilder yaml = new StringBuilder()
        .append("name: ").append(name).append('\n')
        .append("region: ").append(region).append('\n')
        .append("listen: 127.0.0.1:0\n")
        .append("data: ").append(dataDir == null ? root.resolve(name) : dataDir).append('\n')
        .append("catalog: ").append(LakeServers.yaml(catalog)).append('\n')
        .append("file-cache: { max-size: 1GiB, fetch-threads: 4 }\n")
        // apac keeps its tables in memory too: the memory cache loads from the file cache's copies.
        .append(name.equals("apac") ? "cache: memory\n" : "")
        .append("tables:\n")
        .append(TpchSiteYaml.tables(TpchSiteYaml.iceberg(namespace)));
    yaml.append("  appends: { iceberg: ").append(namespace).append(".appends }\n");
    yaml.append("  events: { parquet: \"").append(tpch.resolve(namespace).resolve("events.parquet")).append("\" }\n");
    if (name.equals("eu")) {
      yaml.append("  clicks: { parquet: \"s3://").append(LakeServers.BUCKET).append("/globs/eu/*.parquet\" }\n");
    }
    Path file = root.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** Uploads a local file to {@code location} through an S3 client of its own (another writer). */
  void upload(Path file, String location) throws Exception {
    Map<String, String> props = io.shoal.site.store.Secrets.resolve(lake.siteCatalog(), null);
    try (org.apache.iceberg.io.FileIO store = io.shoal.site.store.ObjectStores.open(props);
        java.io.OutputStream out = store.newOutputFile(location).createOrOverwrite()) {
      Files.copy(file, out);
    }
  }

  /** Starts one more site over the lake (stopped with the fixture). */
  SiteServer startSite(String name, String namespace, Map<String, String> override) throws Exception {
    Path yaml = writeSite(name, name, namespace, override, null);
    SiteServer s = SiteServer.start(SiteConfig.load(yaml));
    extra.add(s);
    return s;
  }

  /** A {@code jdbc:shoal:} connection over the three lake sites, as an application opens it. */
  Connection federation() throws SQLException {
    List<String> parts = new ArrayList<>();
    servers.forEach((name, s) -> parts.add(name + "@grpc://127.0.0.1:" + s.port()));
    return DriverManager.getConnection("jdbc:shoal:sites=" + String.join(",", parts) + ";user=tck");
  }

  /** A {@code jdbc:shoal:} connection over one site. */
  static Connection federation(String name, SiteServer s) throws SQLException {
    return DriverManager.getConnection("jdbc:shoal:sites=" + name + "@grpc://127.0.0.1:" + s.port() + ";user=tck");
  }

  /** A catalog client of its own, as another engine would have (not the sites'). */
  Catalog otherClient() throws Exception {
    return Sites.catalog(SiteConfig.load(root.resolve("eu.yaml")));
  }

  LakeServers servers() {
    return lake;
  }

  Path root() {
    return root;
  }

  /** Runs {@code body} with the store or catalog stopped, starting it again after. */
  /** A test body that may throw. */
  interface Body {
    void run() throws Exception;
  }

  void without(String what, Body body) throws Exception {
    if (what.equals("store")) lake.stopStore();
    else lake.stopCatalog();
    try {
      body.run();
    } finally {
      if (what.equals("store")) lake.startStore();
      else lake.startCatalog();
    }
  }

  @Override
  public void close() {
    extra.forEach(SiteServer::close);
    servers.values().forEach(SiteServer::close);
    lake.close();
  }
}

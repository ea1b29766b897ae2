package io.shoal.examples.bench;

import io.shoal.examples.lake.LakeServers;
import io.shoal.flight.SiteServer;
import io.shoal.site.Sites;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.iceberg.IcebergImporter;
import io.shoal.tpch.TpchQueries;
import io.shoal.tpch.TpchSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * TPC-H Q1 and Q6 over three sites whose Iceberg tables are in object storage (S3Proxy under
 * Iceberg's REST catalog, on loopback), cold (every site's file cache emptied and the sites
 * restarted before the run), restarted with the cache kept (what of "cold" is the restart) and
 * warm, against the same queries over the same rows as Iceberg tables on the sites' local disks,
 * in the same run.
 *
 * <p>Usage: {@code LakeBenchmark [sf] [runs]} (default 0.1 and 5), with the JVM flag
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED} and {@code -Dshoal.lake.servers.dir=} the
 * {@code examples/lake-servers/target} folder (default: that folder under the working directory).
 */
public final class LakeBenchmark {
  private LakeBenchmark() {}

  public static void main(String[] args) throws Exception {
    double sf = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path servers = Path.of(System.getProperty("shoal.lake.servers.dir", "examples/lake-servers/target"));
    Path dir = Files.createTempDirectory("shoal-lake-bench-");
    System.out.printf(Locale.ROOT, "lake benchmark: TPC-H SF %s, 3 sites, %d runs per cell, in %s%n", sf, runs, dir);
    TpchSplit.generate(sf, dir.resolve("tpch"), line -> {});
    try (LakeServers lake = LakeServers.start(servers, dir.resolve("servers"))) {
      Map<String, Path> localYaml = new LinkedHashMap<>();
      Map<String, Path> lakeYaml = new LinkedHashMap<>();
      for (var site : TpchSplit.SITES) {
        localYaml.put(site.name(), writeSite(dir, site.name(), "local", Map.of()));
        lakeYaml.put(site.name(), writeSite(dir, site.name(), "lake", lake.siteCatalog()));
        importAll(dir, site.name(), localYaml.get(site.name()));
        importAll(dir, site.name(), lakeYaml.get(site.name()));
      }
      Map<String, SiteServer> local = start(localYaml);
      Map<String, SiteServer> remote = start(lakeYaml);
      try (Connection localFed = connect(local)) {
        System.out.println();
        System.out.println("query  local ms  lake cold ms  lake restart ms  lake warm ms  cold/local  warm/local  cold MB fetched");
        for (int q : List.of(1, 6)) {
          String sql = TpchQueries.get(q);
          time(localFed, sql); // warm-up
          double localMs = median(localFed, sql, runs);
          List<Double> cold = new ArrayList<>();
          long fetched = 0;
          for (int r = 0; r < runs; r++) {
            remote.values().forEach(SiteServer::close);
            for (var e : lakeYaml.entrySet()) deleteTree(dir.resolve("lake-" + e.getKey()).resolve("file-cache"));
            remote = start(lakeYaml);
            try (Connection c = connect(remote)) {
              cold.add(time(c, sql));
              fetched = storeBytes(c, sql);
            }
          }
          // The same restart with the file cache kept: what of "cold" is the restarted site, not the fetch.
          List<Double> restarted = new ArrayList<>();
          for (int r = 0; r < runs; r++) {
            remote.values().forEach(SiteServer::close);
            remote = start(lakeYaml);
            try (Connection c = connect(remote)) {
              restarted.add(time(c, sql));
            }
          }
          double warmMs;
          try (Connection c = connect(remote)) {
            time(c, sql);
            warmMs = median(c, sql, runs);
            if (storeBytes(c, sql) != 0) throw new IllegalStateException("a warm run fetched from the store");
          }
          double coldMs = median(cold);
          System.out.printf(Locale.ROOT, "Q%-4d  %8.1f  %12.1f  %15.1f  %12.1f  %10.2f  %10.2f  %15.2f%n",
              q, localMs, coldMs, median(restarted), warmMs, coldMs / localMs, warmMs / localMs, fetched / 1e6);
        }
      } finally {
        local.values().forEach(SiteServer::close);
        remote.values().forEach(SiteServer::close);
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static Path writeSite(Path dir, String name, String kind, Map<String, String> catalog) throws Exception {
    StringBuilder yaml = new StringBuilder()
        .append("name: ").append(name).append('\n')
        .append("region: ").append(TpchSplit.site(name).region()).append('\n')
        .append("listen: 127.0.0.1:0\n")
        .append("data: ").append(dir.resolve(kind + "-" + name)).append('\n')
        .append("threads: 1\n");
    if (!catalog.isEmpty()) yaml.append("catalog: ").append(LakeServers.yaml(catalog)).append('\n');
    yaml.append("tables:\n");
    for (String table : TpchSplit.TABLES) {
      yaml.append("  ").append(table).append(": { iceberg: ").append(name).append('.').append(table);
      if (TpchSplit.REPLICATED.contains(table)) yaml.append(", distribution: replicated");
      yaml.append(" }\n");
    }
    Path file = dir.resolve(kind + "-" + name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static void importAll(Path dir, String site, Path yaml) throws Exception {
    SiteConfig config = SiteConfig.load(yaml);
    Catalog catalog = Sites.catalog(config);
    for (String table : TpchSplit.TABLES) {
      new IcebergImporter().importFiles(catalog, TableIdentifier.of(site, table),
          List.of(TpchSplit.parquetPath(dir.resolve("tpch"), site, table)), Sites.stagingDir(config), null);
    }
    if (catalog instanceof AutoCloseable c) c.close();
  }

  private static Map<String, SiteServer> start(Map<String, Path> yamls) {
    Map<String, SiteServer> out = new LinkedHashMap<>();
    yamls.forEach((name, yaml) -> {
      try {
        out.put(name, SiteServer.start(SiteConfig.load(yaml)));
      } catch (Exception e) {
        throw new IllegalStateException("site " + name + ": " + e.getMessage(), e);
      }
    });
    return out;
  }

  private static Connection connect(Map<String, SiteServer> sites) throws Exception {
    List<String> parts = new ArrayList<>();
    sites.forEach((name, s) -> parts.add(name + "@grpc://127.0.0.1:" + s.port()));
    return DriverManager.getConnection("jdbc:shoal:sites=" + String.join(",", parts) + ";user=bench");
  }

  private static double time(Connection c, String sql) throws Exception {
    long t0 = System.nanoTime();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        // drain
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double median(Connection c, String sql, int runs) throws Exception {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < runs; i++) ms.add(time(c, sql));
    return median(ms);
  }

  private static double median(List<Double> ms) {
    double[] a = ms.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(a);
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
  }

  /** store_bytes summed over the sites for the newest run of {@code sql} in shoal.queries. */
  private static long storeBytes(Connection c, String sql) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT coalesce(sum(store_bytes), 0) FROM shoal.queries WHERE query_text = ? AND started = "
            + "(SELECT max(started) FROM shoal.queries WHERE query_text = ?)")) {
      ps.setString(1, sql);
      ps.setString(2, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) return;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}

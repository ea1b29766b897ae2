package io.shoal.site.cli;

import io.shoal.site.SiteException;
import io.shoal.site.Sites;
import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.config.TableConfig;
import io.shoal.site.iceberg.IcebergImporter;
import io.shoal.site.iceberg.ImportResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal import --config site.yaml --table NAME FILE...}: creates or appends to the Iceberg
 * table that the site config maps NAME to, in one atomic commit.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = "Load CSV or Parquet files into a site's Iceberg table (one atomic append).")
public final class ImportCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, description = "the site's YAML file")
  Path config;

  @Option(
      names = "--table",
      required = true,
      description = "table name in the site config (an iceberg: table), or an Iceberg identifier ns.table")
  String table;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "CSV (.csv, .csv.gz) or Parquet files")
  List<Path> files;

  @Override
  public Integer call() {
    try {
      SiteConfig site = SiteConfig.load(config);
      TableIdentifier id = identifier(site);
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          System.err.println("shoal import: " + f + ": no such file");
          return 2;
        }
      }
      long t0 = System.nanoTime();
      ImportResult r =
          new IcebergImporter()
              .importFiles(
                  Sites.catalog(site), id, files, Sites.stagingDir(site), m -> System.err.println("  " + m));
      System.out.printf(
          "imported %,d rows from %d file(s) into %s (snapshot %d) in %.1f s%n",
          r.rows(), r.files(), id, r.snapshotId(), (System.nanoTime() - t0) / 1e9);
      return 0;
    } catch (ConfigException e) {
      System.err.println("shoal import: " + e.getMessage());
      return 2;
    } catch (SiteException e) {
      System.err.println("shoal import: " + e.getMessage());
      return 1;
    }
  }

  private TableIdentifier identifier(SiteConfig site) throws ConfigException {
    TableConfig t = site.tables().get(table.toLowerCase(java.util.Locale.ROOT));
    if (t != null) {
      if (t.iceberg() == null) {
        throw new ConfigException(
            site.file() + ": table '" + table + "' is a " + t.format() + " table; import needs an iceberg: table");
      }
      return TableIdentifier.parse(t.iceberg());
    }
    if (table.contains(".")) return TableIdentifier.parse(table);
    throw new ConfigException(
        site.file() + ": no table '" + table + "' in tables (give a configured table or an Iceberg id ns.table)");
  }
}

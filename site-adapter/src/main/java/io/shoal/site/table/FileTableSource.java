package io.shoal.site.table;

import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.config.TableConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.util.List;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A table whose rows DuckDB reads directly: a Parquet or CSV glob, or a table of the site's own
 * DuckDB file. Registered once as a view; the view is re-read by every query, so new files matching
 * a glob show up without a restart.
 */
public final class FileTableSource implements TableSource {

  private final String name;
  private final TableConfig config;
  private TableInfo info;

  public FileTableSource(String name, TableConfig config) {
    this.name = name;
    this.config = config;
  }

  @Override
  public String name() {
    return name;
  }

  /** The SELECT the view stands for. */
  String body() {
    if (config.parquet() != null) {
      return "SELECT * FROM read_parquet(" + Sql.literal(config.parquet()) + ")";
    }
    if (config.csv() != null) {
      return "SELECT * FROM read_csv(" + Sql.literal(config.csv()) + ", header = true)";
    }
    return "SELECT * FROM " + Sql.ident(DuckCatalog.SITE_DB) + ".main." + Sql.ident(config.duckdb());
  }

  @Override
  public void register(Connection duckdb) throws SQLException {
    try (var st = duckdb.createStatement()) {
      st.execute("CREATE OR REPLACE VIEW " + Sql.ident(name) + " AS " + body());
    }
    info = DuckCatalog.describe(duckdb, name, config.format(), config.distribution(), config.keys(), null);
  }

  @Override
  public Optional<QueryBinding> bind(ParsedFragment fragment) {
    return Optional.empty();
  }

  /**
   * For Parquet and CSV: the matching files with their sizes and modification times, so that a
   * new, removed or rewritten file changes the key. Empty (read the files) if listing fails.
   */
  @Override
  public Optional<CacheVersion> currentVersion() {
    String glob = config.parquet() != null ? config.parquet() : config.csv();
    if (glob == null) return Optional.empty();
    try {
      List<Path> files = FileGlobs.list(glob);
      StringBuilder key = new StringBuilder();
      for (Path f : files) {
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        key.append(f).append('|').append(a.size()).append('|').append(a.lastModifiedTime().toMillis()).append('\n');
      }
      return Optional.of(new CacheVersion(sha256(key.toString()), null, body(), files.size()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String sha256(String s) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public TableInfo describe() throws SiteException {
    if (info == null) throw new SiteException(SiteException.Kind.INTERNAL, "table " + name + " is not registered");
    return info;
  }
}

package io.shoal.site.store;

import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.config.TableConfig;
import io.shoal.site.table.DuckCatalog;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.QueryBinding;
import io.shoal.site.table.Sql;
import io.shoal.site.table.TableSource;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * A Parquet or CSV table whose files are an {@code s3://bucket/prefix/*.parquet} glob. Each fragment
 * lists the prefix once (through the site's store client), fetches the files it has no copy of
 * into the file cache and reads the copies, so files added to the prefix show up in the next query.
 */
public final class ObjectGlobTableSource implements TableSource {
  private final String site;
  private final String name;
  private final TableConfig config;
  private final FileIO io;
  private final FileCache cache;
  private final StoreErrors.Endpoints endpoints;
  private TableInfo info;

  public ObjectGlobTableSource(
      String site, String name, TableConfig config, FileIO io, FileCache cache, StoreErrors.Endpoints endpoints) {
    this.site = site;
    this.name = name;
    this.config = config;
    this.io = io;
    this.cache = cache;
    this.endpoints = endpoints;
  }

  @Override
  public String name() {
    return name;
  }

  private String glob() {
    return config.parquet() != null ? config.parquet() : config.csv();
  }

  /** A view over copies made now, so that DuckDB can tell the columns (and the guard its shadow). */
  @Override
  public void register(Connection duckdb) throws SQLException {
    Bound b;
    try {
      b = bindNow();
    } catch (SiteException e) {
      throw new SQLException(e.getMessage(), e);
    }
    try (var st = duckdb.createStatement()) {
      st.execute("CREATE OR REPLACE VIEW " + Sql.ident(name) + " AS " + b.sql);
    } finally {
      b.lease.close();
    }
    info = DuckCatalog.describe(duckdb, name, config.format(), config.distribution(), config.keys(), null);
  }

  @Override
  public Optional<QueryBinding> bind(ParsedFragment fragment) throws SiteException {
    Bound b = bindNow();
    return Optional.of(new QueryBinding(b.sql, null, b.files, b.files, null, b.lease::close, b.lease.fetchedBytes()));
  }

  private record Bound(String sql, int files, FileCache.Lease lease) {}

  private Bound bindNow() throws SiteException {
    List<FileCache.RemoteFile> files;
    try {
      files = list();
    } catch (RuntimeException e) {
      throw StoreErrors.of(site, name, "list " + glob(), e, endpoints);
    }
    if (files.isEmpty()) {
      throw new SiteException(SiteException.Kind.DATA_ERROR,
          "site " + site + ": table " + name + ": no object matches " + glob() + " at " + endpoints.store());
    }
    FileCache.Lease lease;
    try {
      lease = cache.fetch(files, io);
    } catch (java.io.IOException | RuntimeException e) {
      throw StoreErrors.of(site, name, "fetch its files", e, endpoints);
    }
    StringBuilder list = new StringBuilder("[");
    for (Path p : lease.paths()) list.append(list.length() > 1 ? ", " : "").append(Sql.literal(p.toString()));
    list.append(']');
    String sql = config.parquet() != null
        ? "SELECT * FROM read_parquet(" + list + ")"
        : "SELECT * FROM read_csv(" + list + ", header = true)";
    return new Bound(sql, files.size(), lease);
  }

  /** The objects matching the glob, sorted, with size and creation time (the copy's key). */
  List<FileCache.RemoteFile> list() {
    if (!(io instanceof SupportsPrefixOperations prefixes)) {
      throw new IllegalStateException("the store's FileIO cannot list objects");
    }
    String glob = glob();
    String root = root(glob);
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + withoutScheme(glob));
    List<FileCache.RemoteFile> out = new ArrayList<>();
    for (FileInfo f : prefixes.listPrefix(root)) {
      if (matcher.matches(Path.of(withoutScheme(f.location())))) {
        out.add(new FileCache.RemoteFile(f.location(), f.size(), Long.toString(f.createdAtMillis())));
      }
    }
    out.sort(java.util.Comparator.comparing(FileCache.RemoteFile::location));
    return out;
  }

  /** The glob up to its last '/' before the first wildcard. */
  static String root(String glob) {
    int wild = glob.length();
    for (int i = 0; i < glob.length(); i++) {
      if ("*?[{".indexOf(glob.charAt(i)) >= 0) {
        wild = i;
        break;
      }
    }
    if (wild == glob.length()) return glob;
    return glob.substring(0, glob.lastIndexOf('/', wild) + 1);
  }

  private static String withoutScheme(String location) {
    int i = location.indexOf("://");
    return i < 0 ? location : location.substring(i + 3);
  }

  @Override
  public TableInfo describe() throws SiteException {
    if (info == null) throw new SiteException(SiteException.Kind.INTERNAL, "table " + name + " is not registered");
    return info;
  }
}

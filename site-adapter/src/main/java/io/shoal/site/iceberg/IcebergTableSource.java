package io.shoal.site.iceberg;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Distribution;
import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.store.FileCache;
import io.shoal.site.store.StoreErrors;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.QueryBinding;
import io.shoal.site.table.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * An Iceberg table read by DuckDB. Each fragment pins the current snapshot, lets Iceberg plan the
 * data files its WHERE needs, and reads exactly those with {@code read_parquet}, mapping columns by
 * field id so renamed and added columns read right.
 */
public class IcebergTableSource implements TableSource {

  private final String name;
  private final CatalogHandle catalog;
  private final TableIdentifier id;
  private final Distribution distribution;
  private final Map<String, String> keys;
  private final String site;
  /** Local copies of data files that are in object storage; null when the site has none. */
  private final FileCache files;

  public IcebergTableSource(
      String name,
      Catalog catalog,
      TableIdentifier id,
      Distribution distribution,
      Map<String, String> keys) {
    this(name, CatalogHandle.of(catalog), id, distribution, keys, "site", null);
  }

  /**
   * @param site the site's name, for errors
   * @param files where data files read from object storage are copied for DuckDB; may be null when
   *     every data file is on the site's disk
   */
  public IcebergTableSource(
      String name,
      CatalogHandle catalog,
      TableIdentifier id,
      Distribution distribution,
      Map<String, String> keys,
      String site,
      FileCache files) {
    this.name = name;
    this.catalog = catalog;
    this.id = id;
    this.distribution = distribution;
    this.keys = keys == null ? Map.of() : Map.copyOf(keys);
    this.site = site;
    this.files = files;
  }

  @Override
  public String name() {
    return name;
  }

  /** Nothing to do: Iceberg tables are bound per fragment. */
  @Override
  public void register(Connection duckdb) {}

  @Override
  public Optional<QueryBinding> bind(ParsedFragment fragment) throws SiteException {
    try {
      return Optional.of(bindOrThrow(fragment));
    } catch (RuntimeException e) {
      if (StoreErrors.fromStore(e) || e instanceof org.apache.iceberg.exceptions.RESTException) {
        throw StoreErrors.of(site, name, "plan the scan", e, catalog.endpoints());
      }
      // e.g. a manifest that is missing or unreadable: report it as a data error on this table.
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "table " + name + " (iceberg " + id + "): cannot plan the scan: " + e.getMessage(),
          e);
    }
  }

  private QueryBinding bindOrThrow(ParsedFragment fragment) throws SiteException {
    Table table = load();
    Schema schema = table.schema();
    Snapshot snapshot = table.currentSnapshot();
    if (snapshot == null) {
      return new QueryBinding(emptyView(schema), null, 0, 0);
    }
    long snapshotId = snapshot.snapshotId();
    Schema snapshotSchema = schema;
    if (snapshot.schemaId() != null && table.schemas().containsKey(snapshot.schemaId())) {
      snapshotSchema = table.schemas().get(snapshot.schemaId());
    }
    Expression filter;
    try {
      filter =
          IcebergPredicates.fromFragment(
              fragment == null ? null : fragment.statement(), name, schema, snapshotSchema);
    } catch (RuntimeException e) {
      filter = Expressions.alwaysTrue(); // never fail a query over pruning
    }
    List<FileCache.RemoteFile> planned;
    try {
      planned = plan(table, snapshotId, filter);
    } catch (org.apache.iceberg.exceptions.ValidationException e) {
      planned = plan(table, snapshotId, Expressions.alwaysTrue());
    }
    int total = totalFiles(table, snapshot);
    Local local = local(table, planned);
    String viewSql = planned.isEmpty() ? emptyView(schema) : parquetView(schema, local.paths());
    return new QueryBinding(
        viewSql, snapshotId, planned.size(), total, null, local.lease() == null ? null : local.lease()::close,
        local.lease() == null ? 0 : local.lease().fetchedBytes());
  }

  /** Paths DuckDB can read, and the lease that keeps fetched copies until the fragment ends. */
  private record Local(List<String> paths, FileCache.Lease lease) {}

  /**
   * Local files as they are; object-store files fetched (in parallel, only the missing ones) into
   * the site's file cache.
   */
  private Local local(Table table, List<FileCache.RemoteFile> planned) throws SiteException {
    List<FileCache.RemoteFile> remote = new ArrayList<>();
    for (FileCache.RemoteFile f : planned) {
      if (io.shoal.site.config.SiteConfig.isObjectStore(f.location())) remote.add(f);
    }
    if (remote.isEmpty()) {
      List<String> paths = new ArrayList<>();
      for (FileCache.RemoteFile f : planned) paths.add(LocalFileIO.toPath(f.location()).toString());
      return new Local(paths, null);
    }
    if (files == null) {
      throw new SiteException(SiteException.Kind.INTERNAL,
          "site " + site + ": table " + name + " has data files in object storage but the site has no file cache");
    }
    FileCache.Lease lease;
    try {
      lease = files.fetch(remote, table.io());
    } catch (java.io.IOException | RuntimeException e) {
      throw StoreErrors.of(site, name, "fetch its data files", e, catalog.endpoints());
    }
    List<String> paths = new ArrayList<>();
    int next = 0;
    for (FileCache.RemoteFile f : planned) {
      paths.add(io.shoal.site.config.SiteConfig.isObjectStore(f.location())
          ? lease.paths().get(next++).toString()
          : LocalFileIO.toPath(f.location()).toString());
    }
    return new Local(paths, lease);
  }

  /**
   * The current snapshot and schema: the memory cache holds exactly the rows a full read of that
   * snapshot returns, with the current schema's column names (a rename changes the schema id, not
   * the snapshot, so both make the key).
   */
  @Override
  public Optional<io.shoal.site.table.CacheVersion> currentVersion() throws SiteException {
    try {
      Table table = load();
      Snapshot snapshot = table.currentSnapshot();
      if (snapshot == null) return Optional.empty();
      Schema schema = table.schema();
      List<FileCache.RemoteFile> planned = plan(table, snapshot.snapshotId(), Expressions.alwaysTrue());
      // The memory cache reads the copies right after this; the lease only has to cover the fetch
      // (a copy evicted in between fails that load, and the next one fetches it again).
      Local local = local(table, planned);
      if (local.lease() != null) local.lease().close();
      String select = planned.isEmpty() ? emptyView(schema) : parquetView(schema, local.paths());
      return Optional.of(
          new io.shoal.site.table.CacheVersion(
              snapshot.snapshotId() + "/" + schema.schemaId(), snapshot.snapshotId(), select, planned.size()));
    } catch (RuntimeException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "table " + name + " (iceberg " + id + "): cannot plan the scan: " + e.getMessage(),
          e);
    }
  }

  /**
   * Columns and row count as of the last load. The guard asks for every table's columns every few
   * seconds and site-info asks for all of them: a catalog or store that hangs must not hold up
   * queries on the site's other tables. So only the first description waits for the catalog; after
   * that a description older than {@link #DESCRIBE_NANOS} is given as it is (or its failure thrown)
   * while one background refresh asks the catalog again.
   */
  @Override
  public TableInfo describe() throws SiteException {
    Described d = described;
    if (d == null) {
      synchronized (describing) {
        d = described;
        if (d == null) d = describeNow();
      }
    } else if (System.nanoTime() - d.at() > DESCRIBE_NANOS && refreshing.compareAndSet(false, true)) {
      try {
        REFRESHERS.execute(() -> {
          try {
            synchronized (describing) {
              describeNow();
            }
          } finally {
            refreshing.set(false);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        refreshing.set(false);
      }
    }
    // A table described once keeps its last description through an outage: its queries fail with
    // the catalog's or store's own error at bind time, instead of "does not exist".
    if (d.info() != null) return d.info();
    throw d.failure();
  }

  private Described describeNow() {
    Described d;
    try {
      Table table = load();
      try {
        d = new Described(System.nanoTime(), describe(table), null);
      } catch (RuntimeException e) {
        d = failed(new SiteException(
            SiteException.Kind.DATA_ERROR, "table " + name + " (iceberg " + id + "): " + e.getMessage(), e));
      }
    } catch (SiteException e) {
      d = failed(e);
    }
    described = d;
    return d;
  }

  private Described failed(SiteException e) {
    Described last = described;
    return new Described(System.nanoTime(), last == null ? null : last.info(), e);
  }

  /** How long a description (or the failure to get one) is given without asking the catalog again. */
  static final long DESCRIBE_NANOS = 2_000_000_000L;

  /** Background refreshes of descriptions; daemon threads that end when idle. */
  private static final java.util.concurrent.ExecutorService REFRESHERS =
      new java.util.concurrent.ThreadPoolExecutor(0, 4, 30, java.util.concurrent.TimeUnit.SECONDS,
          new java.util.concurrent.SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "shoal-iceberg-describe");
            t.setDaemon(true);
            return t;
          });

  private final java.util.concurrent.atomic.AtomicBoolean refreshing = new java.util.concurrent.atomic.AtomicBoolean();

  private record Described(long at, TableInfo info, SiteException failure) {}

  private volatile Described described;
  private final Object describing = new Object();

  private TableInfo describe(Table table) {
    List<ColumnInfo> columns = new ArrayList<>();
    for (Types.NestedField f : table.schema().columns()) {
      columns.add(new ColumnInfo(f.name(), IcebergTypes.toDuckDb(f.type()), f.isOptional()));
    }
    Snapshot snapshot = table.currentSnapshot();
    long rows = 0;
    Long snapshotId = null;
    if (snapshot != null) {
      snapshotId = snapshot.snapshotId();
      rows = summaryLong(snapshot, SnapshotSummary.TOTAL_RECORDS_PROP, -1);
    }
    return new TableInfo(name, "iceberg", columns, rows, distribution, keys, snapshotId);
  }

  /** The loaded table, kept between fragments; {@link Table#refresh} re-reads only a moved pointer. */
  private volatile Table loaded;

  /**
   * Planned files per (snapshot, filter): a snapshot never changes, so the same filter on the same
   * snapshot plans the same files. Bounded; cleared wholesale when full.
   */
  private final java.util.Map<String, List<FileCache.RemoteFile>> planned = new java.util.concurrent.ConcurrentHashMap<>();

  private Table load() throws SiteException {
    Catalog catalog = this.catalog.get(name);
    try {
      Table t = loaded;
      if (t == null) {
        t = catalog.loadTable(id);
        loaded = t;
      } else {
        // One catalog lookup of the current metadata pointer; metadata is re-read only if it moved.
        t.refresh();
      }
      return t;
    } catch (NoSuchTableException e) {
      loaded = null;
      throw new SiteException(
          SiteException.Kind.NOT_FOUND,
          "table " + name + ": Iceberg table " + id + " does not exist");
    } catch (RuntimeException e) {
      loaded = null;
      throw StoreErrors.of(site, name, "load Iceberg table " + id, e, this.catalog.endpoints());
    }
  }

  private List<FileCache.RemoteFile> plan(Table table, long snapshotId, Expression filter)
      throws SiteException {
    String key = snapshotId + "|" + filter;
    List<FileCache.RemoteFile> cached = planned.get(key);
    if (cached != null) return cached;
    List<FileCache.RemoteFile> files = planFiles(table, snapshotId, filter);
    if (planned.size() > 256) planned.clear();
    planned.put(key, List.copyOf(files));
    return files;
  }

  /** The data files a scan needs, with their sizes (from the manifests: no request per file). */
  private List<FileCache.RemoteFile> planFiles(Table table, long snapshotId, Expression filter)
      throws SiteException {
    Map<String, FileCache.RemoteFile> files = new java.util.LinkedHashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshotId).caseSensitive(false).filter(filter).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          throw new SiteException(
              SiteException.Kind.DATA_ERROR,
              "table "
                  + name
                  + " (iceberg "
                  + id
                  + ") has delete files at snapshot "
                  + snapshotId
                  + "; Shoal cannot read row-level deletes yet");
        }
        String location = task.file().location();
        files.putIfAbsent(location, new FileCache.RemoteFile(location, task.file().fileSizeInBytes()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(files.values());
  }

  private int totalFiles(Table table, Snapshot snapshot) throws SiteException {
    long fromSummary = summaryLong(snapshot, SnapshotSummary.TOTAL_DATA_FILES_PROP, -1);
    if (fromSummary >= 0) {
      return (int) fromSummary;
    }
    return plan(table, snapshot.snapshotId(), Expressions.alwaysTrue()).size();
  }

  private static long summaryLong(Snapshot snapshot, String key, long fallback) {
    String v = snapshot.summary() == null ? null : snapshot.summary().get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  /** A view with the table's columns and no rows. */
  static String emptyView(Schema schema) {
    StringBuilder sb = new StringBuilder("SELECT ");
    List<Types.NestedField> cols = schema.columns();
    for (int i = 0; i < cols.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("CAST(NULL AS ").append(IcebergTypes.toDuckDb(cols.get(i).type())).append(") AS ");
      sb.append(IcebergTypes.quoteIdent(cols.get(i).name()));
    }
    return sb.append(" WHERE false").toString();
  }

  /** read_parquet over the planned files, columns mapped by Iceberg field id. */
  static String parquetView(Schema schema, List<String> files) {
    StringBuilder cols = new StringBuilder();
    StringBuilder map = new StringBuilder();
    List<Types.NestedField> fields = schema.columns();
    for (int i = 0; i < fields.size(); i++) {
      Types.NestedField f = fields.get(i);
      if (i > 0) {
        cols.append(", ");
        map.append(", ");
      }
      cols.append(IcebergTypes.quoteIdent(f.name()));
      map.append(f.fieldId())
          .append(": {name: ")
          .append(quoteString(f.name()))
          .append(", type: ")
          .append(quoteString(IcebergTypes.toDuckDb(f.type())))
          .append(", default_value: NULL}");
    }
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < files.size(); i++) {
      if (i > 0) {
        list.append(", ");
      }
      list.append(quoteString(files.get(i)));
    }
    return "SELECT "
        + cols
        + " FROM read_parquet(["
        + list
        + "], schema=MAP {"
        + map
        + "})";
  }

  static String quoteString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}

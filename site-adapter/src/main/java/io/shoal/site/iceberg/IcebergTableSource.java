package io.shoal.site.iceberg;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Distribution;
import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.QueryBinding;
import io.shoal.site.table.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final Catalog catalog;
  private final TableIdentifier id;
  private final Distribution distribution;
  private final Map<String, String> keys;

  public IcebergTableSource(
      String name,
      Catalog catalog,
      TableIdentifier id,
      Distribution distribution,
      Map<String, String> keys) {
    this.name = name;
    this.catalog = catalog;
    this.id = id;
    this.distribution = distribution;
    this.keys = keys == null ? Map.of() : Map.copyOf(keys);
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
    List<String> files;
    try {
      files = plan(table, snapshotId, filter);
    } catch (org.apache.iceberg.exceptions.ValidationException e) {
      files = plan(table, snapshotId, Expressions.alwaysTrue());
    }
    int total = totalFiles(table, snapshot);
    String viewSql = files.isEmpty() ? emptyView(schema) : parquetView(schema, files);
    return new QueryBinding(viewSql, snapshotId, files.size(), total);
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
      List<String> files = plan(table, snapshot.snapshotId(), Expressions.alwaysTrue());
      String select = files.isEmpty() ? emptyView(schema) : parquetView(schema, files);
      return Optional.of(
          new io.shoal.site.table.CacheVersion(
              snapshot.snapshotId() + "/" + schema.schemaId(), snapshot.snapshotId(), select, files.size()));
    } catch (RuntimeException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "table " + name + " (iceberg " + id + "): cannot plan the scan: " + e.getMessage(),
          e);
    }
  }

  @Override
  public TableInfo describe() throws SiteException {
    Table table = load();
    try {
      return describe(table);
    } catch (RuntimeException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "table " + name + " (iceberg " + id + "): " + e.getMessage(),
          e);
    }
  }

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
  private final java.util.Map<String, List<String>> planned = new java.util.concurrent.ConcurrentHashMap<>();

  private Table load() throws SiteException {
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
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "table " + name + ": cannot load Iceberg table " + id + ": " + e.getMessage(),
          e);
    }
  }

  private List<String> plan(Table table, long snapshotId, Expression filter)
      throws SiteException {
    String key = snapshotId + "|" + filter;
    List<String> cached = planned.get(key);
    if (cached != null) return cached;
    List<String> files = planFiles(table, snapshotId, filter);
    if (planned.size() > 256) planned.clear();
    planned.put(key, List.copyOf(files));
    return files;
  }

  private List<String> planFiles(Table table, long snapshotId, Expression filter)
      throws SiteException {
    Set<String> files = new LinkedHashSet<>();
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
        files.add(LocalFileIO.toPath(task.file().location()).toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(files);
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

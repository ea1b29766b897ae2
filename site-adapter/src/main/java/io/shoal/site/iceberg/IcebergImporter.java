package io.shoal.site.iceberg;

import io.shoal.site.SiteException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Loads CSV and Parquet files into an Iceberg table: DuckDB converts each file to Parquet with
 * Iceberg field ids, and one Iceberg commit appends them all with column metrics (so scans can
 * prune). If anything fails before that commit, the written files are deleted and the table is left
 * exactly as it was (a table that did not exist is not created).
 */
public class IcebergImporter {

  /**
   * Imports {@code files} into table {@code id}, creating it from the first file if missing. Holds
   * the site's import lock meanwhile, and first removes what a killed import left behind.
   */
  public ImportResult importFiles(
      Catalog catalog,
      TableIdentifier id,
      List<Path> files,
      Path stagingDir,
      Consumer<String> progress)
      throws SiteException {
    try (ImportCleanup lock = ImportCleanup.lock(stagingDir)) {
      List<Path> orphans = lock.clean(catalog, List.of(id), stagingDir);
      if (!orphans.isEmpty() && progress != null) {
        progress.accept("removed " + orphans.size() + " file(s) an earlier import left behind");
      }
      return importLocked(catalog, id, files, stagingDir, progress);
    } catch (IOException | RuntimeException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR, "import into " + id + ": cannot take the import lock: " + firstLine(e), e);
    }
  }

  private ImportResult importLocked(
      Catalog catalog,
      TableIdentifier id,
      List<Path> files,
      Path stagingDir,
      Consumer<String> progress)
      throws SiteException {
    if (files == null || files.isEmpty()) {
      throw new SiteException(SiteException.Kind.INVALID_SQL, "import into " + id + ": no files");
    }
    Consumer<String> report = progress == null ? m -> {} : progress;
    for (Path f : files) {
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        throw new SiteException(
            SiteException.Kind.DATA_ERROR, "import into " + id + ": cannot read file " + f);
      }
      sourceFunction(f, id); // fail early on unsupported extensions
    }
    List<Path> written = new ArrayList<>();
    // Objects uploaded for this import: deleted unless the commit references them.
    List<String> uploaded = new ArrayList<>();
    org.apache.iceberg.io.FileIO tableIo = null;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      Transaction create = null;
      Table table;
      if (catalog.tableExists(id)) {
        table = catalog.loadTable(id);
      } else {
        Schema schema = schemaOf(duck, files.get(0), id);
        createNamespace(catalog, id.namespace());
        // A create transaction: the table only appears when the data is committed with it.
        create = catalog.buildTable(id, schema).createTransaction();
        table = create.table();
      }
      Schema schema = table.schema();
      PartitionSpec spec = table.spec();
      tableIo = table.io();
      if (spec.isPartitioned()) {
        throw new SiteException(
            SiteException.Kind.REFUSED,
            "import into " + id + ": partitioned Iceberg tables are not supported yet");
      }
      // A table in object storage gets its files through the table's own FileIO (S3FileIO); a
      // local one by a rename into its data folder, as before.
      boolean remote = io.shoal.site.config.SiteConfig.isObjectStore(table.location());
      Path dataDir = remote ? null : LocalFileIO.toPath(table.location()).resolve("data");
      if (dataDir != null) Files.createDirectories(dataDir);
      Files.createDirectories(stagingDir);

      List<DataFile> dataFiles = new ArrayList<>();
      long totalRows = 0;
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        Path staged = stagingDir.resolve(UUID.randomUUID() + ".parquet").toAbsolutePath();
        written.add(staged);
        long rows = convert(duck, file, schema, staged, id);
        String location;
        long size;
        Metrics metrics;
        if (remote) {
          metrics = ParquetMetrics.read(duck, staged.toString(), schema, rows);
          size = Files.size(staged);
          location = stripSlash(table.location()) + "/data/" + staged.getFileName();
          uploaded.add(location);
          try (java.io.OutputStream out = table.io().newOutputFile(location).createOrOverwrite()) {
            Files.copy(staged, out);
          }
          Files.deleteIfExists(staged);
        } else {
          Path dest = dataDir.resolve(staged.getFileName()).toAbsolutePath();
          written.add(dest);
          move(staged, dest);
          metrics = ParquetMetrics.read(duck, dest.toString(), schema, rows);
          size = Files.size(dest);
          location = dest.toString();
        }
        dataFiles.add(
            DataFiles.builder(spec)
                .withPath(location)
                .withFileSizeInBytes(size)
                .withRecordCount(rows)
                .withMetrics(metrics)
                .withFormat(FileFormat.PARQUET)
                .build());
        totalRows += rows;
        report.accept(
            String.format(
                Locale.ROOT, "file %d/%d %s: %,d rows", i + 1, files.size(), file.getFileName(), rows));
      }

      AppendFiles append = create != null ? create.newAppend() : table.newAppend();
      dataFiles.forEach(append::appendFile);
      try {
        append.commit();
        if (create != null) {
          create.commitTransaction();
        }
      } catch (CommitStateUnknownException e) {
        // The commit may have landed: the files may be referenced, so they must stay.
        written.clear();
        uploaded.clear();
        throw new SiteException(
            SiteException.Kind.INTERNAL,
            "import into " + id + ": commit state unknown, check the table: " + e.getMessage(),
            e);
      }
      long snapshotId = committedSnapshotId(table, create);
      written.clear();
      uploaded.clear();
      return new ImportResult(totalRows, dataFiles.size(), snapshotId);
    } catch (SiteException e) {
      throw e;
    } catch (SQLException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR, "import into " + id + ": " + firstLine(e), e);
    } catch (IOException | RuntimeException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR, "import into " + id + ": " + firstLine(e), e);
    } finally {
      for (String location : uploaded) {
        try {
          tableIo.deleteFile(location);
        } catch (RuntimeException ignored) {
          // best effort: an unreferenced object is harmless, the table never referenced it
        }
      }
      for (Path p : written) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: an orphan file is harmless, the table never referenced it
        }
      }
    }
  }

  private static String stripSlash(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  private static long committedSnapshotId(Table table, Transaction create) {
    // After commit() the table's metadata is the one our commit wrote.
    Snapshot current = create != null ? create.table().currentSnapshot() : table.currentSnapshot();
    return current.snapshotId();
  }

  /** Writes one input file as Parquet with the table's field ids; returns the row count. */
  private long convert(Connection duck, Path file, Schema schema, Path staged, TableIdentifier id)
      throws SQLException, SiteException {
    String source = sourceFunction(file, id);
    Map<String, String> fileColumns = describe(duck, source, file, id);
    // Map the file's columns onto the table BY NAME (case-insensitive, exact case first).
    Map<String, String> byLower = new LinkedHashMap<>();
    for (String c : fileColumns.keySet()) {
      byLower.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
    }
    List<String> used = new ArrayList<>();
    StringBuilder select = new StringBuilder("SELECT ");
    List<Types.NestedField> columns = schema.columns();
    for (int i = 0; i < columns.size(); i++) {
      Types.NestedField f = columns.get(i);
      String src =
          fileColumns.containsKey(f.name())
              ? f.name()
              : byLower.get(f.name().toLowerCase(Locale.ROOT));
      if (src == null && f.isRequired()) {
        throw new SiteException(
            SiteException.Kind.DATA_ERROR,
            "import into " + id + ": file " + file + " lacks required column " + f.name());
      }
      if (i > 0) {
        select.append(", ");
      }
      String duckType = IcebergTypes.toDuckDb(f.type());
      if (src == null) {
        select.append("CAST(NULL AS ").append(duckType).append(')');
      } else {
        used.add(src);
        select.append("CAST(").append(IcebergTypes.quoteIdent(src)).append(" AS ");
        select.append(duckType).append(')');
      }
      select.append(" AS ").append(IcebergTypes.quoteIdent(f.name()));
    }
    List<String> unknown = new ArrayList<>(fileColumns.keySet());
    unknown.removeAll(used);
    if (!unknown.isEmpty()) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "import into "
              + id
              + ": file "
              + file
              + " has columns the table does not have: "
              + String.join(", ", unknown));
    }
    select.append(" FROM ").append(source);
    StringBuilder ids = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      if (i > 0) {
        ids.append(", ");
      }
      ids.append(IcebergTableSource.quoteString(columns.get(i).name())).append(": ");
      ids.append(fieldIds(columns.get(i)));
    }
    String copy =
        "COPY ("
            + select
            + ") TO "
            + IcebergTableSource.quoteString(staged.toString())
            + " (FORMAT parquet, FIELD_IDS {"
            + ids
            + "})";
    try (Statement st = duck.createStatement()) {
      st.execute(copy);
    } catch (SQLException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "import into " + id + ": cannot convert file " + file + ": " + firstLine(e),
          e);
    }
    try (Statement st = duck.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM read_parquet("
                    + IcebergTableSource.quoteString(staged.toString())
                    + ")")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** DuckDB's FIELD_IDS value for one column: a number, or a nested struct for nested types. */
  static String fieldIds(Types.NestedField f) {
    Type t = f.type();
    if (t.isPrimitiveType()) {
      return Integer.toString(f.fieldId());
    }
    StringBuilder sb = new StringBuilder("{__duckdb_field_id: ").append(f.fieldId());
    if (t.isListType()) {
      sb.append(", element: ").append(fieldIds(t.asListType().fields().get(0)));
    } else if (t.isMapType()) {
      sb.append(", key: ").append(fieldIds(t.asMapType().fields().get(0)));
      sb.append(", value: ").append(fieldIds(t.asMapType().fields().get(1)));
    } else {
      for (Types.NestedField child : t.asStructType().fields()) {
        sb.append(", ").append(IcebergTableSource.quoteString(child.name())).append(": ");
        sb.append(fieldIds(child));
      }
    }
    return sb.append('}').toString();
  }

  private static String sourceFunction(Path file, TableIdentifier id) throws SiteException {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String quoted = IcebergTableSource.quoteString(file.toAbsolutePath().toString());
    if (n.endsWith(".parquet") || n.endsWith(".pq")) {
      return "read_parquet(" + quoted + ")";
    }
    if (n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".tsv") || n.endsWith(".txt")) {
      return "read_csv(" + quoted + ")";
    }
    throw new SiteException(
        SiteException.Kind.DATA_ERROR,
        "import into " + id + ": file " + file + " is neither .csv nor .parquet");
  }

  /** Column name to DuckDB type of a file, in file order. */
  private static Map<String, String> describe(
      Connection duck, String source, Path file, TableIdentifier id) throws SiteException {
    Map<String, String> cols = new LinkedHashMap<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (rs.next()) {
        cols.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    } catch (SQLException e) {
      throw new SiteException(
          SiteException.Kind.DATA_ERROR,
          "import into " + id + ": cannot read file " + file + ": " + firstLine(e),
          e);
    }
    return cols;
  }

  private static Schema schemaOf(Connection duck, Path file, TableIdentifier id)
      throws SiteException {
    Map<String, String> cols = describe(duck, sourceFunction(file, id), file, id);
    AtomicInteger ids = new AtomicInteger(1);
    List<Types.NestedField> fields = new ArrayList<>();
    for (Map.Entry<String, String> c : cols.entrySet()) {
      int fieldId = ids.getAndIncrement();
      Type type;
      try {
        type = IcebergTypes.fromDuckDb(c.getValue(), ids::getAndIncrement);
      } catch (IllegalArgumentException e) {
        throw new SiteException(
            SiteException.Kind.DATA_ERROR,
            "import into " + id + ": column " + c.getKey() + " of " + file + ": " + e.getMessage());
      }
      fields.add(Types.NestedField.optional(fieldId, c.getKey(), type));
    }
    return new Schema(fields);
  }

  private static void createNamespace(Catalog catalog, Namespace ns) {
    if (ns.isEmpty() || !(catalog instanceof SupportsNamespaces namespaces)) {
      return;
    }
    if (!namespaces.namespaceExists(ns)) {
      try {
        namespaces.createNamespace(ns);
      } catch (AlreadyExistsException e) {
        // created concurrently: fine
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}

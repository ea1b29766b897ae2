package io.shoal.site.iceberg;

import static io.shoal.site.iceberg.IcebergTestSupport.createView;
import static io.shoal.site.iceberg.IcebergTestSupport.fragment;
import static io.shoal.site.iceberg.IcebergTestSupport.rows;
import static io.shoal.site.iceberg.IcebergTestSupport.run;
import static io.shoal.site.iceberg.IcebergTestSupport.scalar;
import static io.shoal.site.iceberg.IcebergTestSupport.source;
import static io.shoal.site.iceberg.IcebergTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.TableInfo;
import io.shoal.site.SiteException;
import io.shoal.site.table.QueryBinding;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcebergImportTest {

  @TempDir Path dir;
  private Catalog catalog;
  private Connection duck;
  private final IcebergImporter importer = new IcebergImporter();
  private final TableIdentifier id = TableIdentifier.of("tpch", "t");

  @BeforeEach
  void setUp() throws Exception {
    catalog = IcebergCatalogs.open(dir.resolve("site"), Map.of());
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterEach
  void tearDown() throws Exception {
    duck.close();
    if (catalog instanceof AutoCloseable c) {
      c.close();
    }
  }

  private static final String TYPES_CSV_COLUMNS =
      "{'id': 'BIGINT', 'n': 'INTEGER', 'amount': 'DECIMAL(12,2)', 'score': 'DOUBLE',"
          + " 'name': 'VARCHAR', 'day': 'DATE', 'ts': 'TIMESTAMP', 'flag': 'BOOLEAN'}";

  private Path typesCsv() throws Exception {
    return write(
        dir,
        "types.csv",
        "id,n,amount,score,name,day,ts,flag",
        "1,10,12.34,1.5,alpha,2024-01-02,2024-01-02 03:04:05,true",
        "2,,-0.01,,,,,",
        "3,-30,9999999999.99,-2.25,\"with, comma and 'quote'\",1999-12-31,"
            + "1999-12-31 23:59:59.123456,false",
        "9000000000,2147483647,0.00,1e300,ünïcødé,1970-01-01,1970-01-01 00:00:00,true");
  }

  @Test
  void csvImportReadsBackExactlyWithAllTypes() throws Exception {
    Schema schema =
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "n", Types.IntegerType.get()),
            Types.NestedField.optional(3, "amount", Types.DecimalType.of(12, 2)),
            Types.NestedField.optional(4, "score", Types.DoubleType.get()),
            Types.NestedField.optional(5, "name", Types.StringType.get()),
            Types.NestedField.optional(6, "day", Types.DateType.get()),
            Types.NestedField.optional(7, "ts", Types.TimestampType.withoutZone()),
            Types.NestedField.optional(8, "flag", Types.BooleanType.get()));
    ((org.apache.iceberg.catalog.SupportsNamespaces) catalog)
        .createNamespace(id.namespace());
    catalog.createTable(id, schema);
    Path csv = typesCsv();
    List<String> progress = new ArrayList<>();

    ImportResult result =
        importer.importFiles(catalog, id, List.of(csv), dir.resolve("staging"), progress::add);

    assertThat(result.rows()).isEqualTo(4);
    assertThat(result.files()).isEqualTo(1);
    assertThat(progress).containsExactly("file 1/1 types.csv: 4 rows");
    IcebergTableSource source = source(catalog, id);
    QueryBinding b = source.bind(fragment(duck, "SELECT * FROM t", "t")).orElseThrow();
    assertThat(b.snapshotId()).isEqualTo(result.snapshotId());
    assertThat(b.plannedFiles()).isEqualTo(1);
    assertThat(b.totalFiles()).isEqualTo(1);
    createView(duck, "t", b);
    assertThat(rows(duck, "SELECT column_type FROM (DESCRIBE t)"))
        .extracting(r -> r.get(0))
        .containsExactly(
            "BIGINT", "INTEGER", "DECIMAL(12,2)", "DOUBLE", "VARCHAR", "DATE", "TIMESTAMP",
            "BOOLEAN");
    String expected =
        "SELECT * FROM read_csv('" + csv + "', header=true, columns=" + TYPES_CSV_COLUMNS + ")";
    assertThat(scalar(duck, "SELECT count(*) FROM (" + expected + ")")).isEqualTo(4);
    assertThat(
            scalar(
                duck,
                "SELECT count(*) FROM ((SELECT * FROM t EXCEPT ALL " + expected + ") UNION ALL ("
                    + expected + " EXCEPT ALL SELECT * FROM t))"))
        .isZero();
    // And a few values seen from Java, NULLs included.
    List<List<Object>> rows = rows(duck, "SELECT id, n, amount, name, flag FROM t ORDER BY id");
    assertThat(rows.get(1)).containsExactly(2L, null, new BigDecimal("-0.01"), null, null);
    assertThat(rows.get(2).get(3)).isEqualTo("with, comma and 'quote'");
    assertThat(rows.get(3).get(0)).isEqualTo(9_000_000_000L);
  }

  @Test
  void importCreatesTheTableFromTheFirstFile() throws Exception {
    Path csv = typesCsv();
    ImportResult result = importer.importFiles(catalog, id, List.of(csv), dir.resolve("stg"), null);

    IcebergTableSource source = source(catalog, id);
    TableInfo info = source.describe();
    assertThat(info.format()).isEqualTo("iceberg");
    assertThat(info.rowCount()).isEqualTo(4);
    assertThat(info.snapshotId()).isEqualTo(result.snapshotId());
    assertThat(info.keys()).containsEntry("id", "thing");
    assertThat(info.columns())
        .extracting(ColumnInfo::name)
        .containsExactly("id", "n", "amount", "score", "name", "day", "ts", "flag");
    // DuckDB's CSV sniffer decided the types; the table keeps them.
    String expected = "SELECT * FROM read_csv('" + csv + "')";
    List<List<Object>> sniffed = rows(duck, "SELECT column_type FROM (DESCRIBE " + expected + ")");
    assertThat(info.columns())
        .extracting(ColumnInfo::type)
        .containsExactlyElementsOf(sniffed.stream().map(r -> (String) r.get(0)).toList());
    run(duck, source, "SELECT * FROM t");
    assertThat(
            scalar(
                duck,
                "SELECT count(*) FROM ((SELECT * FROM t EXCEPT ALL " + expected + ") UNION ALL ("
                    + expected + " EXCEPT ALL SELECT * FROM t))"))
        .isZero();
  }

  @Test
  void parquetImportMapsColumnsByNameAndFillsMissingWithNull() throws Exception {
    importer.importFiles(
        catalog, id, List.of(write(dir, "a.csv", "id,name,qty", "1,a,10")), dir.resolve("s"), null);
    Path parquet = dir.resolve("b.parquet");
    try (Statement st = duck.createStatement()) {
      // Other order, other case, a missing column, an INTEGER to be widened to BIGINT.
      st.execute(
          "COPY (SELECT 'b' AS NAME, 2::INTEGER AS id) TO '" + parquet + "' (FORMAT parquet)");
    }
    ImportResult r = importer.importFiles(catalog, id, List.of(parquet), dir.resolve("s"), null);
    assertThat(r.rows()).isEqualTo(1);
    assertThat(run(duck, source(catalog, id), "SELECT id, name, qty FROM t ORDER BY id"))
        .containsExactly(List.of(1L, "a", 10L), java.util.Arrays.asList(2L, "b", null));
  }

  @Test
  void schemaEvolutionReadsOldAndNewRowsByFieldId() throws Exception {
    importer.importFiles(
        catalog,
        id,
        List.of(write(dir, "old.csv", "id,name,price", "1,apple,1.5", "2,pear,2.5")),
        dir.resolve("s"),
        null);
    Table table = catalog.loadTable(id);
    table
        .updateSchema()
        .addColumn("qty", Types.LongType.get())
        .renameColumn("name", "title")
        .commit();
    // Between the schema change and the next import the table still reads right.
    IcebergTableSource source = source(catalog, id);
    assertThat(run(duck, source, "SELECT id, title, qty FROM t WHERE title = 'pear'"))
        .containsExactly(java.util.Arrays.asList(2L, "pear", null));
    importer.importFiles(
        catalog,
        id,
        List.of(write(dir, "new.csv", "id,title,price,qty", "3,plum,3.5,7")),
        dir.resolve("s"),
        null);

    assertThat(run(duck, source, "SELECT id, title, price, qty FROM t ORDER BY id"))
        .containsExactly(
            java.util.Arrays.asList(1L, "apple", 1.5, null),
            java.util.Arrays.asList(2L, "pear", 2.5, null),
            java.util.Arrays.asList(3L, "plum", 3.5, 7L));
    assertThat(source.describe().columns())
        .extracting(ColumnInfo::name)
        .containsExactly("id", "title", "price", "qty");
    // A file with the old name is now an unknown column, named in the error.
    assertThatThrownBy(
            () ->
                importer.importFiles(
                    catalog,
                    id,
                    List.of(write(dir, "stale.csv", "id,name", "4,fig")),
                    dir.resolve("s"),
                    null))
        .isInstanceOf(SiteException.class)
        .hasMessageContaining("stale.csv")
        .hasMessageContaining("columns the table does not have: name");
  }

  @Test
  void failedImportLeavesTheTableAsItWas() throws Exception {
    Path good = write(dir, "good.csv", "id,name", "1,a", "2,b");
    ImportResult first = importer.importFiles(catalog, id, List.of(good), dir.resolve("s"), null);
    Path corrupt = dir.resolve("corrupt.parquet");
    Files.writeString(corrupt, "this is not parquet");
    Path good2 = write(dir, "good2.csv", "id,name", "3,c");
    Path dataDir = LocalFileIO.toPath(catalog.loadTable(id).location()).resolve("data");
    long filesBefore = countFiles(dataDir);

    assertThatThrownBy(
            () ->
                importer.importFiles(
                    catalog, id, List.of(good2, corrupt), dir.resolve("s"), null))
        .isInstanceOf(SiteException.class)
        .hasMessageContaining("corrupt.parquet")
        .satisfies(e -> assertThat(IcebergTestSupport.kindOf(e)).isEqualTo(SiteException.Kind.DATA_ERROR));
    // A missing file is refused before anything is written.
    assertThatThrownBy(
            () ->
                importer.importFiles(
                    catalog, id, List.of(good2, dir.resolve("nope.csv")), dir.resolve("s"), null))
        .isInstanceOf(SiteException.class)
        .hasMessageContaining("nope.csv");

    TableInfo info = source(catalog, id).describe();
    assertThat(info.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(info.rowCount()).isEqualTo(2);
    assertThat(countFiles(dataDir)).isEqualTo(filesBefore);
    assertThat(countFiles(dir.resolve("s"))).isZero();
  }

  @Test
  void failedFirstImportDoesNotCreateTheTable() throws Exception {
    Path corrupt = dir.resolve("corrupt.parquet");
    Files.writeString(corrupt, "garbage");
    Path good = write(dir, "good.csv", "id,name", "1,a");
    assertThatThrownBy(
            () -> importer.importFiles(catalog, id, List.of(good, corrupt), dir.resolve("s"), null))
        .isInstanceOf(SiteException.class);
    assertThat(catalog.tableExists(id)).isFalse();
  }

  @Test
  void deleteFilesAreRefusedWithAClearError() throws Exception {
    ImportResult r =
        importer.importFiles(
            catalog, id, List.of(write(dir, "a.csv", "id", "1", "2")), dir.resolve("s"), null);
    Table table = catalog.loadTable(id);
    String dataFile = table.currentSnapshot().addedDataFiles(table.io()).iterator().next().location();
    Path deletes = dir.resolve("site").resolve("deletes.parquet");
    try (Statement st = duck.createStatement()) {
      st.execute(
          "COPY (SELECT '" + dataFile + "' AS file_path, 0::BIGINT AS pos) TO '" + deletes
              + "' (FORMAT parquet, FIELD_IDS {file_path: 2147483546, pos: 2147483545})");
    }
    DeleteFile delete =
        FileMetadata.deleteFileBuilder(table.spec())
            .ofPositionDeletes()
            .withPath(deletes.toString())
            .withFileSizeInBytes(Files.size(deletes))
            .withRecordCount(1)
            .withFormat(FileFormat.PARQUET)
            .build();
    table.newRowDelta().addDeletes(delete).commit();
    long snap = catalog.loadTable(id).currentSnapshot().snapshotId();
    assertThat(snap).isNotEqualTo(r.snapshotId());

    assertThatThrownBy(() -> source(catalog, id).bind(fragment(duck, "SELECT * FROM t", "t")))
        .isInstanceOf(SiteException.class)
        .hasMessage(
            "table t (iceberg tpch.t) has delete files at snapshot "
                + snap
                + "; Shoal cannot read row-level deletes yet")
        .satisfies(e -> assertThat(IcebergTestSupport.kindOf(e)).isEqualTo(SiteException.Kind.DATA_ERROR));
  }

  @Test
  void emptyTableBindsToAnEmptyViewWithTheRightColumns() throws Exception {
    ((org.apache.iceberg.catalog.SupportsNamespaces) catalog).createNamespace(id.namespace());
    catalog.createTable(
        id,
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "amount", Types.DecimalType.of(15, 2))));
    IcebergTableSource source = source(catalog, id);
    QueryBinding b = source.bind(fragment(duck, "SELECT * FROM t", "t")).orElseThrow();
    assertThat(b.snapshotId()).isNull();
    assertThat(b.plannedFiles()).isZero();
    createView(duck, "t", b);
    assertThat(scalar(duck, "SELECT count(*) FROM t")).isZero();
    assertThat(rows(duck, "SELECT column_name, column_type FROM (DESCRIBE t)"))
        .containsExactly(List.of("id", "BIGINT"), List.of("amount", "DECIMAL(15,2)"));
    assertThat(source.describe().rowCount()).isZero();
    assertThat(source.describe().snapshotId()).isNull();
  }

  @Test
  void unknownTableIsNotFound() {
    assertThatThrownBy(() -> source(catalog, TableIdentifier.of("tpch", "nope")).describe())
        .isInstanceOf(SiteException.class)
        .hasMessageContaining("tpch.nope")
        .satisfies(e -> assertThat(IcebergTestSupport.kindOf(e)).isEqualTo(SiteException.Kind.NOT_FOUND));
  }

  private static long countFiles(Path d) throws Exception {
    if (!Files.isDirectory(d)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.count();
    }
  }
}

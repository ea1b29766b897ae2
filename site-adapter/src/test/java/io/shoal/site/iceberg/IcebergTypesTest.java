package io.shoal.site.iceberg;

import static io.shoal.site.iceberg.IcebergTestSupport.fragment;
import static io.shoal.site.iceberg.IcebergTestSupport.run;
import static io.shoal.site.iceberg.IcebergTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.ColumnInfo;
import io.shoal.site.table.QueryBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IcebergTypesTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BIGINT",
        "INTEGER",
        "DECIMAL(12,2)",
        "DOUBLE",
        "FLOAT",
        "VARCHAR",
        "DATE",
        "TIME",
        "TIMESTAMP",
        "TIMESTAMP WITH TIME ZONE",
        "BOOLEAN",
        "BLOB",
        "UUID",
        "BIGINT[]",
        "VARCHAR[][]",
        "STRUCT(\"a\" INTEGER, \"b c\" VARCHAR[])",
        "MAP(VARCHAR, DOUBLE)"
      })
  void duckDbTypesRoundTrip(String duckType) {
    Type t = IcebergTypes.fromDuckDb(duckType);
    assertThat(IcebergTypes.toDuckDb(t)).isEqualTo(duckType);
  }

  @Test
  void duckDbSpellingsMapToIcebergTypes() {
    assertThat(IcebergTypes.fromDuckDb("SMALLINT")).isEqualTo(Types.IntegerType.get());
    assertThat(IcebergTypes.fromDuckDb("TIMESTAMPTZ")).isEqualTo(Types.TimestampType.withZone());
    assertThat(IcebergTypes.fromDuckDb("STRUCT(a INTEGER, b VARCHAR)").asStructType().fields())
        .extracting(Types.NestedField::name)
        .containsExactly("a", "b");
    assertThat(IcebergTypes.fromDuckDb("INTEGER[3]")).isInstanceOf(Types.ListType.class);
    assertThatThrownBy(() -> IcebergTypes.fromDuckDb("INTERVAL"))
        .hasMessageContaining("INTERVAL");
  }

  @Test
  void localFileIoTakesPathsAndFileUris() throws Exception {
    LocalFileIO io = new LocalFileIO();
    Path p = dir.resolve("sub dir/f.bin");
    OutputFile out = io.newOutputFile("file://" + p);
    try (PositionOutputStream s = out.create()) {
      s.write(new byte[] {1, 2, 3});
    }
    assertThat(Files.readAllBytes(p)).containsExactly(1, 2, 3);
    assertThat(io.newInputFile("file:" + p).getLength()).isEqualTo(3);
    assertThat(io.newInputFile(p.toString()).exists()).isTrue();
    io.deleteFile(p.toUri().toString());
    assertThat(p).doesNotExist();
  }

  @Test
  void nestedColumnsImportAndReadBack() throws Exception {
    Catalog catalog = IcebergCatalogs.open(dir.resolve("site"), Map.of());
    TableIdentifier id = TableIdentifier.of("db", "t");
    Path parquet = dir.resolve("nested.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = duck.createStatement()) {
        st.execute(
            "COPY (SELECT i AS id, [i, i + 1] AS xs, {'a': i, 'b': 'v' || i} AS s"
                + " FROM range(3) r(i)) TO '" + parquet + "' (FORMAT parquet)");
      }
      new IcebergImporter().importFiles(catalog, id, List.of(parquet), dir.resolve("s"), null);
      IcebergTableSource source = source(catalog, id);
      assertThat(source.describe().columns())
          .extracting(ColumnInfo::type)
          .containsExactly("BIGINT", "BIGINT[]", "STRUCT(\"a\" BIGINT, \"b\" VARCHAR)");
      assertThat(run(duck, source, "SELECT id, xs[2], s.b FROM t WHERE id = 2"))
          .containsExactly(List.of(2L, 3L, "v2"));
    }
  }

  @Test
  void longStringsStillFindTheirRows() throws Exception {
    // DuckDB truncates string statistics; the bounds must still cover every value.
    Catalog catalog = IcebergCatalogs.open(dir.resolve("site"), Map.of());
    TableIdentifier id = TableIdentifier.of("db", "t");
    Path csv = dir.resolve("long.csv");
    String big = "z".repeat(400) + "end";
    Files.write(csv, List.of("id,s", "1,a", "2," + big, "3," + "é".repeat(300)));
    new IcebergImporter().importFiles(catalog, id, List.of(csv), dir.resolve("s"), null);
    IcebergTableSource source = source(catalog, id);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String v : List.of(big, "é".repeat(300), "a")) {
        String sql = "SELECT count(*) FROM t WHERE s = '" + v + "'";
        QueryBinding b = source.bind(fragment(duck, sql, "t")).orElseThrow();
        assertThat(b.plannedFiles()).as(v).isEqualTo(1);
        assertThat(run(duck, source, sql)).containsExactly(List.of(1L));
      }
      String above = "SELECT count(*) FROM t WHERE s > '" + "z".repeat(401) + "'";
      assertThat(run(duck, source, above)).containsExactly(List.of(1L)); // the é string
    }
  }
}

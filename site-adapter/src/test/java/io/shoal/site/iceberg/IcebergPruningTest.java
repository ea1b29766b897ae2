package io.shoal.site.iceberg;

import static io.shoal.site.iceberg.IcebergTestSupport.createView;
import static io.shoal.site.iceberg.IcebergTestSupport.fragment;
import static io.shoal.site.iceberg.IcebergTestSupport.scalar;
import static io.shoal.site.iceberg.IcebergTestSupport.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.site.table.QueryBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Three imports with disjoint id, day, name and amount ranges; each query checks the planned file
 * count AND that the pruned result equals the unpruned one (wrong pruning = wrong results).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IcebergPruningTest {

  private Catalog catalog;
  private Connection duck;
  private IcebergTableSource source;
  private String allFilesView;

  @BeforeAll
  void setUp(@TempDir Path dir) throws Exception {
    catalog = IcebergCatalogs.open(dir.resolve("site"), Map.of());
    duck = DriverManager.getConnection("jdbc:duckdb:");
    TableIdentifier id = TableIdentifier.of("db", "t");
    IcebergImporter importer = new IcebergImporter();
    // amount is DECIMAL (bounds kept); score is DOUBLE, for which no bounds are written.
    ((SupportsNamespaces) catalog).createNamespace(id.namespace());
    catalog.createTable(
        id,
        new Schema(
            Types.NestedField.optional(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "day", Types.DateType.get()),
            Types.NestedField.optional(3, "name", Types.StringType.get()),
            Types.NestedField.optional(4, "amount", Types.DecimalType.of(12, 2)),
            Types.NestedField.optional(5, "ts", Types.TimestampType.withoutZone()),
            Types.NestedField.optional(6, "flag", Types.BooleanType.get()),
            Types.NestedField.optional(7, "score", Types.DoubleType.get())));
    // file k holds ids 100k+1..100k+100, days in year 2000+k, names starting with 'a'+k.
    for (int k = 0; k < 3; k++) {
      List<String> lines = new ArrayList<>();
      lines.add("id,day,name,amount,ts,flag,score");
      for (int i = 1; i <= 100; i++) {
        int n = 100 * k + i;
        lines.add(
            n
                + ","
                + (2000 + k)
                + "-03-"
                + String.format("%02d", 1 + i % 28)
                + ","
                + (char) ('a' + k)
                + "name"
                + n
                + ","
                + (k * 1000 + i)
                + ".25,"
                + (2000 + k)
                + "-01-01 00:00:0"
                + (i % 10)
                + ","
                + (k == 1 ? "true" : "false")
                + ","
                + (k * 1000 + i)
                + ".5");
      }
      lines.add(100 * k + 101 + ",,,,,,"); // a row of NULLs in every file
      Path csv = dir.resolve("part" + k + ".csv");
      Files.write(csv, lines);
      importer.importFiles(catalog, id, List.of(csv), dir.resolve("staging"), null);
    }
    source = source(catalog, id);
    allFilesView = source.bind(null).orElseThrow().viewSql();
  }

  @AfterAll
  void tearDown() throws Exception {
    duck.close();
  }

  @ParameterizedTest(name = "{0} -> {1} file(s)")
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM t WHERE id > 250 | 1",
        "SELECT count(*) FROM t WHERE id >= 1 AND id <= 50 | 1",
        "SELECT * FROM t WHERE 150 < id AND id < 180 | 1",
        "SELECT * FROM t WHERE id BETWEEN 120 AND 130 | 1",
        "SELECT * FROM t WHERE id BETWEEN 120 AND 230 | 2",
        "SELECT * FROM t WHERE id BETWEEN abs(-120) AND 130 | 2",
        "SELECT * FROM t WHERE id NOT BETWEEN 1 AND 200 | 3",
        "SELECT * FROM t WHERE day BETWEEN DATE '2001-01-01' AND DATE '2001-12-31' | 1",
        "SELECT * FROM t x WHERE x.id = 105 | 1",
        "SELECT * FROM t WHERE t.id IN (5, 250) | 2",
        "SELECT * FROM t WHERE id > 1000 | 0",
        "SELECT * FROM t WHERE id > 250 OR id < 5 | 3",
        "SELECT * FROM t WHERE abs(id) > 250 | 3",
        "SELECT * FROM t WHERE id + 0 > 250 | 3",
        "SELECT * FROM t WHERE NOT (id <= 250) | 3",
        "SELECT * FROM t WHERE id > 250.5 | 3",
        "SELECT * FROM t WHERE id > '250' | 3",
        "SELECT * FROM t WHERE day >= DATE '2002-01-01' | 1",
        "SELECT * FROM t WHERE day < '2001-01-01' | 1",
        "SELECT * FROM t WHERE name = 'bname150' | 1",
        "SELECT * FROM t WHERE name >= 'c' | 1",
        "SELECT * FROM t WHERE amount > 2000.25 | 1",
        "SELECT * FROM t WHERE amount = 1001.25 | 1",
        "SELECT * FROM t WHERE amount > 2000.255 | 3",
        "SELECT * FROM t WHERE amount < 1000 | 1",
        "SELECT * FROM t WHERE score > 2000.5 | 3",
        "SELECT * FROM t WHERE ts < TIMESTAMP '2001-01-01 00:00:00' | 1",
        "SELECT * FROM t WHERE flag = true | 1",
        "SELECT * FROM t WHERE flag IS NULL | 3",
        "SELECT * FROM t WHERE id > 250 AND name LIKE 'c%' | 1",
        "SELECT sum(amount) FROM t WHERE id > 250 GROUP BY flag | 1",
        "SELECT * FROM t WHERE id > 250 AND id IN (SELECT 260) | 1",
        "SELECT * FROM t WHERE id > 250 AND EXISTS (SELECT 1 FROM t t2 WHERE t2.id = 5) | 3",
        "SELECT * FROM t WHERE id > 250 AND id - 250 IN (SELECT id FROM t) | 3",
        "SELECT a.id FROM t a JOIN t b ON a.id = b.id + 200 WHERE a.id > 250 | 3",
        "WITH x AS (SELECT * FROM t WHERE id < 5) SELECT * FROM t WHERE id > 250 UNION ALL SELECT * FROM x | 3",
        "SELECT * FROM (SELECT * FROM t) s WHERE id > 250 | 3",
        "SELECT * FROM t, (SELECT 1 AS one) o WHERE id > 250 | 3",
        "WITH x AS (SELECT * FROM t) SELECT * FROM x WHERE id > 250 | 3",
        "SELECT amount AS id FROM t WHERE id > 250 | 3",
        "SELECT * FROM t WHERE id > 250 UNION ALL SELECT * FROM t WHERE id < 5 | 3",
        "SELECT * FROM t WHERE ID > 250 | 1",
        "SELECT * FROM t WHERE u.id > 250 AND true | 3",
      })
  void plansOnlyTheFilesTheWhereNeeds(String sql, int planned) throws Exception {
    QueryBinding b = source.bind(fragment(duck, sql, "t")).orElseThrow();
    assertThat(b.totalFiles()).isEqualTo(3);
    assertThat(b.plannedFiles()).as(sql).isEqualTo(planned);
    if (sql.contains("u.id")) {
      return; // does not bind in DuckDB: only the planning matters
    }
    // Same answer as over all files.
    createView(duck, "t", b);
    String pruned = "SELECT * FROM (" + sql + ")";
    duck.createStatement().execute("CREATE OR REPLACE TEMP VIEW t AS " + allFilesView);
    long expectedRows = scalar(duck, "SELECT count(*) FROM (" + sql + ")");
    createView(duck, "t", b);
    long prunedRows = scalar(duck, "SELECT count(*) FROM (" + sql + ")");
    assertThat(prunedRows).as(pruned).isEqualTo(expectedRows);
    duck.createStatement().execute("CREATE OR REPLACE TEMP VIEW t AS " + allFilesView);
    String full = "(" + sql + ")";
    createView(duck, "t_pruned", b);
    // Compare row multisets, not only counts: rewrite t -> t_pruned in the same SQL.
    String onPruned = sql.replaceAll("\\bt\\b", "t_pruned");
    assertThat(
            scalar(
                duck,
                "SELECT count(*) FROM (("
                    + full
                    + " EXCEPT ALL ("
                    + onPruned
                    + ")) UNION ALL (("
                    + onPruned
                    + ") EXCEPT ALL "
                    + full
                    + "))"))
        .as(sql)
        .isZero();
  }
}

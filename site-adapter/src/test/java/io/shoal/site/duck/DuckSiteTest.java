package io.shoal.site.duck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.Distribution;
import io.shoal.protocol.TableInfo;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.config.SiteConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuckSiteTest {
  @TempDir static Path dir;
  static DuckSite site;

  @BeforeAll
  static void open() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data.resolve("parts"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + data.resolve(DuckSite.DB_FILE));
        var st = c.createStatement()) {
      st.execute("CREATE TABLE nation AS SELECT range AS n_nationkey, 'n' || range AS n_name FROM range(25)");
      st.execute("COPY (SELECT range AS id, range % 7 AS k FROM range(1000)) TO '"
          + data.resolve("parts/a.parquet") + "' (FORMAT parquet)");
      st.execute("COPY (SELECT range AS id, range % 7 AS k FROM range(1000, 1500)) TO '"
          + data.resolve("parts/b.parquet") + "' (FORMAT parquet)");
      st.execute("COPY (SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL) TO '" + data.resolve("small.csv") + "' (HEADER)");
    }
    Files.writeString(data.resolve("broken.parquet"), "this is not parquet");
    Path yaml = dir.resolve("site.yaml");
    Files.writeString(
        yaml,
        """
        name: eu
        region: eu-west-1
        data: ./data
        tables:
          items: { parquet: "data/parts/*.parquet", keys: { id: item } }
          small: { csv: data/small.csv }
          nation: { duckdb: nation, distribution: replicated }
          broken: { parquet: data/broken.parquet }
          gone: { parquet: data/nothing-here.parquet }
        """);
    site = DuckSite.open(SiteConfig.load(yaml));
  }

  @AfterAll
  static void close() {
    site.close();
  }

  static List<List<Object>> rows(String sql, Object... params) throws Exception {
    try (Site.Fragment f = site.prepare(sql, Site.FragmentContext.anonymous("t"));
        FragmentRun run = f.run(List.of(params))) {
      List<List<Object>> out = new ArrayList<>();
      ArrowReader r = run.reader();
      while (r.loadNextBatch()) {
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        for (int i = 0; i < root.getRowCount(); i++) {
          List<Object> row = new ArrayList<>();
          for (FieldVector v : root.getFieldVectors()) {
            Object o = v.getObject(i);
            row.add(o instanceof org.apache.arrow.vector.util.Text t ? t.toString() : o);
          }
          out.add(row);
        }
      }
      return out;
    }
  }

  @Test
  void readsEveryKindOfTable() throws Exception {
    assertThat(rows("SELECT count(*), sum(id)::BIGINT FROM items")).containsExactly(List.of(1500L, 1124250L));
    assertThat(rows("SELECT a, b FROM small ORDER BY a")).hasSize(2);
    assertThat(rows("SELECT n_name FROM nation WHERE n_nationkey = 3")).containsExactly(List.of("n3"));
  }

  @Test
  void describesTablesForTheCoordinator() {
    var info = site.info();
    assertThat(info.name()).isEqualTo("eu");
    assertThat(info.region()).isEqualTo("eu-west-1");
    TableInfo items = info.tables().stream().filter(t -> t.name().equals("items")).findFirst().orElseThrow();
    assertThat(items.rowCount()).isEqualTo(1500);
    assertThat(items.keys()).containsEntry("id", "item");
    assertThat(items.columns()).extracting(c -> c.name() + " " + c.type()).containsExactly("id BIGINT", "k BIGINT");
    TableInfo nation = info.tables().stream().filter(t -> t.name().equals("nation")).findFirst().orElseThrow();
    assertThat(nation.distribution()).isEqualTo(Distribution.REPLICATED);
    assertThat(info.tables()).extracting(TableInfo::name).doesNotContain("broken", "gone");
    assertThat(site.unavailableTables()).containsKeys("broken", "gone");
  }

  @Test
  void resultSchemaKeepsDuplicateNamesAndTypes() throws Exception {
    try (var f = site.prepare("SELECT a.id, b.id, a.k::DECIMAL(10,2) AS d FROM items a JOIN items b USING (id) WHERE a.id = ?",
        Site.FragmentContext.anonymous("t"))) {
      assertThat(f.parameterCount()).isEqualTo(1);
      assertThat(f.resultSchema().getFields()).extracting(fl -> fl.getName()).containsExactly("id", "id", "d");
      assertThat(f.resultSchema().getFields().get(2).getType().toString()).isEqualTo("Decimal(10, 2, 128)");
    }
    assertThat(rows("SELECT id, k FROM items WHERE id = ?", 1001L)).containsExactly(List.of(1001L, 0L));
  }

  @Test
  void refusesTypesArrowWouldCarryWrong() throws Exception {
    for (String[] c : new String[][] {
        {"SELECT TIMETZ '12:34:56+02:00' AS t", "\"t\" has type TIME WITH TIME ZONE"},
        {"SELECT [TIMETZ '01:00:00+05:00'] AS ts", "\"ts\" has type TIME WITH TIME ZONE[]"},
        {"SELECT '0101'::BIT AS b", "\"b\" has type BIT"}}) {
      assertThatThrownBy(() -> rows(c[0]))
          .isInstanceOf(SiteException.class)
          .hasMessageContaining(c[1])
          .hasMessageContaining("cast it in the query")
          .extracting(e -> ((SiteException) e).kind())
          .isEqualTo(SiteException.Kind.INVALID_SQL);
    }
    // with the cast the value arrives whole, and the site keeps serving
    assertThat(rows("SELECT CAST(TIMETZ '12:34:56+02:00' AS VARCHAR) AS t, CAST('0101'::BIT AS VARCHAR) AS b"))
        .containsExactly(List.of("12:34:56+02", "0101"));
    assertThat(rows("SELECT TIME '12:34:56' AS plain")).hasSize(1);
  }

  @Test
  void cancelMidStreamReleasesEveryBuffer() throws Exception {
    for (int i = 0; i < 3; i++) {
      try (Site.Fragment f =
              site.prepare("SELECT range, range * 2 AS twice FROM range(300000000)", Site.FragmentContext.anonymous("t"));
          FragmentRun run = f.run(List.of())) {
        ArrowReader r = run.reader();
        assertThat(r.loadNextBatch()).isTrue();
        assertThat(r.loadNextBatch()).isTrue();
        Thread canceller = new Thread(run::cancel);
        canceller.start();
        try {
          while (r.loadNextBatch()) {
            // until the cancel lands
          }
        } catch (Exception cancelled) {
          // DuckDB reports the interrupt
        }
        canceller.join();
      }
      assertThat(site.allocatedBytes()).as("Arrow bytes held after cancelled stream %d", i).isZero();
    }
  }

  @Test
  void invalidSqlCarriesDuckDbsMessage() {
    assertThatThrownBy(() -> site.prepare("SELEC 1", Site.FragmentContext.anonymous("t")))
        .isInstanceOf(SiteException.class)
        .hasMessageContaining("syntax error")
        .satisfies(e -> assertThat(((SiteException) e).kind()).isEqualTo(SiteException.Kind.INVALID_SQL));
    assertThatThrownBy(() -> site.prepare("SELECT nope FROM items", Site.FragmentContext.anonymous("t")))
        .hasMessageContaining("nope")
        .satisfies(e -> assertThat(((SiteException) e).kind()).isEqualTo(SiteException.Kind.INVALID_SQL));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_text('/etc/passwd')",
        "SELECT * FROM '/etc/passwd'",
        "COPY items TO '/tmp/x.parquet'",
        "ATTACH '/tmp/x.db' AS x",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET threads = 1",
        "PRAGMA database_list",
        "CREATE TABLE t AS SELECT 1",
        "INSERT INTO items VALUES (1, 1)",
        "DROP VIEW items",
        "SELECT 1; SELECT 2",
        "SELECT * FROM duckdb_settings()",
        "SELECT * FROM information_schema.tables",
        "SELECT * FROM site_db.main.nation",
        "SELECT * FROM items WHERE id IN (SELECT id FROM read_parquet('/etc/x.parquet'))",
        "WITH x AS (SELECT * FROM glob('/*')) SELECT * FROM x",
        "EXPLAIN SELECT 1",
        "DETACH site_db",
        "CALL duckdb_settings()"
      })
  void refusesAnythingButSelectOverOwnTables(String sql) throws Exception {
    assertThatThrownBy(() -> rows(sql))
        .isInstanceOf(SiteException.class)
        .satisfies(e -> assertThat(((SiteException) e).kind())
            .isIn(SiteException.Kind.REFUSED, SiteException.Kind.NOT_FOUND, SiteException.Kind.INVALID_SQL));
    assertThat(rows("SELECT count(*) FROM nation")).containsExactly(List.of(25L));
  }

  @Test
  void allowsGeneratorsAndCtes() throws Exception {
    assertThat(rows("WITH x AS (SELECT id FROM items WHERE id < 3) SELECT count(*) FROM x, range(2)"))
        .containsExactly(List.of(6L));
  }

  @Test
  void brokenFilesFailOnlyTheirQueries() throws Exception {
    assertThatThrownBy(() -> rows("SELECT * FROM broken"))
        .isInstanceOf(SiteException.class)
        .hasMessageContaining("broken")
        .satisfies(e -> assertThat(((SiteException) e).kind()).isEqualTo(SiteException.Kind.DATA_ERROR));
    assertThatThrownBy(() -> rows("SELECT * FROM gone")).hasMessageContaining("table gone at site eu is unavailable: IO Error: No files found");
    assertThat(rows("SELECT count(*) FROM items")).containsExactly(List.of(1500L));
  }

  @Test
  void cancelStopsALongQuery() throws Exception {
    try (var f = site.prepare("SELECT sum(range * 2) FROM range(1000000000000)", Site.FragmentContext.anonymous("t"))) {
      Thread canceller = new Thread(() -> { sleep(500); f.cancel(); });
      canceller.start();
      assertThatThrownBy(() -> { try (FragmentRun run = f.run(List.of())) { while (run.reader().loadNextBatch()) {} } })
          .isInstanceOf(SiteException.class)
          .satisfies(e -> assertThat(((SiteException) e).kind()).isEqualTo(SiteException.Kind.CANCELLED));
      canceller.join();
    }
    assertThat(rows("SELECT count(*) FROM nation")).containsExactly(List.of(25L));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.shoal.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.Json;
import io.shoal.protocol.SiteActions;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Result;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The site through the official Arrow Flight SQL JDBC driver, over a real DuckSite. */
class SiteFlightJdbcTest {
  @TempDir static Path dir;
  static TestSite site;
  static Connection conn;

  @BeforeAll
  static void start() throws Exception {
    site =
        TestSite.start(
            dir,
            """
            tables:
              nation: { duckdb: nation, distribution: replicated }
              items: { parquet: "data/items.parquet", keys: { id: item } }
              broken: { parquet: data/broken.parquet }
            """,
            "CREATE TABLE nation AS SELECT range AS n_nationkey, 'n' || range AS n_name FROM range(25)",
            "COPY (SELECT range AS id, 'item ' || range AS label, range * 1.5 AS price FROM range(1000))"
                + " TO '$DATA/items.parquet' (FORMAT parquet)",
            "COPY (SELECT 1 AS a) TO '$DATA/broken.parquet' (FORMAT parquet)");
    // Corrupt the file after the site registered nothing yet: the site opens, only its queries fail.
    Files.writeString(dir.resolve("data/broken.parquet"), "this is not parquet");
    conn = site.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (conn != null) conn.close();
    if (site != null) site.close();
  }

  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
      out.add(row);
    }
    return out;
  }

  static List<List<Object>> query(String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rows(rs);
    }
  }

  @Test
  void selectsStreamAllRows() throws Exception {
    assertThat(query("SELECT count(*), sum(id)::BIGINT FROM items")).containsExactly(List.of(1000L, 499500L));
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM items ORDER BY id")) {
      int n = 0;
      while (rs.next()) {
        assertThat(rs.getLong("id")).isEqualTo(n);
        assertThat(rs.getString("label")).isEqualTo("item " + n);
        n++;
      }
      assertThat(n).isEqualTo(1000);
    }
  }

  @Test
  void metadataListsTablesAndColumns() throws Exception {
    DatabaseMetaData md = conn.getMetaData();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("main");
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).contains("items", "nation");
    try (ResultSet rs = md.getTables(null, "main", "nat%", new String[] {"TABLE"})) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("TABLE_NAME")).isEqualTo("nation");
      assertThat(rs.next()).isFalse();
    }
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, null, "items", "%")) {
      while (rs.next()) columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE"));
    }
    assertThat(columns).containsExactly("id:" + java.sql.Types.BIGINT, "label:" + java.sql.Types.VARCHAR, "price:" + java.sql.Types.DECIMAL);
    try (ResultSet rs = md.getSchemas()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("main");
    }
    try (ResultSet rs = md.getTableTypes()) {
      List<String> types = new ArrayList<>();
      while (rs.next()) types.add(rs.getString(1));
      assertThat(types).containsExactly("TABLE", "VIEW");
    }
    try (ResultSet rs = md.getPrimaryKeys(null, null, "items")) {
      assertThat(rs.next()).isFalse();
    }
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    assertThat(md.isReadOnly()).isTrue();
    assertThat(md.getDatabaseProductName()).isEqualTo("Shoal site eu");
  }

  @Test
  void preparedStatementBindsParameters() throws Exception {
    try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM items WHERE id = ?")) {
      ps.setLong(1, 42L);
      List<List<Object>> r = rows(ps.executeQuery());
      assertThat(r).hasSize(1);
      assertThat(r.get(0).get(1)).isEqualTo("item 42");
      ps.setInt(1, 7); // re-executed with new parameters
      assertThat(rows(ps.executeQuery()).get(0).get(1)).isEqualTo("item 7");
    }
    try (PreparedStatement ps = conn.prepareStatement("SELECT label FROM items WHERE id BETWEEN ? AND ? ORDER BY id")) {
      ps.setLong(1, 10L);
      ps.setLong(2, 12L);
      assertThat(rows(ps.executeQuery()))
          .containsExactly(List.of("item 10"), List.of("item 11"), List.of("item 12"));
    }
  }

  @Test
  void invalidSqlIsInvalidArgumentWithDuckDbsMessage() throws Exception {
    assertThatThrownBy(() -> query("SELEC 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("syntax error")
        .satisfies(e -> assertThat(FlightCodes.of(e)).isEqualTo("INVALID_ARGUMENT"));
    assertThatThrownBy(() -> query("SELECT nope FROM items"))
        .hasMessageContaining("nope")
        .satisfies(e -> assertThat(FlightCodes.of(e)).isEqualTo("INVALID_ARGUMENT"));
    assertThat(query("SELECT count(*) FROM nation")).containsExactly(List.of(25L));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM read_csv('/etc/passwd')",
        "COPY items TO '/tmp/shoal-leak.csv'",
        "ATTACH '/tmp/x.duckdb' AS x",
        "INSTALL httpfs",
        "SET threads = 1",
        "CREATE TABLE t (a INT)",
        "INSERT INTO nation VALUES (99, 'x')"
      })
  void nonSelectAndOutsideFilesAreRefused(String sql) throws Exception {
    assertThatThrownBy(() -> query(sql))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(FlightCodes.of(e)).isIn("UNAUTHORIZED", "INVALID_ARGUMENT"))
        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("refused", "not allowed", "Permission", "only SELECT"));
    assertThat(Files.exists(Path.of("/tmp/shoal-leak.csv"))).isFalse();
    assertThat(query("SELECT count(*) FROM items")).containsExactly(List.of(1000L));
  }

  @Test
  void brokenParquetFailsOnlyItsQueries() throws Exception {
    assertThatThrownBy(() -> query("SELECT * FROM broken"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("broken");
    assertThat(query("SELECT count(*) FROM items")).containsExactly(List.of(1000L));
  }

  @Test
  void cancelStopsALongQueryAndTheSiteKeepsServing() throws Exception {
    try (Statement st = conn.createStatement()) {
      long start = System.nanoTime();
      CompletableFuture<Throwable> outcome =
          CompletableFuture.supplyAsync(
              () -> {
                // A long stream (about a minute through JDBC if nothing cancels it), so that the
                // cancel lands while batches flow; bounded, so a broken cancel fails instead of hanging.
                try (ResultSet rs = st.executeQuery("SELECT range, range * 2 AS twice FROM range(300000000)")) {
                  while (rs.next()) {
                    // read until cancelled
                  }
                  return null;
                } catch (Throwable t) {
                  return t;
                }
              });
      Thread.sleep(700);
      st.cancel();
      Throwable t = outcome.get(15, TimeUnit.SECONDS);
      assertThat(t).isNotNull();
    }
    assertThat(query("SELECT count(*) FROM nation")).containsExactly(List.of(25L));
  }

  @Test
  void siteInfoActionReturnsJson() throws Exception {
    try (RootAllocator allocator = new RootAllocator();
        FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", site.port())).build()) {
      Iterator<Result> results = client.doAction(new Action(SiteActions.SITE_INFO));
      assertThat(results.hasNext()).isTrue();
      byte[] body = results.next().getBody();
      SiteInfo info = Json.fromBytes(body, SiteInfo.class);
      assertThat(info.name()).isEqualTo("eu");
      assertThat(info.region()).isEqualTo("eu-west-1");
      assertThat(info.tables()).extracting(TableInfo::name).contains("items", "nation");
      assertThat(new String(body, StandardCharsets.UTF_8)).contains("\"items\"");
    }
  }
}

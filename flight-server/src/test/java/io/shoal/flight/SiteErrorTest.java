package io.shoal.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Errors DuckDB raises on the data, and an untyped parameter, straight at a site: through a plain
 * Flight SQL client (the SQLState in the {@code x-shoal-sqlstate} trailer) and through the Arrow
 * Flight SQL JDBC driver (the message). Each names what failed and never the value that did.
 */
class SiteErrorTest {
  @TempDir static Path dir;
  static TestSite site;
  static RootAllocator allocator;
  static FlightSqlClient flight;
  static Connection jdbc;

  @BeforeAll
  static void start() throws Exception {
    site =
        TestSite.start(
            dir,
            """
            tables:
              items: { parquet: "data/items.parquet", keys: { id: item } }
              secrets: { parquet: "data/secrets.parquet" }
            policy:
              export: rows
              tables:
                secrets: { export: none }
            """,
            "COPY (SELECT range AS id, 'item ' || range AS label, range * 1.5 AS price FROM range(100000))"
                + " TO '$DATA/items.parquet' (FORMAT parquet)",
            "COPY (SELECT range AS id, 'hidden-' || range AS code FROM range(10)) TO '$DATA/secrets.parquet' (FORMAT parquet)");
    allocator = new RootAllocator();
    flight = new FlightSqlClient(FlightClient.builder(allocator, Location.forGrpcInsecure("127.0.0.1", site.port())).build());
    jdbc = site.connect();
  }

  @AfterAll
  static void stop() throws Exception {
    if (jdbc != null) jdbc.close();
    if (flight != null) flight.close();
    if (allocator != null) allocator.close();
    if (site != null) site.close();
  }

  /** The failure of running {@code sql} to its end through the plain Flight SQL client. */
  static FlightRuntimeException failure(String sql) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
      FlightInfo info = flight.execute(sql);
      try (FlightStream s = flight.getStream(info.getEndpoints().get(0).getTicket())) {
        while (s.next()) {
          // read it all: the error may come after rows
        }
      }
    });
    assertThat(t).as(sql).isInstanceOf(FlightRuntimeException.class);
    return (FlightRuntimeException) t;
  }

  static String state(FlightRuntimeException e) {
    return e.status().metadata().get(FlightErrors.SQLSTATE_HEADER);
  }

  static SQLException jdbcFailure(String sql) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> {
      try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          // read it all
        }
      }
    });
    assertThat(t).as(sql).isInstanceOf(SQLException.class);
    return (SQLException) t;
  }

  static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append(" | ");
    return all.toString();
  }

  @Test
  void anUntypedParameterIsNamedWithTheCastToWrite() {
    String sql = "SELECT sum(price * ?) FROM items";
    FlightRuntimeException e = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> flight.prepare(sql), FlightRuntimeException.class);
    assertThat(state(e)).isEqualTo("42P18");
    assertThat(e.getMessage()).contains("parameter 1", "CAST(? AS").doesNotContain("unique_ptr");
    // The second of two: the first one has a type from its column.
    FlightRuntimeException second = org.assertj.core.api.Assertions.catchThrowableOfType(
        () -> flight.prepare("SELECT sum(price) FILTER (WHERE id > ?), sum(price * ?) FROM items"),
        FlightRuntimeException.class);
    assertThat(second).isNotNull();
    assertThat(state(second)).as(second.getMessage()).isEqualTo("42P18");
    assertThat(second.getMessage()).contains("parameter 2");
    assertThatThrownBy(() -> jdbc.prepareStatement(sql))
        .isInstanceOf(SQLException.class)
        .satisfies(t -> assertThat(messages(t)).contains("parameter 1", "CAST(? AS").doesNotContain("unique_ptr"));
  }

  @Test
  void aTypedParameterStillPrepares() throws Exception {
    try (var ps = jdbc.prepareStatement("SELECT sum(price * CAST(? AS DOUBLE)) FROM items WHERE id < 4")) {
      ps.setDouble(1, 2.0);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(18.0);
      }
    }
  }

  @Test
  void aCastThatFailsOnALaterRowSaysConversionNot_InvalidResultSet() {
    // Row 50,001 fails, inside the first batch DuckDB computes: the JDBC driver lost that error.
    String sql = "SELECT CAST(CASE WHEN id > 50000 THEN 'x' ELSE '1' END AS INT) FROM items";
    FlightRuntimeException e = failure(sql);
    assertThat(state(e)).as(e.getMessage()).isEqualTo("22018");
    // DuckDB names no source column here, so ErrorText trusts no part of the text after the value.
    assertThat(e.getMessage()).contains("Conversion Error", "withheld").doesNotContain("Invalid result set", "'x'", "EXPLAIN");
    assertThat(messages(jdbcFailure(sql))).contains("Conversion Error").doesNotContain("Invalid result set");
  }

  @Test
  void aConversionErrorCarriesNoValueOfTheColumn() {
    FlightRuntimeException e = failure("SELECT CAST(label AS INT) FROM items");
    assertThat(state(e)).isEqualTo("22018");
    assertThat(e.getMessage()).contains("label").doesNotContain("item 0", "'item");
    // A table the caller may not see stays unseen, and so do its values.
    FlightRuntimeException hidden = failure("SELECT CAST(code AS INT) FROM secrets");
    assertThat(hidden.getMessage()).doesNotContain("hidden-");
  }

  @Test
  void aDivisionByZeroIs22012() {
    FlightRuntimeException e = failure("SELECT 1 // (id - 70000) FROM items");
    assertThat(state(e)).as(e.getMessage()).isEqualTo("22012");
    assertThat(e.getMessage()).contains("Division by zero").doesNotContain("70000", "EXPLAIN");
  }

  @Test
  void anOverflowIs22003() {
    FlightRuntimeException e = failure("SELECT (CAST(id AS INTEGER) + 2147483600)::INTEGER FROM items");
    assertThat(state(e)).as(e.getMessage()).isEqualTo("22003");
    assertThat(e.getMessage()).contains("Overflow").doesNotContain("2147483600", "+ 4");
  }

  @Test
  void aCastThatFailsInALaterBatchIsAConversionErrorToo() {
    // 64Ki rows per batch: the first batch leaves the site, then the cast fails.
    FlightRuntimeException e = failure(
        "SELECT CAST(CASE WHEN range < 90000 THEN '1' ELSE 'x' END AS INT) FROM range(100000)");
    assertThat(state(e)).as(e.getMessage()).isEqualTo("22018");
  }
}

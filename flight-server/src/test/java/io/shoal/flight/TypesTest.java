package io.shoal.flight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Map;
import org.duckdb.DuckDBStruct;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every type a site serves, read through the Flight SQL JDBC driver, equals what DuckDB's own JDBC
 * driver reads from the same data. Types the driver would read wrongly are refused with a clear error.
 */
class TypesTest {
  static final String TYPES_SQL =
      "SELECT * FROM (VALUES "
          + "(1, '-128'::TINYINT, '-32768'::SMALLINT, '-2147483648'::INTEGER, '-9223372036854775808'::BIGINT,"
          + " 170141183460469231731687303715884105727::HUGEINT, 123456789012345.678::DECIMAL(18,3),"
          + " 1234567890123456789012345678.0123456789::DECIMAL(38,10), 3.141592653589793::DOUBLE, 'héllo ✓'::VARCHAR,"
          + " DATE '2024-02-29', TIME '23:59:59.123456', TIMESTAMP '2024-02-29 12:34:56.789012',"
          + " TIMESTAMPTZ '2024-02-29 12:34:56.789012+00', true, '\\xAA\\x00\\xBB'::BLOB,"
          + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, [1, 2, NULL]::INTEGER[], {'a': 1, 'b': 'x'}),"
          + "(2, 127::TINYINT, 32767::SMALLINT, 2147483647::INTEGER, 9223372036854775807::BIGINT,"
          + " '-12345678901234567890123'::HUGEINT, '-0.001'::DECIMAL(18,3), '-0.0000000001'::DECIMAL(38,10),"
          + " -1e300::DOUBLE, '', DATE '1969-12-31', TIME '00:00:00', TIMESTAMP '1969-12-31 23:59:59.999999',"
          + " TIMESTAMPTZ '1900-01-01 00:00:00+00', false, ''::BLOB, '00000000-0000-0000-0000-000000000000'::UUID,"
          + " []::INTEGER[], {'a': NULL, 'b': NULL}),"
          + "(3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
          + ") AS t(id, ti, si, i, bi, hi, d18, d38, dbl, s, dt, tm, ts, tstz, b, bl, u, li, st)";

  @TempDir static Path dir;
  static TestSite site;
  static Connection flight;
  static Connection duck;

  @BeforeAll
  static void start() throws Exception {
    site =
        TestSite.start(
            dir,
            "tables:\n  types: { duckdb: types }\n  typesp: { parquet: data/types.parquet }\n",
            "CREATE TABLE types AS " + TYPES_SQL,
            "COPY types TO '$DATA/types.parquet' (FORMAT parquet)");
    flight = site.connect();
    duck = DriverManager.getConnection("jdbc:duckdb:");
  }

  @AfterAll
  static void stop() throws Exception {
    flight.close();
    duck.close();
    site.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"native", "parquet"})
  void everyTypeEqualsDuckDbsOwnJdbcResult(String kind) throws Exception {
    String expected =
        kind.equals("native")
            ? TYPES_SQL
            : "SELECT * FROM read_parquet('" + dir.resolve("data/types.parquet") + "')";
    String table = kind.equals("native") ? "types" : "typesp";
    int rows = 0;
    try (Statement fs = flight.createStatement();
        ResultSet f = fs.executeQuery("SELECT * FROM " + table + " ORDER BY id");
        Statement ds = duck.createStatement();
        ResultSet d = ds.executeQuery("SELECT * FROM (" + expected + ") ORDER BY id")) {
      ResultSetMetaData md = d.getMetaData();
      assertThat(f.getMetaData().getColumnCount()).isEqualTo(md.getColumnCount());
      while (d.next()) {
        assertThat(f.next()).isTrue();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          String where = kind + " row " + d.getInt(1) + " column " + md.getColumnName(i) + " (" + md.getColumnTypeName(i) + ")";
          assertSameValue(where, md.getColumnTypeName(i), f, d, i);
        }
        rows++;
      }
      assertThat(f.next()).isFalse();
    }
    assertThat(rows).isEqualTo(3);
  }

  private static void assertSameValue(String where, String type, ResultSet f, ResultSet d, int i) throws SQLException {
    Object dv = d.getObject(i);
    if (dv == null) {
      // The driver cannot getObject a TIMESTAMP WITH TIME ZONE at all ("not implemented"): use getTimestamp.
      Object fv = type.equals("TIMESTAMP WITH TIME ZONE") ? f.getTimestamp(i) : f.getObject(i);
      assertThat(fv).as(where).isNull();
      return;
    }
    switch (type) {
      case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" ->
          assertThat(((Number) f.getObject(i)).longValue()).as(where).isEqualTo(((Number) dv).longValue());
      case "HUGEINT" ->
          assertThat((BigDecimal) f.getObject(i)).as(where).isEqualByComparingTo(new BigDecimal((BigInteger) dv));
      case "DOUBLE", "BOOLEAN", "VARCHAR" -> assertThat(f.getObject(i)).as(where).isEqualTo(dv);
      case "DATE" -> assertThat(f.getDate(i).toLocalDate()).as(where).isEqualTo((LocalDate) dv);
      // java.sql.Time carries milliseconds; the driver truncates DuckDB's microseconds to them.
      case "TIME" ->
          assertThat((long) f.getTime(i).getTime()).as(where).isEqualTo(((LocalTime) dv).toNanoOfDay() / 1_000_000);
      case "TIMESTAMP" -> assertThat(f.getTimestamp(i)).as(where).isEqualTo(dv);
      case "TIMESTAMP WITH TIME ZONE" ->
          assertThat(f.getTimestamp(i).toInstant()).as(where).isEqualTo(((OffsetDateTime) dv).toInstant());
      case "BLOB" -> {
        Blob b = (Blob) dv;
        assertThat(f.getBytes(i)).as(where).isEqualTo(b.getBytes(1, (int) b.length()));
      }
      case "UUID" -> assertThat(f.getString(i)).as(where).isEqualTo(dv.toString());
      case "INTEGER[]" ->
          assertThat(Arrays.asList((Object[]) ((Array) f.getObject(i)).getArray()))
              .as(where)
              .isEqualTo(Arrays.asList((Object[]) ((Array) dv).getArray()));
      default -> {
        if (type.startsWith("DECIMAL")) {
          assertThat((BigDecimal) f.getObject(i)).as(where).isEqualByComparingTo((BigDecimal) dv);
        } else if (type.startsWith("STRUCT")) {
          Map<?, ?> fm = (Map<?, ?>) f.getObject(i);
          Map<String, Object> dm = ((DuckDBStruct) dv).getMap();
          for (var e : dm.entrySet()) {
            Object fx = fm.get(e.getKey());
            assertThat(fx == null ? null : fx.toString()).as(where + "." + e.getKey())
                .isEqualTo(e.getValue() == null ? null : e.getValue().toString());
          }
        } else {
          throw new AssertionError(where + ": no comparison for this type");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 'a'::ENUM('a', 'b') AS e",
        "SELECT '18446744073709551615'::UBIGINT AS u",
        "SELECT '200'::UTINYINT AS u",
        "SELECT 12345678901234567890123456789012345678901234567890::VARINT AS v",
        "SELECT {'inner': 'a'::ENUM('a', 'b')} AS s"
      })
  void typesTheDriverWouldReadWronglyAreRefused(String sql) throws Exception {
    try (Statement st = flight.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery(sql))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("which this site does not send")
          .hasMessageContaining("cast it")
          .satisfies(e -> assertThat(FlightCodes.of(e)).isEqualTo("INVALID_ARGUMENT"));
    }
    try (Statement st = flight.createStatement();
        ResultSet rs = st.executeQuery("SELECT '200'::UTINYINT::SMALLINT, 'a'::ENUM('a', 'b')::VARCHAR")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(200);
      assertThat(rs.getString(2)).isEqualTo("a");
    }
  }
}

package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

/** The wrapper over a plain Calcite connection (what the planner hands us, minus the sites). */
class WrapperTest {
  private static final String VALUES = "VALUES (1, DATE '2024-01-02', TIMESTAMP '2024-01-01 23:30:00.123',"
      + " TIME '13:14:15', 'a', CAST(12.50 AS DECIMAL(10,2)), CAST(NULL AS INTEGER)),"
      + " (2, DATE '1969-12-31', TIMESTAMP '1969-12-31 23:59:59', TIME '00:00:00', 'b', CAST(-1.25 AS DECIMAL(10,2)), 7)";
  static final String MODEL = "jdbc:calcite:model=inline:{\"version\":\"1.0\",\"defaultSchema\":\"s\","
      + "\"schemas\":[{\"name\":\"s\",\"tables\":[{\"name\":\"t\",\"type\":\"view\",\"sql\":\"" + VALUES + "\"}]}]};"
      + "caseSensitive=false;unquotedCasing=UNCHANGED;quotedCasing=UNCHANGED;quoting=DOUBLE_QUOTE";

  static Connection open() throws SQLException {
    return new ShoalConnection(DriverManager.getConnection(MODEL), "jdbc:shoal:sites=x@grpc://h:1", "alice", 0, false);
  }

  @Test
  void behavesLikeAReadOnlyDatabase() throws SQLException {
    try (Connection c = open()) {
      assertThat(c.isReadOnly()).isTrue();
      c.setReadOnly(false);
      c.setAutoCommit(false);
      c.commit();
      c.rollback();
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
      assertThat(c.isValid(1)).isTrue();
      assertThat((Object) c.unwrap(Connection.class)).isSameAs(c);
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.isReadOnly()).isTrue();
      assertThat(md.getDatabaseProductName()).isEqualTo("Shoal");
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat((Object) md.getConnection()).isSameAs(c);
      assertThat(md.getUserName()).isEqualTo("alice");
    }
  }

  @Test
  void unsupportedFeaturesKeepTheirTypeAndGetAState() throws SQLException {
    try (Connection c = open()) {
      assertThatThrownBy(() -> c.prepareCall("CALL p()"))
          .isInstanceOfSatisfying(java.sql.SQLFeatureNotSupportedException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM t")) {
        assertThat(rs.next()).isTrue();
        // Avatica's own "unsupported" has no SQLState.
        assertThatThrownBy(() -> rs.updateInt(1, 1))
            .isInstanceOfSatisfying(java.sql.SQLFeatureNotSupportedException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("0A000");
              assertClean(e);
            });
      }
    }
  }

  @Test
  void errorsCarryStatesAndNoStackTraces() throws SQLException {
    try (Connection c = open(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeQuery("SELEC 1"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42000");
            assertClean(e);
          });
      assertThatThrownBy(() -> st.executeQuery("SELECT * FROM nope"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42S02");
            assertThat(e.getMessage()).contains("nope");
            assertClean(e);
          });
      assertThatThrownBy(() -> st.executeQuery("SELECT nocol FROM t"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42S22");
            assertThat(e.getMessage()).contains("nocol");
            assertClean(e);
          });
      assertThatThrownBy(() -> c.prepareStatement("SELECT * FROM t WHERE"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42000"));
    }
  }

  static void assertClean(SQLException e) {
    assertThat(e.getMessage()).startsWith("Shoal: ").doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("Was expecting").doesNotContain("\n");
  }

  @Test
  void javaTimeGettersIndependentOfJvmZone() throws SQLException {
    TimeZone saved = TimeZone.getDefault();
    try {
      // One zone per JVM here: Calcite's VALUES make java.sql.Timestamps in the zone of the JVM
      // that first generated the code. Cross-zone reads over real sites: tck DriverTimeZoneTest.
      for (String zone : new String[] {TimeZone.getDefault().getID()}) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        // The zone in the SQL: Calcite caches generated code by its text, and the VALUES rows'
        // java.sql.Timestamps are made in the zone of the JVM that generated them.
        try (Connection c = open(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT t.*, '" + zone + "' AS z FROM t ORDER BY 1")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getObject(2, LocalDate.class)).as(zone).isEqualTo(LocalDate.of(2024, 1, 2));
          assertThat(rs.getDate(2).toString()).as(zone).isEqualTo("2024-01-02");
          assertThat(rs.getObject(3, LocalDateTime.class)).as(zone)
              .isEqualTo(LocalDateTime.of(2024, 1, 1, 23, 30, 0, 123_000_000));
          assertThat(rs.getTimestamp(3).toString()).as(zone).isEqualTo("2024-01-01 23:30:00.123");
          assertThat(rs.getObject(3, Instant.class)).isEqualTo(Instant.parse("2024-01-01T23:30:00.123Z"));
          assertThat(rs.getObject(4, LocalTime.class)).isEqualTo(LocalTime.of(13, 14, 15));
          assertThat(rs.getObject("EXPR$4", String.class)).isEqualTo("a");
          assertThat(rs.getObject(6, java.math.BigDecimal.class)).isEqualByComparingTo("12.50");
          assertThat(rs.getObject(7, Integer.class)).isNull();
          assertThat(rs.getObject(1, Long.class)).isEqualTo(1L);
          assertThat(rs.next()).isTrue();
          assertThat(rs.getObject(2, LocalDate.class)).as(zone).isEqualTo(LocalDate.of(1969, 12, 31));
          assertThat(rs.getObject(3, LocalDateTime.class)).as(zone).isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59));
          assertThat(rs.getObject(7, Integer.class)).isEqualTo(7);
          assertThat((Object) rs.getStatement()).isSameAs(st);
        }
      }
    } finally {
      TimeZone.setDefault(saved);
    }
  }

  @Test
  void preparedStatementsAndLimits() throws SQLException {
    try (Connection c = open(); PreparedStatement ps = c.prepareStatement("SELECT \"EXPR$4\" FROM t WHERE \"EXPR$0\" > ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("b");
        assertThat(rs.next()).isFalse();
      }
      ps.setInt(1, 0);
      ps.setMaxRows(1);
      ps.setFetchSize(10);
      ps.setQueryTimeout(5);
      assertThat(ps.getQueryTimeout()).isEqualTo(5);
      int n = 0;
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
        }
      }
      assertThat(n).isEqualTo(1);
      assertThat((Object) ps.getWarnings()).isNull();
      assertThat((Object) ps.getConnection()).isSameAs(c);
    }
  }

  @Test
  void metadataKeysAreEmptyNotErrors() throws SQLException {
    try (Connection c = open()) {
      DatabaseMetaData md = c.getMetaData();
      for (ResultSet rs : new ResultSet[] {
          md.getPrimaryKeys(null, "s", "t"), md.getImportedKeys(null, "s", "t"),
          md.getIndexInfo(null, "s", "t", false, true), md.getExportedKeys(null, "s", "t")}) {
        assertThat(rs.next()).isFalse();
        rs.close();
      }
      try (ResultSet rs = md.getTypeInfo()) {
        assertThat(rs.next()).isTrue();
      }
      try (ResultSet rs = md.getColumns(null, "s", "t", "EXPR$_")) {
        int n = 0;
        while (rs.next()) {
          n++;
        }
        assertThat(n).isEqualTo(7);
      }
      try (ResultSet rs = md.getColumns(null, "s", "t", "%")) {
        java.util.List<String> got = new java.util.ArrayList<>();
        while (rs.next()) {
          got.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " "
              + rs.getObject("COLUMN_SIZE") + " " + rs.getObject("DECIMAL_DIGITS") + " " + rs.getInt("NULLABLE"));
        }
        assertThat(got).containsExactly(
            "EXPR$0 4 INTEGER 10 0 0", "EXPR$1 91 DATE 10 null 0", "EXPR$2 93 TIMESTAMP 23 3 0",
            "EXPR$3 92 TIME 8 0 0", "EXPR$4 1 CHAR 1 null 0", "EXPR$5 3 DECIMAL 10 2 0", "EXPR$6 4 INTEGER 10 0 1");
      }
      try (ResultSet rs = md.getColumns(null, "_", "%", "EXPR\\$1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("t");
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getTables(null, "s%", "_", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.next()).isFalse();
      }
      try (ResultSet rs = md.getCatalogs()) {
        assertThat(rs.next()).isFalse();
      }
    }
  }
}

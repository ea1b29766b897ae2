package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * setMaxRows/setLargeMaxRows become a LIMIT in every site's fragment wherever a LIMIT could go, as
 * shoal.queries shows: a DBeaver-style data tab (a prepared SELECT * with maxRows 200) on
 * global.lineitem moves at most 200 rows per site, embedded and through shoal coordinator; an ORDER
 * BY becomes a local top-N; an aggregate is limited above it, never below, so its counts stay right.
 */
class MaxRowsTest {
  private static Connection oracle;

  @BeforeAll
  static void connect() throws Exception {
    oracle = TestFederation.get().oracle();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (oracle != null) oracle.close();
  }

  private static Connection open(String mode) throws Exception {
    return DriverManager.getConnection(mode.equals("remote") ? TestCoordinator.url()
        : "jdbc:shoal:sites=" + TestFederation.get().sitesProperty());
  }

  /** A query text no earlier query used, so shoal.queries has exactly its rows. */
  private static String unique(String sql) {
    return sql + " -- " + UUID.randomUUID();
  }

  /** Rows each site sent for the latest run of {@code sql}. */
  static Map<String, Long> rowsPerSite(Connection c, String sql) throws Exception {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT site, rows_received FROM shoal.queries WHERE query_text = ?")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) if (rs.getString(1) != null) out.merge(rs.getString(1), rs.getLong(2), Long::sum);
      }
    }
    return out;
  }

  private static int drain(ResultSet rs) throws Exception {
    int n = 0;
    while (rs.next()) n++;
    return n;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void dataTabReadsAtMost200RowsPerSite(String mode) throws Exception {
    String sql = unique("SELECT * FROM global.lineitem");
    try (Connection c = open(mode)) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setMaxRows(200);
        ps.setFetchSize(200);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(drain(rs)).isEqualTo(200);
        }
      }
      // The sites are read one after another, each only if those before had fewer than 200 rows:
      // eu alone has them here, so 200 rows leave the sites in all, not 200 from each.
      Map<String, Long> sent = rowsPerSite(c, sql);
      assertThat(sent).as("rows per site").isNotEmpty();
      assertThat(List.of("eu", "us", "apac")).containsAll(sent.keySet());
      assertThat(sent.values().stream().mapToLong(Long::longValue).sum()).as("rows in all")
          .isEqualTo(200);

      String plain = unique("SELECT l_orderkey, l_partkey FROM global.lineitem");
      try (Statement st = c.createStatement()) {
        st.setLargeMaxRows(200);
        assertThat(drain(st.executeQuery(plain))).isEqualTo(200);
      }
      assertThat(rowsPerSite(c, plain).values().stream().mapToLong(Long::longValue).sum())
          .as("rows in all").isEqualTo(200);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void orderByBecomesALocalTopN(String mode) throws Exception {
    String order = "SELECT l_orderkey, l_linenumber, l_extendedprice FROM global.lineitem"
        + " ORDER BY l_extendedprice DESC, l_orderkey, l_linenumber";
    String sql = unique(order);
    List<String> expected = io.shoal.tck.jars.TextRows.query(oracle, order.replace("global.", "") + " LIMIT 10");
    try (Connection c = open(mode)) {
      for (boolean prepared : new boolean[] {false, true}) {
        String text = sql + (prepared ? " prepared" : "");
        try (Statement st = prepared ? c.prepareStatement(text) : c.createStatement()) {
          st.setMaxRows(10);
          ResultSet rs = prepared ? ((PreparedStatement) st).executeQuery() : st.executeQuery(text);
          java.util.List<String> got = new java.util.ArrayList<>();
          while (rs.next()) {
            got.add(io.shoal.tck.jars.TextRows.cell(rs.getObject(1)) + "\t" + io.shoal.tck.jars.TextRows.cell(rs.getObject(2))
                + "\t" + io.shoal.tck.jars.TextRows.cell(rs.getObject(3)));
          }
          assertThat(got).as("in order").isEqualTo(expected);
        }
        assertThat(rowsPerSite(c, text).values()).as("prepared=%s", prepared).hasSize(3).allMatch(n -> n <= 10);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"embedded", "remote"})
  void anAggregateIsLimitedAboveNotBelow(String mode) throws Exception {
    String agg = "SELECT l_returnflag, l_linestatus, COUNT(*) AS n FROM global.lineitem GROUP BY l_returnflag, l_linestatus";
    Map<String, Long> all = new HashMap<>();
    try (Statement st = oracle.createStatement(); ResultSet rs = st.executeQuery(agg.replace("global.", ""))) {
      while (rs.next()) all.put(rs.getString(1) + rs.getString(2), rs.getLong(3));
    }
    try (Connection c = open(mode); Statement st = c.createStatement()) {
      st.setMaxRows(2);
      try (ResultSet rs = st.executeQuery(agg)) {
        int n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getLong(3)).isEqualTo(all.get(rs.getString(1) + rs.getString(2)));
        }
        assertThat(n).isEqualTo(2);
      }
    }
  }
}

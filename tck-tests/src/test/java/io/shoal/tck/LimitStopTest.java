package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bare LIMIT n (no ORDER BY) over the sites' union stops every site once n rows have arrived at
 * the coordinator: at most n rows plus one Arrow batch (64Ki rows) per site arrive, as
 * shoal.queries counts, and at most that many leave the sites, as their audit logs count. The
 * pushed LIMIT alone let each site send n: over this fixture's per-site cross join of lineitem and
 * nation (295k-623k rows a site), LIMIT 400000 moved 1,022,230 rows; with the sites asked side by
 * side and stopped once n had arrived, 600,000 rows still left them for LIMIT 200000 (what was in
 * flight). The sites are now read one after another, each only if those before could not fill the
 * LIMIT. The rows returned are real, distinct rows of the join.
 */
class LimitStopTest {
  /** Rows per Arrow batch at a site (DuckFragment.BATCH_ROWS). */
  private static final long BATCH = 64 * 1024;
  private static final long N = 200_000;
  private static final String JOIN = "SELECT l_orderkey, l_linenumber, n_name FROM lineitem, nation";

  private static TestFederation fed;
  private static Connection oracle;
  private static Set<String> lineitems;
  private static Set<String> nations;

  @BeforeAll
  static void connect() throws Exception {
    fed = TestFederation.get();
    oracle = fed.oracle();
    lineitems = column(oracle, "SELECT l_orderkey || '/' || l_linenumber FROM lineitem");
    nations = column(oracle, "SELECT n_name FROM nation");
    // The bound below means something only where each site alone could fill the LIMIT.
    try (Statement st = oracle.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) * 25 FROM lineitem")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThan(3 * N);
    }
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (oracle != null) oracle.close();
  }

  private static Set<String> column(Connection c, String sql) throws Exception {
    Set<String> out = new HashSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  private static Connection open(String mode) throws Exception {
    return DriverManager.getConnection(mode.equals("remote") ? TestCoordinator.url()
        : "jdbc:shoal:sites=" + fed.sitesProperty());
  }

  /** Reads every row, checking each is a row of the join and none comes twice; returns the count. */
  private static long readJoinRows(ResultSet rs) throws Exception {
    Set<String> seen = new HashSet<>();
    long n = 0;
    while (rs.next()) {
      n++;
      String item = rs.getLong(1) + "/" + rs.getInt(2);
      // Set lookups, not AssertJ's contains (which walks the collection) for each of 200,000 rows.
      if (!lineitems.contains(item) || !nations.contains(rs.getString(3))) {
        throw new AssertionError("not a row of the join: " + item + " " + rs.getString(3));
      }
      if (!seen.add(item + "/" + rs.getString(3))) {
        throw new AssertionError("row " + item + " " + rs.getString(3) + " came twice");
      }
    }
    return n;
  }

  private static void assertStoppedEarly(Connection c, String sql, long needed) throws Exception {
    String id = QueryFiguresPerSite.queryId(c, sql);
    Map<String, QueryFiguresPerSite.Figures> received = QueryFiguresPerSite.coordinator(c, id);
    Map<String, QueryFiguresPerSite.Figures> sent = QueryFiguresPerSite.audit(fed, id);
    System.out.printf("LimitStopTest %s: needed %d; received %s; sent %s%n", sql, needed, received, sent);
    assertThat(received).isNotEmpty();
    assertThat(List.of("eu", "us", "apac")).containsAll(received.keySet());
    long bound = needed + 3 * BATCH;
    long arrived = received.values().stream().mapToLong(QueryFiguresPerSite.Figures::rows).sum();
    assertThat(arrived).as("rows received by the coordinator").isBetween(needed, bound);
    assertThat(received.values()).as("every site asked stopped at the LIMIT or finished")
        .allMatch(f -> f.status().equals("ok") || f.status().contains("LIMIT"));
    // What left the sites includes what was in flight when the stop arrived (Flight's client asks
    // for 5 messages ahead of its reader, on top of HTTP/2's window): only the last site read can
    // have sent more than the coordinator used.
    assertThat(sent.values().stream().mapToLong(QueryFiguresPerSite.Figures::rows).sum())
        .as("rows that left the sites (audit)").isBetween(arrived, bound);
  }

  @Test
  void aBareLimitStopsTheSitesOnceItHasItsRows() throws Exception {
    String sql = JOIN + " LIMIT " + N + " -- " + UUID.randomUUID();
    try (Connection c = open("embedded")) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        assertThat(readJoinRows(rs)).isEqualTo(N);
      }
      assertStoppedEarly(c, sql, N);
    }
  }

  /** Through shoal coordinator; counted there, so that only one row crosses Avatica. */
  @Test
  void aBareLimitStopsTheSitesThroughTheCoordinator() throws Exception {
    String sql = "SELECT COUNT(*), COUNT(DISTINCT l_orderkey || '/' || l_linenumber || '/' || n_name)"
        + " FROM (" + JOIN + " LIMIT " + N + ") AS t -- " + UUID.randomUUID();
    try (Connection c = open("remote")) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(N);
        assertThat(rs.getLong(2)).as("distinct rows").isEqualTo(N);
      }
      assertStoppedEarly(c, sql, N);
    }
  }

  @Test
  void maxRowsStopsTheSitesToo() throws Exception {
    String sql = JOIN + " -- " + UUID.randomUUID();
    try (Connection c = open("embedded")) {
      try (Statement st = c.createStatement()) {
        st.setMaxRows((int) N);
        try (ResultSet rs = st.executeQuery(sql)) {
          assertThat(readJoinRows(rs)).isEqualTo(N);
        }
      }
      assertStoppedEarly(c, sql, N);
    }
  }

  @Test
  void anOffsetCountsTowardsTheRowsNeeded() throws Exception {
    String sql = JOIN + " LIMIT 1000 OFFSET " + N + " -- " + UUID.randomUUID();
    try (Connection c = open("embedded")) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        assertThat(readJoinRows(rs)).isEqualTo(1000);
      }
      assertStoppedEarly(c, sql, N + 1000);
    }
  }
}

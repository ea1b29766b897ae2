package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tpch.TpchQueries;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The remote path (a thin client through {@code shoal coordinator}) returns every row whatever the
 * fetch size, including 0, the JDBC default and what Spark sends: the 22 TPC-H queries through a
 * Statement and a PreparedStatement equal the oracle at fetch sizes 0, 1, 100 and 10,000.
 */
class RemoteFetchSizeTest {
  private static Connection remote;
  private static Connection oracle;

  @BeforeAll
  static void connect() throws Exception {
    remote = DriverManager.getConnection(TestCoordinator.url());
    oracle = TestFederation.get().oracle();
  }

  @AfterAll
  static void disconnect() throws Exception {
    if (remote != null) remote.close();
    if (oracle != null) oracle.close();
  }

  static Stream<Arguments> tpch() {
    List<Arguments> out = new ArrayList<>();
    for (int q = 1; q <= 22; q++) {
      for (int fetch : new int[] {0, 1, 100, 10_000}) {
        out.add(Arguments.of(q, fetch));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "Q{0} fetchSize={1}")
  @MethodSource("tpch")
  void tpchEqualsTheOracle(int q, int fetchSize) throws Exception {
    String sql = TpchQueries.get(q);
    ResultRows expected = ResultRows.run(oracle, sql);
    try (Statement st = remote.createStatement()) {
      st.setFetchSize(fetchSize);
      try (ResultSet rs = st.executeQuery(sql)) {
        assertThat(ResultRows.difference(expected, ResultRows.read(rs), OracleTest.Corpus.ordered(sql)))
            .as("Statement, Q%d at fetch size %d", q, fetchSize).isNull();
      }
    }
    try (PreparedStatement ps = remote.prepareStatement(sql)) {
      ps.setFetchSize(fetchSize);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(ResultRows.difference(expected, ResultRows.read(rs), OracleTest.Corpus.ordered(sql)))
            .as("PreparedStatement, Q%d at fetch size %d", q, fetchSize).isNull();
      }
    }
  }

  /** 15,000 orders: many frames, the case that returned 100 rows (Statement) or none (prepared). */
  @ParameterizedTest(name = "fetchSize={0}")
  @ValueSource(ints = {-1, 0, 7, 100, 10_000})
  void everyRowOfALargeResult(int fetchSize) throws Exception {
    String sql = "SELECT o_orderkey, o_totalprice FROM global.orders";
    ResultRows expected = ResultRows.run(oracle, sql.replace("global.", ""));
    assertThat(expected.rows()).hasSize(15_000);
    try (Statement st = remote.createStatement()) {
      if (fetchSize >= 0) st.setFetchSize(fetchSize); // -1: never set, the driver's default
      try (ResultSet rs = st.executeQuery(sql)) {
        assertThat(ResultRows.difference(expected, ResultRows.read(rs), false)).as("Statement").isNull();
      }
    }
    try (PreparedStatement ps = remote.prepareStatement(sql + " WHERE o_orderkey > ?")) {
      if (fetchSize >= 0) ps.setFetchSize(fetchSize);
      ps.setLong(1, -1);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(ResultRows.difference(expected, ResultRows.read(rs), false)).as("PreparedStatement").isNull();
      }
    }
  }
}

package io.shoal.tck.guard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The two ways into the {@link GuardSite} a guard suite attacks through: the official Flight SQL
 * JDBC driver straight at the open site, and {@code jdbc:shoal:} over it.
 */
abstract class GuardClients {
  static GuardSite site;
  static Connection flight;
  static Connection shoal;

  @BeforeAll
  static void connect() throws Exception {
    site = GuardSite.get();
    flight = site.flightSql("");
    shoal = site.shoal();
  }

  @AfterAll
  static void disconnect() throws SQLException {
    if (flight != null) flight.close();
    if (shoal != null) shoal.close();
  }

  /** Every row as strings; a Statement without parameters, a PreparedStatement with them. */
  static List<List<String>> rows(Connection c, String sql, List<String> params) throws SQLException {
    if (params.isEmpty()) {
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        return collect(rs);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) ps.setString(i + 1, params.get(i));
      try (ResultSet rs = ps.executeQuery()) {
        return collect(rs);
      }
    }
  }

  private static List<List<String>> collect(ResultSet rs) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) row.add(rs.getString(i));
      rows.add(row);
    }
    return rows;
  }
}

package io.shoal.planner.plans;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.planner.Federation;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.protocol.Json;
import io.shoal.protocol.SiteInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The three sites of tck-tests' federation (eu, us, apac: TPC-H SF 0.01 split by region, plus
 * {@code events}) as they describe themselves, read from {@code plans/sites.json}: plans are made
 * with their real tables, distributions, key domains and row counts, and no site runs.
 */
public final class PlanFixture {
  private static final String RESOURCE = "/plans/sites.json";
  private static List<SiteInfo> infos;

  private PlanFixture() {}

  /** The sites' metadata, in the fixture's order. */
  public static synchronized List<SiteInfo> infos() {
    if (infos == null) {
      try (InputStream in = PlanFixture.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the test class path");
        }
        JsonNode sites = Json.mapper().readTree(in).get("sites");
        List<SiteInfo> out = new ArrayList<>();
        for (JsonNode s : sites) {
          out.add(Json.mapper().treeToValue(s, SiteInfo.class));
        }
        infos = List.copyOf(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return infos;
  }

  /** A planner connection over the fixture's sites; their endpoints are never called. */
  public static Connection connect() throws SQLException {
    List<SiteEndpoint> endpoints = new ArrayList<>();
    int port = 1;
    for (SiteInfo s : infos()) {
      // Port numbers no site listens on: a plan that tried to reach a site would fail loudly.
      endpoints.add(new SiteEndpoint(s.name(), "grpc://127.0.0.1:" + port++, null));
    }
    return Federation.connect(endpoints, infos(), new Properties());
  }

  /** {@code EXPLAIN PLAN FOR sql}: the coordinator's plan with each site's fragment SQL. */
  public static String explain(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1));
      }
      return b.toString();
    }
  }
}

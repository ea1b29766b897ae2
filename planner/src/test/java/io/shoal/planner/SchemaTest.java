package io.shoal.planner;

import io.shoal.planner.client.SiteEndpoint;
import io.shoal.planner.errors.ShoalException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.planner.prepare.ShoalTypeSystem;
import io.shoal.planner.pushdown.DuckDbTypes;
import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Distribution;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.junit.jupiter.api.Test;

class SchemaTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl(ShoalTypeSystem.INSTANCE);

  private String type(String duck) {
    return DuckDbTypes.toRelType(types, duck, false).getFullTypeString();
  }

  @Test
  void duckDbTypesMapToCalcite() {
    assertThat(type("BIGINT")).isEqualTo("BIGINT NOT NULL");
    assertThat(type("DECIMAL(15,2)")).isEqualTo("DECIMAL(15, 2) NOT NULL");
    assertThat(type("HUGEINT")).isEqualTo("DECIMAL(38, 0) NOT NULL");
    assertThat(type("VARCHAR")).isEqualTo("VARCHAR NOT NULL");
    assertThat(type("DATE")).isEqualTo("DATE NOT NULL");
    assertThat(type("TIMESTAMP")).startsWith("TIMESTAMP(");
    assertThat(type("TIMESTAMP WITH TIME ZONE")).startsWith("TIMESTAMP_WITH_LOCAL_TIME_ZONE");
    assertThat(type("INTEGER[]")).isEqualTo("INTEGER ARRAY NOT NULL");
    assertThat(type("STRUCT(a INTEGER, \"b c\" VARCHAR)"))
        .isEqualTo("RecordType(INTEGER a, VARCHAR b c) NOT NULL");
    assertThat(type("MAP(VARCHAR, DOUBLE)")).isEqualTo("(VARCHAR NOT NULL, DOUBLE) MAP NOT NULL");
    assertThatThrownBy(() -> type("GEOMETRY")).hasMessageContaining("GEOMETRY");
  }

  private static SiteInfo site(String name, TableInfo... tables) {
    return new SiteInfo(name, name + "-1", "0.1.0", List.of(tables), null);
  }

  private static TableInfo t(String name, Distribution d, ColumnInfo... cols) {
    return new TableInfo(name, "parquet", List.of(cols), 10, d, Map.of(), null);
  }

  private static Connection connect(SiteInfo... infos) throws SQLException {
    List<SiteEndpoint> eps = new java.util.ArrayList<>();
    int port = 1;
    for (SiteInfo i : infos) {
      eps.add(new SiteEndpoint(i.name(), "grpc://127.0.0.1:" + port++, null));
    }
    return Federation.connect(eps, List.of(infos), new Properties());
  }

  @Test
  void columnsMergeByNameToACommonType() throws Exception {
    try (Connection c = connect(
            site("eu", t("t", Distribution.PARTITIONED,
                new ColumnInfo("id", "INTEGER", false), new ColumnInfo("only_eu", "VARCHAR", false))),
            site("us", t("T", Distribution.PARTITIONED,
                new ColumnInfo("ID", "BIGINT", false))));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("explain plan for select id, only_eu, _site from t")) {
      rs.next();
      String plan = rs.getString(1);
      assertThat(plan).contains("CAST(\"id\" AS BIGINT)").contains("NULL");
      try (ResultSet r2 = c.createStatement().executeQuery("select * from t where 1 = 0")) {
        ResultSetMetaData md = r2.getMetaData();
        assertThat(md.getColumnCount()).isEqualTo(3);
        assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(md.isNullable(2)).isEqualTo(ResultSetMetaData.columnNullable);
        assertThat(md.getColumnName(3)).isEqualTo("_site");
      }
    }
  }

  @Test
  void incompatibleColumnsRefuseTheTableNamingSitesAndColumns() throws Exception {
    try (Connection c = connect(
            site("eu", t("t", Distribution.PARTITIONED, new ColumnInfo("x", "INTEGER", false))),
            site("us", t("t", Distribution.PARTITIONED, new ColumnInfo("x", "DATE", false))))) {
      assertThatThrownBy(() -> c.createStatement().executeQuery("select * from t"))
          .hasMessageContaining("global table t")
          .hasMessageContaining("x is INTEGER at eu, DATE at us");
      // The site schemas still work.
      try (ResultSet rs = c.createStatement().executeQuery("explain plan for select * from us.t")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test
  void sitesTableListsSites() throws Exception {
    try (Connection c = Fixtures.connect();
        ResultSet rs = c.createStatement()
            .executeQuery("select name, region, uri, status from shoal.sites order by name")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("apac");
      assertThat(rs.getString(2)).isEqualTo("apac-region-1");
      assertThat(rs.getString(3)).startsWith("grpc://127.0.0.1:");
      assertThat(rs.getString(4)).isEqualTo("up");
    }
  }

  @Test
  void unreachableSiteFailsWith08001NamingIt() throws Exception {
    // Nothing listens on the fixture ports: the query must fail fast, naming a site.
    try (Connection c = Fixtures.connect()) {
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from orders")) {
          rs.next();
        }
      });
      assertThat(thrown).isNotNull();
      SQLException sql = ShoalException.toSqlException(thrown);
      assertThat(sql != null).as("SQLException in chain of %s", thrown).isTrue();
      assertThat(sql.getSQLState()).isEqualTo("08001");
      assertThat(sql.getMessage()).containsPattern("site (eu|us|apac) \\(grpc://");
    }
  }

  @Test
  void connectToUnreachableSitesFailsNamingTheSite() {
    Properties p = new Properties();
    p.setProperty("connectTimeout", "2");
    assertThatThrownBy(() -> Federation.connect(
            List.of(new SiteEndpoint("eu", "grpc://127.0.0.1:1", null)), p))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("site eu")
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("08001"));
  }
}

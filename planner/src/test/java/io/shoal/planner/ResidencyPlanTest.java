package io.shoal.planner;

import io.shoal.planner.errors.ShoalException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.shoal.protocol.PolicySummary;
import io.shoal.protocol.SiteInfo;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's residency check on plans only (no site runs): eu exports orders and customer
 * as aggregates only and denies customer.c_name; us and apac export rows.
 */
class ResidencyPlanTest {
  static Connection conn;

  @BeforeAll
  static void open() throws Exception {
    List<SiteInfo> infos = new ArrayList<>();
    for (SiteInfo i : Fixtures.infos()) {
      PolicySummary policy = i.name().equals("eu")
          ? new PolicySummary("aggregates", 10, Map.of(
              "customer", new PolicySummary.TablePolicy(null, List.of("c_name")),
              "nation", new PolicySummary.TablePolicy("rows", List.of())))
          : null;
      infos.add(new SiteInfo(i.name(), i.region(), i.shoalVersion(), i.tables(), policy));
    }
    conn = Federation.connect(Fixtures.endpoints(), infos, new Properties());
  }

  @AfterAll
  static void close() throws Exception {
    conn.close();
  }

  private static SQLException refusal(String sql) {
    Throwable t = catchThrowable(() -> conn.prepareStatement(sql).close());
    assertThat(t).as("refused: %s", sql).isNotNull();
    SQLException e = ShoalException.toSqlException(t);
    assertThat((Object) e).as("SQLState in %s", t).isNotNull();
    assertThat(e.getSQLState()).isEqualTo("42501");
    return e;
  }

  @Test
  void deniedColumnsAreRefusedWhereverTheyAppear() {
    assertThat(refusal("select c_name from customer").getMessage())
        .contains("column c_name of table customer").contains("eu (eu-region-1)");
    assertThat(refusal("select count(*) from customer where c_name like 'A%'").getMessage())
        .contains("c_name");
    assertThat(refusal("select c_name, count(*) from customer group by c_name").getMessage())
        .contains("c_name");
    assertThat(refusal("select c_custkey from customer order by c_name limit 3").getMessage())
        .contains("c_name");
  }

  @Test
  void rowsOfAnAggregatesOnlyTableAreRefused() {
    assertThat(refusal("select o_custkey, o_totalprice from orders").getMessage())
        .contains("pull rows of orders out of region eu-region-1").contains("aggregates only");
    assertThat(refusal("select max(o_totalprice) from orders").getMessage())
        .contains("MAX reveals single values");
    assertThat(refusal("select o_orderkey from eu.orders where o_orderkey = 7").getMessage())
        .contains("orders");
  }

  @Test
  void aggregatesAndUnrestrictedSitesPlan() throws Exception {
    String plan = Fixtures.explain(conn,
        "select o_orderstatus, count(*), avg(o_totalprice) from orders group by o_orderstatus");
    assertThat(plan).contains("GROUP BY");
    Fixtures.explain(conn, "select o_custkey from us.orders where o_orderkey = 7");
    Fixtures.explain(conn, "select n_name from nation");
    Fixtures.explain(conn, "select c_custkey, c_acctbal from apac.customer");
  }
}

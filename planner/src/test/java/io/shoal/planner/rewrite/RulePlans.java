package io.shoal.planner.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.planner.plans.PlanFixture;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;

/**
 * Plans for testing one rewrite rule at a time: a RelBuilder over the schemas of {@link
 * PlanFixture}'s sites ({@code global}, {@code eu}, {@code us}, {@code apac}), and a HepPlanner
 * that runs only the rule under test.
 */
final class RulePlans {
  private static final Pattern BRANCH =
      Pattern.compile("LogicalProject\\([^\\n]*, _site=\\[CAST\\('(\\w+)'\\):VARCHAR NOT NULL]\\)");
  private static Connection conn;

  private RulePlans() {}

  /** A builder whose {@code scan("global", "orders")} is the union of the sites' orders. */
  static synchronized RelBuilder builder() {
    try {
      if (conn == null) {
        conn = PlanFixture.connect();
      }
      return RelBuilder.create(Frameworks.newConfigBuilder()
          .defaultSchema(conn.unwrap(CalciteConnection.class).getRootSchema())
          .build());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code rel} after {@code rule} has fired wherever it matches, until it matches no more. */
  static RelNode fire(RelOptRule rule, RelNode rel) {
    HepPlanner planner = new HepPlanner(HepProgram.builder().addRuleInstance(rule).build());
    planner.setRoot(rel);
    return planner.findBestExp();
  }

  /**
   * The plan as EXPLAIN prints it, except that a global table's branch projection (every column
   * of the site's table, then {@code _site}) shows as {@code LogicalProject(..., _site='eu')}.
   */
  static String plan(RelNode rel) {
    return BRANCH.matcher(RelOptUtil.toString(rel)).replaceAll("LogicalProject(..., _site='$1')");
  }

  /** {@code before}, unchanged by {@code rule}. */
  static void assertUnchanged(RelOptRule rule, RelNode before) {
    String plan = plan(before);
    assertThat(plan(fire(rule, before)))
        .as("%s fired on%n%s", rule, plan).isEqualTo(plan);
  }
}

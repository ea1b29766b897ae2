package io.shoal.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.tpch.TpchQueries;
import java.util.Map;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.junit.jupiter.api.Test;

/**
 * Validates and converts every TPC-H query with Calcite against the split's table types, so the
 * planner can rely on the query texts: parsing alone misses type errors (date arithmetic,
 * EXTRACT, SUBSTRING, derived column lists).
 */
class TpchQueriesCalciteTest {

  @Test
  void everyQueryValidatesAndConvertsToRelationalAlgebra() throws Exception {
    FrameworkConfig config = TpchCalcite.config("tpch", false);
    for (Map.Entry<Integer, String> q : TpchQueries.all().entrySet()) {
      Planner planner = Frameworks.getPlanner(config);
      try {
        SqlNode validated = planner.validate(planner.parse(q.getValue()));
        RelRoot rel = planner.rel(validated);
        assertThat(rel.validatedRowType.getFieldCount()).as("Q%d columns", q.getKey()).isPositive();
      } catch (Exception e) {
        throw new AssertionError("Q" + q.getKey() + " fails in Calcite: " + e.getMessage(), e);
      } finally {
        planner.close();
      }
    }
  }
}

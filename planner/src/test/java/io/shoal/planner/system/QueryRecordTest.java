package io.shoal.planner.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.junit.jupiter.api.Test;

/** A query record's rows have exactly the columns of shoal.queries, with or without sites asked. */
class QueryRecordTest {

  @Test
  void everyRowHasOneValuePerColumn() {
    int columns = new QueriesTable().getRowType(new JavaTypeFactoryImpl()).getFieldCount();
    QueryRecord noSite = new QueryRecord("EXPLAIN PLAN FOR SELECT 1", "alice");
    // a query that asked no site: one row with a null site (a short row made SELECT * fail)
    assertThat(noSite.rows()).singleElement().satisfies(r -> assertThat(r).hasSize(columns));
    QueryRecord asked = new QueryRecord("SELECT 1", "alice");
    asked.suppressed("eu", 1);
    assertThat(asked.rows()).singleElement().satisfies(r -> assertThat(r).hasSize(columns));
  }
}

package io.shoal.tck.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Meta;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** jOOQ reads the catalog with meta() and runs a query it rendered itself. */
class JooqTest {
  @Test
  void metaAndQuery() throws Exception {
    try (Connection c = DriverManager.getConnection(DriverUrls.embedded())) {
      DSLContext ctx = DSL.using(c, SQLDialect.DEFAULT);
      Meta meta = ctx.meta();
      List<String> schemas = meta.getSchemas().stream().map(s -> s.getName()).toList();
      assertThat(schemas).contains("global", "eu", "us", "apac");
      Table<?> orders = meta.getSchemas("global").get(0).getTable("orders");
      assertThat(orders).isNotNull();
      assertThat(orders.field("o_totalprice")).isNotNull();
      assertThat(orders.field("o_orderdate").getType()).isEqualTo(java.sql.Date.class);

      Result<Record2<String, Integer>> r = ctx
          .select(DSL.field(DSL.name("_site"), String.class), DSL.count())
          .from(DSL.table(DSL.name("global", "events")))
          .groupBy(DSL.field(DSL.name("_site")))
          .orderBy(DSL.field(DSL.name("_site")))
          .fetch();
      assertThat(r).hasSize(2);
      assertThat(r.get(0).value1()).isEqualTo("eu");
      assertThat(r.get(0).value2()).isEqualTo(1000);
      assertThat(r.get(1).value2()).isEqualTo(10);

      Integer n = ctx.selectCount().from(DSL.table(DSL.name("global", "nation")))
          .where(DSL.field(DSL.name("n_regionkey"), Integer.class).eq(1)).fetchOne(0, Integer.class);
      assertThat(n).isEqualTo(5);
    }
  }
}

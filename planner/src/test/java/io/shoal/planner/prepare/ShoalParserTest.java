package io.shoal.planner.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

class ShoalParserTest {
  private static SqlNode parse(String sql) throws Exception {
    return SqlParser.create(sql, SqlParser.config().withParserFactory(ShoalParserFactory.INSTANCE))
        .parseQuery();
  }

  @Test
  void globalIsAnIdentifier() throws Exception {
    SqlSelect s = (SqlSelect) parse("select global.t.a from global.t");
    assertThat(s.getFrom().toString()).isEqualTo("GLOBAL.T");
  }
}

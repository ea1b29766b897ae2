package io.shoal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.planner.prepare.ShoalParserFactory;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** getSQLKeywords says what Shoal's (Babel) parser reserves, not what Calcite's core parser does. */
class KeywordsTest {
  /** Words Babel reserves beyond SQL:92 that SQL:2003 reserves too, so JDBC leaves them out. */
  private static final Set<String> SQL2003 = Set.of("END-EXEC", "GROUPING", "LATERAL", "MERGE",
      "NEW", "OVER", "PARTITION", "RANGE", "ROLLUP", "ROW", "WINDOW");

  private static void parse(String sql) throws Exception {
    SqlParser.create(sql, SqlParser.config().withParserFactory(ShoalParserFactory.INSTANCE))
        .parseQuery();
  }

  @Test
  void theListIsTheParsersReservedWordsBeyondSql2003() {
    Set<String> parser = new TreeSet<>(Arrays.asList(ShoalParserFactory.INSTANCE
        .getParser(new StringReader("")).getMetadata().getJdbcKeywords().split(",")));
    parser.removeAll(SQL2003);
    assertThat(new TreeSet<>(Arrays.asList(Keywords.NON_SQL2003.split(",")))).isEqualTo(parser);
  }

  /** Each word listed needs quotes as a name (a sample: all would be slow to parse one by one). */
  @ParameterizedTest
  @ValueSource(strings = {"limit", "qualify", "minus", "try_cast", "monday", "explain", "unnest"})
  void aListedWordIsReserved(String word) {
    assertThat(Keywords.NON_SQL2003.split(",")).contains(word.toUpperCase());
    assertThatThrownBy(() -> parse("SELECT 1 AS " + word)).isInstanceOf(SqlParseException.class);
    assertThatCode(() -> parse("SELECT 1 AS \"" + word + "\"")).doesNotThrowAnyException();
  }

  /** What BI tools name columns, and what Calcite's core parser reserved, is not listed. */
  @ParameterizedTest
  @ValueSource(strings = {"day", "month", "year", "value", "user", "abs", "contains", "show",
      "truncate"})
  void aNameBiToolsUseIsNotListed(String word) {
    assertThat(Keywords.NON_SQL2003.split(",")).doesNotContain(word.toUpperCase());
    assertThatCode(() -> parse("SELECT 1 AS " + word)).doesNotThrowAnyException();
  }
}

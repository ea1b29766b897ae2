package io.shoal.planner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/**
 * No column of a system table is a reserved word, so tools and people can write them unquoted:
 * {@code shoal.queries} had {@code sql} and {@code rows}, {@code shoal.audit} also {@code time}.
 * Reserved means reserved by Calcite's standard parser or by SQL:92 (what JDBC tools quote by).
 */
class SystemColumnsTest {
  private static final SqlAbstractParserImpl.Metadata CALCITE = SqlParser.create("").getMetadata();

  @Test
  void noSystemColumnIsAReservedWord() {
    JavaTypeFactoryImpl f = new JavaTypeFactoryImpl();
    List<RelDataType> tables = List.of(new QueriesTable().getRowType(f),
        new AuditTable(null).getRowType(f), new SitesTable(List::of).getRowType(f));
    List<String> reserved = new ArrayList<>();
    for (RelDataType t : tables) {
      for (RelDataTypeField c : t.getFieldList()) {
        String word = c.getName().toUpperCase(Locale.ROOT);
        if (CALCITE.isReservedWord(word) || SqlAbstractParserImpl.getSql92ReservedWords().contains(word)) {
          reserved.add(c.getName());
        }
      }
    }
    assertThat(reserved).isEmpty();
    // The check itself can fail: the old names are reserved.
    assertThat(CALCITE.isReservedWord("SQL") || CALCITE.isReservedWord("ROWS")).isTrue();
    assertThat(CALCITE.isReservedWord("TIME")).isTrue();
  }
}

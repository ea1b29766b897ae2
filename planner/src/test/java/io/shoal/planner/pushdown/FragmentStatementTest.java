package io.shoal.planner.pushdown;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** A fragment's parameters are put where the statement's tree has them, as typed literals. */
class FragmentStatementTest {
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl();

  @Test
  void parametersGoWhereTheTreeHasThem() throws Exception {
    // A question mark inside a quoted name or a string is not a parameter: a text scan that missed
    // one quoting rule would have put a value there.
    SqlNode statement = SqlParser.create("SELECT \"a?b\", 'why?' FROM t WHERE d = ? AND s = ? AND n < ?")
        .parseQuery();
    FragmentStatement f = new FragmentStatement(statement, ShoalDuckDbDialect.INSTANCE, Map.of(
        0, TYPES.createSqlType(SqlTypeName.DATE),
        1, TYPES.createSqlType(SqlTypeName.VARCHAR),
        2, TYPES.createSqlType(SqlTypeName.DECIMAL, 12, 2)));
    assertEquals(
        "SELECT \"a?b\", 'why?'\nFROM \"T\"\nWHERE \"D\" = ? AND \"S\" = ? AND \"N\" < ?", f.text());
    String bound = f.bind(values(Map.of(
        "?0", (int) LocalDate.of(1998, 9, 2).toEpochDay(),
        "?1", "O'Brien; DROP TABLE t",
        "?2", new BigDecimal("-12.50"))));
    assertEquals("SELECT \"a?b\", 'why?'\nFROM \"T\"\nWHERE \"D\" = DATE '1998-09-02'"
        + " AND \"S\" = 'O''Brien; DROP TABLE t' AND \"N\" < -12.50", bound);
  }

  @Test
  void literalsOfEachType() {
    assertEquals("NULL", FragmentStatement.literal(null, type(SqlTypeName.INTEGER)));
    assertEquals("TIMESTAMP '1970-01-02T00:00:01.500'",
        FragmentStatement.literal(86_401_500L, type(SqlTypeName.TIMESTAMP)));
    assertEquals("TIME '10:15'", FragmentStatement.literal(36_900_000, type(SqlTypeName.TIME)));
    assertEquals("CAST('NaN' AS DOUBLE)", FragmentStatement.literal(Double.NaN, type(SqlTypeName.DOUBLE)));
    assertEquals("2.5", FragmentStatement.literal(2.5d, type(SqlTypeName.DOUBLE)));
    assertEquals("true", FragmentStatement.literal(true, type(SqlTypeName.BOOLEAN)));
    assertEquals("'é'", FragmentStatement.literal("é", type(SqlTypeName.VARCHAR)));
  }

  @Test
  void withoutParametersTheTextIsSentAsItIs() throws Exception {
    SqlNode statement = SqlParser.create("SELECT 1 FROM t").parseQuery();
    FragmentStatement f = new FragmentStatement(statement, ShoalDuckDbDialect.INSTANCE, Map.of());
    assertEquals(f.text(), f.bind(values(Map.of())));
  }

  private static RelDataType type(SqlTypeName n) {
    return TYPES.createSqlType(n);
  }

  private static DataContext values(Map<String, Object> values) {
    return new DataContext() {
      @Override
      public SchemaPlus getRootSchema() {
        return null;
      }

      @Override
      public JavaTypeFactory getTypeFactory() {
        return TYPES;
      }

      @Override
      public QueryProvider getQueryProvider() {
        return null;
      }

      @Override
      public Object get(String name) {
        return values.get(name);
      }
    };
  }
}

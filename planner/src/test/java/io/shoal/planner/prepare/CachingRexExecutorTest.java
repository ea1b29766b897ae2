package io.shoal.planner.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContexts;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.DateString;
import org.junit.jupiter.api.Test;

class CachingRexExecutorTest {
  private final RexBuilder rex = new RexBuilder(new JavaTypeFactoryImpl(ShoalTypeSystem.INSTANCE));

  private List<RexNode> reduce(List<RexNode> exps) {
    List<RexNode> out = new ArrayList<>();
    new CachingRexExecutor(DataContexts.EMPTY).reduce(rex, exps, out);
    return out;
  }

  @Test
  void reducesConstantsAndCompilesTheSameExpressionsOnce() {
    RexNode sum = rex.makeCall(SqlStdOperatorTable.PLUS,
        rex.makeExactLiteral(BigDecimal.valueOf(40)), rex.makeExactLiteral(BigDecimal.valueOf(2)));
    RexNode later = rex.makeCall(SqlStdOperatorTable.GREATER_THAN,
        rex.makeDateLiteral(new DateString("1995-01-01")),
        rex.makeDateLiteral(new DateString("1994-01-01")));
    List<RexNode> first = reduce(List.of(sum, later));
    long compiled = CachingRexExecutor.compilations();
    List<RexNode> second = reduce(List.of(sum, later));

    assertThat(((RexLiteral) first.get(0)).getValueAs(Integer.class)).isEqualTo(42);
    assertThat(((RexLiteral) first.get(1)).getValueAs(Boolean.class)).isTrue();
    assertThat(second).hasToString(first.toString());
    assertThat(CachingRexExecutor.compilations()).isEqualTo(compiled);

    RexNode other = rex.makeCall(SqlStdOperatorTable.PLUS,
        rex.makeExactLiteral(BigDecimal.valueOf(1)), rex.makeExactLiteral(BigDecimal.valueOf(2)));
    assertThat(((RexLiteral) reduce(List.of(other)).get(0)).getValueAs(Integer.class)).isEqualTo(3);
    assertThat(CachingRexExecutor.compilations()).isEqualTo(compiled + 1);
  }
}

package io.shoal.tck.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The honest {@code export: aggregates} mode (issue 14): the one-hot, parameter, identifier-range
 * and repeated-row attacks on {@code sales} (privacy unit cust_id, identifier id) and
 * {@code customers} (identifier cust_id) are refused straight at the site and through
 * {@code jdbc:shoal:}, while ordinary aggregates still answer.
 */
class HonestAggregatesTest extends GuardClients {
  static Stream<Arguments> attacks() {
    List<String> sql = List.of(
        "SELECT sum(CASE WHEN id = 17 THEN amount ELSE 0 END) FROM sales",
        "SELECT avg(CASE WHEN cust_id = 3 THEN age END) FROM customers",
        "SELECT stddev_pop(CASE WHEN id IN (17, 18) THEN amount END), avg(CASE WHEN id IN (17, 18) THEN amount END) FROM sales",
        "SELECT sum(amount) FROM sales WHERE id BETWEEN 17 AND 22",
        "SELECT sum(amount) FROM sales WHERE id BETWEEN 18 AND 22",
        "SELECT sum(s.amount) / count(*) FROM sales s, cities k WHERE s.id = 17",
        "SELECT count(*) FROM cities WHERE (SELECT sum(amount) FROM sales WHERE cust_id = 3) > 100",
        "SELECT sum(x) FROM (SELECT CASE WHEN id = 17 THEN amount ELSE 0 END AS x FROM sales) t",
        "SELECT sum(a) FROM sales AS t(i, c, a) WHERE i = 17",
        "SELECT sum(amount * (1 - abs(sign(id - 17)))) FROM sales",
        "SELECT sum(amount) FILTER (WHERE id = 17) FROM sales",
        "SELECT sum(CAST(id = 17 AS INTEGER) * amount) FROM sales",
        "SELECT sum(coalesce(nullif(id, 17) * 0, amount)) FROM sales",
        "SELECT count(*) FROM sales WHERE cust_id IN (3, 4)",
        "SELECT sum(amount) FROM sales s JOIN customers c USING (cust_id) WHERE c.cust_id = 3",
        "SELECT count(*) FROM sales WHERE amount >= 999");
    return sql.stream().flatMap(s -> Stream.of(Arguments.of("site", s), Arguments.of("coordinator", s)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("attacks")
  void refused(String path, String sql) {
    Connection c = path.equals("site") ? flight : shoal;
    List<List<String>> answer;
    try {
      answer = rows(c, sql, List.of());
    } catch (SQLException expected) {
      return;
    }
    org.assertj.core.api.Assertions.fail("answered instead of refused: " + sql + " -> " + answer);
  }

  @Test
  void aParameterInsideAnAggregateIsRefusedAtTheSite() {
    assertThatThrownBy(() -> rows(flight, "SELECT sum(CASE WHEN id = ? THEN amount ELSE 0 END) FROM sales", List.of("17")))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(GuardAttackTest.messages(e)).contains("parameters"));
  }

  @Test
  void oneGroupPerPersonReturnsNothingHoweverManyRowsEachHas() throws Exception {
    // Five sales per customer: enough rows per group, but one privacy unit each.
    for (Connection c : List.of(flight, shoal)) {
      assertThat(rows(c, "SELECT cust_id, sum(amount) FROM sales GROUP BY cust_id", List.of())).isEmpty();
      // Renaming another column to the unit's name does not fool the count: the site counts the
      // table's own cust_id, which it passes up through the subquery itself.
      assertThat(rows(c, "SELECT amount, count(*) FROM (SELECT id AS cust_id, amount FROM sales) t GROUP BY amount", List.of()))
          .isEmpty();
    }
  }

  @Test
  void ordinaryAggregatesStillAnswer() throws Exception {
    for (Connection c : List.of(flight, shoal)) {
      assertThat(rows(c, "SELECT count(*), sum(amount) FROM sales", List.of())).containsExactly(List.of("1000", "499500.0"));
      assertThat(rows(c, "SELECT count(DISTINCT cust_id) FROM sales", List.of())).containsExactly(List.of("200"));
      assertThat(rows(c, "SELECT c.city, count(*) FROM sales s JOIN customers c ON s.cust_id = c.cust_id GROUP BY c.city ORDER BY c.city", List.of()))
          .hasSize(5);
      assertThat(rows(c, "SELECT city, avg(age) FROM customers WHERE age > 30 GROUP BY city ORDER BY city", List.of())).hasSize(5);
    }
  }


}

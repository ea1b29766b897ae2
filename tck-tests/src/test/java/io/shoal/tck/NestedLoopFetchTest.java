package io.shoal.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A join the coordinator runs as a nested loop (a non-equi or OR condition, a correlated subquery
 * with an inequality) fetches each fragment once per query: Calcite enumerates the loop's inner
 * side once per outer row, and each enumeration used to send the fragment to every site again
 * (the correlated query below: 1,502 fetches per site; an OR join of orders and customer: 15,001
 * per site and 186 s). Counted per site in shoal.queries and in the sites' audit logs, against the
 * distinct fragments of the plan; the rows equal the oracle's.
 */
class NestedLoopFetchTest extends FederationSuite {
  @ParameterizedTest
  @ValueSource(strings = {
      // inner join on OR: a nested loop over orders (filtered) and customer
      "SELECT o.o_orderkey, COUNT(*) AS n FROM orders o JOIN customer c"
          + " ON o.o_custkey = c.c_custkey OR o.o_totalprice < c.c_acctbal * 5"
          + " WHERE o.o_orderdate < DATE '1992-02-01' GROUP BY o.o_orderkey",
      // a correlated scalar subquery with an inequality: decorrelated into a nested loop
      "SELECT o_orderkey FROM orders o WHERE o_totalprice > (SELECT AVG(c_acctbal) * 100"
          + " FROM customer c WHERE c.c_custkey < o.o_custkey)",
      // EXISTS with a non-equi correlation: a semi join whose loop stops at the first match
      "SELECT c_custkey FROM customer c WHERE EXISTS (SELECT 1 FROM orders o"
          + " WHERE o.o_orderdate < DATE '1992-02-01' AND o.o_totalprice < c.c_acctbal * 20)",
  })
  void eachFragmentIsFetchedOncePerQuery(String sql) throws Exception {
    String plan = Plans.explain(federation, sql);
    assertThat(plan).as("the coordinator runs a loop").containsAnyOf("NestedLoopJoin", "Correlate");
    Map<String, Set<String>> distinct = new HashMap<>();
    for (String[] f : Plans.fragments(plan)) {
      distinct.computeIfAbsent(f[0], s -> new HashSet<>()).add(f[1]);
    }
    ResultRows expected = ResultRows.run(oracle, sql);
    ResultRows actual = ResultRows.run(federation, sql);
    assertThat(expected.rows()).isNotEmpty();
    assertThat(ResultRows.difference(expected, actual, false)).as(sql).isNull();

    String id = QueryFiguresPerSite.queryId(federation, sql);
    Map<String, QueryFiguresPerSite.Figures> coordinator = QueryFiguresPerSite.coordinator(federation, id);
    Map<String, QueryFiguresPerSite.Figures> audit = QueryFiguresPerSite.audit(fed, id);
    System.out.printf("NestedLoopFetchTest: plan fragments %s; coordinator %s; audit %s%n",
        distinct, coordinator, audit);
    assertThat(coordinator.keySet()).isEqualTo(distinct.keySet());
    assertThat(audit.keySet()).isEqualTo(distinct.keySet());
    distinct.forEach((site, fragments) -> {
      assertThat(coordinator.get(site).fragments()).as("fragments sent to %s", site)
          .isEqualTo(fragments.size());
      // Runs to the end (status ok) in the site's audit: a request the scatter pool could not
      // take at once is cancelled unread and sent again when its rows are wanted (Fetch.unbegin),
      // which leaves a 'cancelled' line of 0 rows (the full build saw one for eu).
      long ok = java.util.Arrays.stream(audit.get(site).status().split(",")).filter("ok"::equals).count();
      assertThat(ok).as("fragments %s ran to the end (audit: %s)", site, audit.get(site).status())
          .isEqualTo(fragments.size());
    });
  }
}

package io.shoal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FragmentFunctionsTest {

  @Test
  void anAggregateEitherSummarisesOrRevealsNeverBoth() {
    Set<String> both = new HashSet<>(FragmentFunctions.SUMMARY_AGGREGATES);
    both.retainAll(FragmentFunctions.REVEALING_AGGREGATES);
    assertThat(both).isEmpty();
  }

  @Test
  void quantifiersOverRowsRevealABitOfOneRow() {
    assertThat(FragmentFunctions.summarises("BOOL_OR")).isFalse();
    assertThat(FragmentFunctions.summarises("bool_and")).isFalse();
    assertThat(FragmentFunctions.aggregateAllowed("bool_or")).isTrue();
    assertThat(FragmentFunctions.summarises("sum")).isTrue();
  }

  @Test
  void nothingThatReadsSettingsFilesOrTheCatalogIsListed() {
    for (String name : FragmentFunctions.all()) {
      assertThat(name).doesNotStartWith("read_").doesNotStartWith("duckdb_").doesNotStartWith("pragma_")
          .isNotIn("current_setting", "version", "getenv", "query", "query_table", "glob", "getvariable",
              "sniff_csv", "setseed", "nextval", "currval", "current_schema", "current_database");
    }
    assertThat(FragmentFunctions.tableFunctionAllowed("read_csv")).isFalse();
    assertThat(FragmentFunctions.scalarAllowed("current_setting")).isFalse();
  }
}

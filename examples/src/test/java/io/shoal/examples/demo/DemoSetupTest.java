package io.shoal.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.protocol.Distribution;
import io.shoal.protocol.TableInfo;
import io.shoal.site.duck.DuckSite;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.Sites;
import io.shoal.site.config.PolicyConfig;
import io.shoal.site.config.SiteConfig;
import io.shoal.tpch.TpchSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.arrow.vector.BigIntVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps a-c of the demo for real at sf=0.01: generate, write configs, import into Iceberg, open. */
class DemoSetupTest {
  @TempDir Path dir;

  @Test
  void buildsThreeSitesThatServeExactlyTheirShareOfTpch() throws Exception {
    DemoSetup setup = new DemoSetup(dir, 0.01, 47471);
    List<String> progress = new ArrayList<>();
    TpchSplit.SplitResult split = setup.generate(progress::add);
    assertThat(setup.hasCompleteData()).isFalse();
    setup.writeSiteConfigs();
    Map<String, Map<String, Long>> imported = setup.importAll(progress::add);
    setup.markComplete();
    setup.writeCoordinator();

    assertThat(progress)
        .anyMatch(l -> l.startsWith(String.format("eu.orders: %,d rows", split.rows("eu", "orders"))));
    for (int i = 0; i < TpchSplit.SITES.size(); i++) {
      String name = TpchSplit.SITES.get(i).name();
      SiteConfig config = SiteConfig.load(setup.siteYaml(name));
      assertThat(config.name()).isEqualTo(name);
      assertThat(config.region()).isEqualTo(TpchSplit.SITES.get(i).region());
      assertThat(config.listen()).isEqualTo("127.0.0.1:" + (47471 + i));
      assertThat(config.dataDir()).isEqualTo(setup.siteDataDir(name));
      // The demo policy parsed as written in the one constant.
      assertThat(config.policy().export()).isEqualTo(PolicyConfig.Export.ROWS);
      assertThat(config.policy().minGroupSize()).isEqualTo(5);
      assertThat(config.policy().tables().get("customer").deniedColumns())
          .containsExactly("c_address", "c_phone");
      assertThat(config.tables().get("orders").keys()).isEqualTo(TpchSplit.KEY_DOMAINS.get("orders"));
      assertThat(config.tables().get("nation").distribution()).isEqualTo(Distribution.REPLICATED);
      assertThat(config.tables().get("lineitem").distribution()).isEqualTo(Distribution.PARTITIONED);

      try (DuckSite site = Sites.open(config)) {
        assertThat(site.unavailableTables()).isEmpty();
        Map<String, TableInfo> tables =
            site.info().tables().stream().collect(Collectors.toMap(TableInfo::name, Function.identity()));
        assertThat(tables.keySet()).containsExactlyInAnyOrderElementsOf(TpchSplit.TABLES);
        for (String table : TpchSplit.TABLES) {
          long expected = split.rows(name, table);
          assertThat(expected).as("%s.%s in the split", name, table).isPositive();
          assertThat(imported.get(name).get(table)).as("%s.%s imported", name, table).isEqualTo(expected);
          assertThat(tables.get(table).rowCount()).as("%s.%s row count", name, table).isEqualTo(expected);
          assertThat(tables.get(table).snapshotId()).isNotNull();
        }
        // The rows are really readable through a fragment, not only counted from metadata.
        assertThat(count(site, "SELECT count(*) FROM lineitem")).isEqualTo(split.rows(name, "lineitem"));
        assertThat(site.info().policy().minGroupSize()).isEqualTo(5);
      }
    }
    // The partitioned tables add up to the whole: nothing lost, nothing doubled.
    for (String table : TpchSplit.PARTITIONED) {
      long sum = TpchSplit.SITES.stream().mapToLong(s -> imported.get(s.name()).get(table)).sum();
      assertThat(sum).as(table).isEqualTo(split.oracleRows().get(table));
    }

    assertThat(Files.readString(setup.coordinatorYaml()))
        .contains("sites:\n")
        .contains("  - { name: eu, uri: \"grpc://127.0.0.1:47471\" }\n")
        .contains("  - { name: us, uri: \"grpc://127.0.0.1:47472\" }\n")
        .contains("  - { name: apac, uri: \"grpc://127.0.0.1:47473\" }\n");
    assertThat(setup.hasCompleteData()).isTrue();
    assertThat(new DemoSetup(dir, 0.1, 47471).hasCompleteData()).isFalse();
    assertThat(setup.jdbcUrl()).isEqualTo("jdbc:shoal:config=" + dir.toAbsolutePath().resolve("coordinator.yaml"));
  }

  private static long count(Site site, String sql) throws Exception {
    try (var f = site.prepare(sql, Site.FragmentContext.anonymous("demo-test"));
        FragmentRun run = f.run(List.of())) {
      assertThat(run.reader().loadNextBatch()).isTrue();
      return ((BigIntVector) run.reader().getVectorSchemaRoot().getVector(0)).get(0);
    }
  }
}

package io.shoal.site.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.protocol.Distribution;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SiteConfigTest extends WithSiteYaml {
  @Test
  void readsTheDesignExample() throws Exception {
    SiteConfig c =
        SiteConfig.load(
            write(
                """
                name: eu
                region: eu-west-1
                listen: 0.0.0.0:47470
                data: ./data/eu
                tables:
                  orders:   { iceberg: tpch.orders, keys: { o_orderkey: order, o_custkey: customer } }
                  nation:   { parquet: "./data/eu/nation.parquet", distribution: replicated }
                  customer: { csv: "cust/*.csv" }
                policy:
                  export: aggregates
                  min-group-size: 10
                  tables:
                    nation: { export: rows }
                    customer: { columns: { c_phone: deny, c_address: deny } }
                auth:
                  tokens-file: ./secrets/eu-tokens
                """));
    assertThat(c.name()).isEqualTo("eu");
    assertThat(c.host()).isEqualTo("0.0.0.0");
    assertThat(c.port()).isEqualTo(47470);
    assertThat(c.dataDir()).isEqualTo(dir.resolve("data/eu"));
    assertThat(c.tables().get("orders").keys()).containsEntry("o_custkey", "customer");
    assertThat(c.tables().get("orders").distribution()).isEqualTo(Distribution.PARTITIONED);
    assertThat(c.tables().get("nation").distribution()).isEqualTo(Distribution.REPLICATED);
    assertThat(c.tables().get("nation").parquet()).isEqualTo(dir.resolve("data/eu/nation.parquet").toString());
    assertThat(c.policy().export()).isEqualTo(PolicyConfig.Export.AGGREGATES);
    assertThat(c.policy().minGroupSize()).isEqualTo(10);
    assertThat(c.policy().tables().get("customer").deniedColumns()).containsExactly("c_address", "c_phone");
    assertThat(c.auth().tokensFile()).isEqualTo(dir.resolve("./secrets/eu-tokens"));
  }

  @Test
  void noPolicyMeansRowsMayLeave() throws Exception {
    SiteConfig c = SiteConfig.load(write("name: us\ndata: d\n"));
    assertThat(c.policy().export()).isEqualTo(PolicyConfig.Export.ROWS);
    assertThat(c.listen()).isEqualTo(SiteConfig.DEFAULT_LISTEN);
    assertThat(c.auth()).isNull();
  }

  @Test
  void unknownKeyNamesKeyFileAndLine() throws Exception {
    Path f = write("name: eu\ndata: d\npolicy:\n  expor: rows\n");
    assertThatThrownBy(() -> SiteConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":4: unknown key 'expor' under policy")
        .hasMessageNotContaining("\n");
  }

  @Test
  void wrongTypeNamesTheKey() throws Exception {
    Path f = write("name: eu\ndata: d\npolicy:\n  min-group-size: lots\n");
    assertThatThrownBy(() -> SiteConfig.load(f))
        .hasMessageStartingWith(f + ":4:")
        .hasMessageContaining("policy.min-group-size")
        .hasMessageContaining("an integer");
  }

  @Test
  void wrongEnumListsTheChoices() throws Exception {
    Path f = write("name: eu\ndata: d\ntables:\n  t: { csv: a.csv, distribution: everywhere }\n");
    assertThatThrownBy(() -> SiteConfig.load(f))
        .hasMessageContaining(":4:")
        .hasMessageContaining("tables.t.distribution")
        .hasMessageContaining("partitioned, replicated");
  }

  @Test
  void tableNeedsExactlyOneSource() throws Exception {
    Path f = write("name: eu\ndata: d\ntables:\n  t: { csv: a.csv, parquet: b.parquet }\n");
    assertThatThrownBy(() -> SiteConfig.load(f)).hasMessageContaining("table 't' needs exactly one of");
  }

  @Test
  void missingFileAndMissingKeys() throws Exception {
    assertThatThrownBy(() -> SiteConfig.load(dir.resolve("nope.yaml"))).hasMessageEndingWith("nope.yaml: no such file");
    assertThatThrownBy(() -> SiteConfig.load(write("data: d\n"))).hasMessageContaining("missing key 'name'");
    assertThatThrownBy(() -> SiteConfig.load(write("name: eu\n"))).hasMessageContaining("missing key 'data'");
    assertThatThrownBy(() -> SiteConfig.load(write("name: eu\ndata: d\nlisten: nowhere\n")))
        .hasMessageContaining("must be host:port");
    assertThatThrownBy(() -> SiteConfig.load(write("name: [eu\n"))).isInstanceOf(ConfigException.class);
  }

  @Test
  void cacheHasASiteDefaultAndPerTableOverrides() throws Exception {
    SiteConfig c =
        SiteConfig.load(
            write(
                """
                name: eu
                data: ./data
                cache: memory
                threads: 1
                tables:
                  orders: { iceberg: tpch.orders }
                  nation: { parquet: n.parquet, cache: none }
                  accounts: { duckdb: accounts }
                """));
    assertThat(c.cache()).isEqualTo(CacheMode.MEMORY);
    assertThat(c.threads()).isEqualTo(1);
    assertThat(c.cacheOf("orders")).isEqualTo(CacheMode.MEMORY);
    assertThat(c.cacheOf("nation")).isEqualTo(CacheMode.NONE);
    assertThat(c.cacheOf("accounts")).isEqualTo(CacheMode.NONE); // native already
    SiteConfig d = SiteConfig.load(write("name: eu\ndata: d\ntables:\n  o: { iceberg: a.o, cache: memory }\n"));
    assertThat(d.cache()).isEqualTo(CacheMode.NONE);
    assertThat(d.cacheOf("o")).isEqualTo(CacheMode.MEMORY);
    assertThat(d.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void cacheAndThreadsMistakesAreOneLineErrors() throws Exception {
    assertThatThrownBy(() -> SiteConfig.load(write("name: eu\ndata: d\ncache: disk\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cache");
    assertThatThrownBy(() -> SiteConfig.load(write("name: eu\ndata: d\ntables:\n  a: { duckdb: a, cache: memory }\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("table 'a'")
        .hasMessageContaining("duckdb");
    assertThatThrownBy(() -> SiteConfig.load(write("name: eu\ndata: d\nthreads: 0\n")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("threads must be at least 1");
  }
}

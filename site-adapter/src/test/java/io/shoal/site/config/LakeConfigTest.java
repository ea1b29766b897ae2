package io.shoal.site.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lake keys of a site's YAML: catalog properties, storage, file-cache, duckdb. */
class LakeConfigTest extends WithSiteYaml {
  @Test
  void catalogPropertiesAndObjectStoreGlobsAreKeptAsWritten() throws Exception {
    Files.writeString(dir.resolve("s3-secret"), "very-secret\n");
    SiteConfig c = SiteConfig.load(write("""
        name: eu
        data: ./data
        catalog: { type: rest, uri: "http://127.0.0.1:8181", s3.secret-access-key: "${file:s3-secret}" }
        storage: { s3.endpoint: "http://127.0.0.1:9000", client.region: eu-west-1 }
        file-cache: { max-size: 2GiB, fetch-threads: 8 }
        tables:
          clicks: { parquet: "s3://eu-lake/clicks/*.parquet" }
          local:  { parquet: "./files/x.parquet" }
        """));
    assertThat(c.catalog()).containsEntry("type", "rest").containsEntry("s3.secret-access-key", "${file:s3-secret}");
    assertThat(c.toString()).doesNotContain("very-secret");
    assertThat(c.lake().storage()).containsEntry("client.region", "eu-west-1");
    assertThat(c.lake().cacheBytes()).isEqualTo(2L << 30);
    assertThat(c.lake().fetchThreads()).isEqualTo(8);
    assertThat(c.lake().cacheDir()).isEqualTo(dir.resolve("data/file-cache"));
    assertThat(c.tables().get("clicks").parquet()).isEqualTo("s3://eu-lake/clicks/*.parquet");
    assertThat(c.tables().get("local").parquet()).isEqualTo(dir.resolve("files/x.parquet").toString());
  }

  @Test
  void defaultsWithoutLakeKeys() throws Exception {
    SiteConfig c = SiteConfig.load(write("name: eu\ndata: d\n"));
    assertThat(c.catalog()).isEmpty();
    assertThat(c.lake().cacheBytes()).isEqualTo(LakeConfig.DEFAULT_CACHE_BYTES);
    assertThat(c.lake().fetchThreads()).isEqualTo(LakeConfig.DEFAULT_FETCH_THREADS);
  }

  @Test
  void anUnsetSecretVariableIsAOneLineErrorAtLoad() throws Exception {
    Path f = write("name: eu\ndata: d\ncatalog: { type: rest, token: \"${env:SHOAL_SURELY_UNSET_VAR}\" }\n");
    assertThatThrownBy(() -> SiteConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage(f + ": token names environment variable SHOAL_SURELY_UNSET_VAR, which is not set");
  }

  @Test
  void duckdbExtensionsAreRefusedUntilBuilt() throws Exception {
    Path f = write("name: eu\ndata: d\nduckdb: { extensions: [httpfs] }\n");
    assertThatThrownBy(() -> SiteConfig.load(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("duckdb.extensions").hasMessageContaining("not supported yet");
  }

  @Test
  void aCacheBoundMustBeASize() throws Exception {
    Path f = write("name: eu\ndata: d\nfile-cache: { max-size: lots }\n");
    assertThatThrownBy(() -> SiteConfig.load(f)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("file-cache.max-size must be a size");
  }
}

package io.shoal.site.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import io.shoal.site.duck.DuckSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code limits:} section read strictly, bad values named with file:line, and DuckDB's memory limit. */
class SiteLimitsConfigTest {
  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path f = dir.resolve("eu.yaml");
    Files.writeString(f, "name: eu\ndata: ./data\n" + yaml);
    return f;
  }

  @Test
  void defaultsWhenTheSectionIsAbsent() throws Exception {
    SiteLimits l = SiteConfig.load(write("")).limits();
    assertThat(l.fragmentWallTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(l.maxSqlBytes()).isEqualTo(1 << 20);
    assertThat(l.maxFragments()).isEqualTo(32);
    assertThat(l.maxFragmentsPerPrincipal()).isEqualTo(16);
    assertThat(l.maxPreparedStatements()).isEqualTo(256);
    assertThat(l.preparedIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(l.streamStallTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(l.memoryLimitBytes()).isEqualTo(SiteLimits.physicalMemory() / 4);
  }

  @Test
  void readsEveryKey() throws Exception {
    SiteLimits l =
        SiteConfig.load(
                write(
                    """
                    limits:
                      fragment-wall-time: 1500ms
                      memory: 512MiB
                      max-sql-size: 64KiB
                      max-fragments: 3
                      max-fragments-per-principal: 2
                      max-prepared-statements: 5
                      prepared-idle-timeout: 2m
                      stream-stall-timeout: 10s
                    """))
            .limits();
    assertThat(l).isEqualTo(new SiteLimits(Duration.ofMillis(1500), 512L << 20, 64 << 10, 3, 2, 5,
        Duration.ofMinutes(2), Duration.ofSeconds(10)));
    assertThat(l.duckMemoryLimit()).isEqualTo("512MiB");
  }

  @Test
  void badKeysAndValuesNameTheFileAndLine() throws Exception {
    Path unknown = write("limits:\n  max-fragment: 3\n");
    assertThatThrownBy(() -> SiteConfig.load(unknown))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(unknown + ":4: unknown key 'max-fragment' under limits");
    Path badTime = write("threads: 1\nlimits:\n  fragment-wall-time: soon\n");
    assertThatThrownBy(() -> SiteConfig.load(badTime))
        .hasMessage(badTime + ":5: fragment-wall-time must be a duration such as 500ms, 30s or 5m, got 'soon'");
    Path zero = write("limits:\n  max-fragments-per-principal: 0\n");
    assertThatThrownBy(() -> SiteConfig.load(zero)).hasMessage(zero + ":4: max-fragments-per-principal must be at least 1, got 0");
    Path memory = write("limits: { memory: 140% }\n");
    assertThatThrownBy(() -> SiteConfig.load(memory)).hasMessageStartingWith(memory + ":3: memory must be a share");
  }

  @Test
  void aMinimumGroupSizeBelowOneIsRefusedWithFileAndLine() throws Exception {
    Path f = write("policy:\n  export: aggregates\n  min-group-size: 0\n");
    assertThatThrownBy(() -> SiteConfig.load(f))
        .isInstanceOf(ConfigException.class)
        .hasMessage(f + ":5: policy.min-group-size must be at least 1, got 0");
    Path p = write("policy:\n  principals:\n    dpo: { export: rows, min-group-size: -3 }\n");
    assertThatThrownBy(() -> SiteConfig.load(p))
        .hasMessage(p + ":5: policy.principals.dpo.min-group-size must be at least 1, got -3");
  }

  @Test
  void duckDbRunsUnderTheSiteMemoryLimitAndAFragmentOverItFailsInsteadOfGrowing() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    try (DuckSite site = DuckSite.open(SiteConfig.load(write("threads: 1\nlimits: { memory: 256MiB }\n")))) {
      // The query took a site from 250 MB to 4.6 GB in 5 s under DuckDB's default (80% of RAM).
      long t0 = System.nanoTime();
      try (Site.Fragment f = site.prepare("SELECT length(list(i)) FROM range(3000000000) t(i)", Site.FragmentContext.anonymous("m"))) {
        assertThatThrownBy(() -> {
              try (FragmentRun r = f.run(List.of())) {
                while (r.reader().loadNextBatch()) {
                  // one row, never reached
                }
              }
            })
            // With streaming results duckdb_jdbc 2.0.0.1 reports "Invalid result set" instead of
            // DuckDB's "Out of Memory Error: failed to allocate ... (240.0 MiB/256.0 MiB used)".
            .isInstanceOf(SiteException.class);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("length(list(i)) over 3e9 rows under memory: 256MiB failed after %d ms%n", ms);
      assertThat(ms).isLessThan(10_000);
    }
  }

  @Test
  void sqlTextOverTheLimitIsRefusedBeforeParsing() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    try (DuckSite site = DuckSite.open(SiteConfig.load(write("limits: { max-sql-size: 2KiB }\n")))) {
      String big = "SELECT " + "1 + ".repeat(1000) + "1";
      assertThatThrownBy(() -> site.prepare(big, Site.FragmentContext.anonymous("big")))
          .isInstanceOfSatisfying(LimitExceeded.class, e -> {
            assertThat(e.kind()).isEqualTo(SiteException.Kind.LIMIT);
            assertThat(e.sqlState()).isEqualTo("54001");
            assertThat(e.limit()).isEqualTo("max-sql-size");
            assertThat(e.getMessage()).contains("site eu").contains("4008 bytes").contains("2048 bytes");
          });
      try (Site.Fragment ok = site.prepare("SELECT 1", Site.FragmentContext.anonymous("ok"))) {
        assertThat(ok.parameterCount()).isZero();
      }
    }
  }
}

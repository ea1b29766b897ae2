package io.shoal.site;

import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** TEMPORARY probe: per-fragment fixed cost on a copy of the bench's eu site. */
@EnabledIfSystemProperty(named = "probe", matches = ".+")
class SiteCostProbe {
  @Test
  void probe() throws Exception {
    String yaml = System.getProperty("probe");
    List<String> sqls = new java.util.ArrayList<>(List.of("SELECT COUNT(*) FROM \"orders\""));
    for (String f : System.getProperty("probe.sql", "").split(",")) if (!f.isBlank()) sqls.add(java.nio.file.Files.readString(Path.of(f)));
    try (DuckSite site = Sites.open(Path.of(yaml))) {
      for (String sql : sqls) {
        for (int round = 0; round < 2; round++) {
          Trace.on = round == 1;
          int n = Integer.getInteger("probe.n", 30);
          long[] total = new long[n];
          for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try (Site.Fragment f = site.prepare(sql, Site.FragmentContext.anonymous("p"))) {
              f.resultSchema();
            }
            try (Site.Fragment f = site.prepare(sql, Site.FragmentContext.anonymous("p"))) {
              try (FragmentRun run = f.run(List.of())) {
                ArrowReader r = run.reader();
                while (r.loadNextBatch()) {}
              }
            }
            total[i] = System.nanoTime() - t0;
          }
          java.util.Arrays.sort(total);
          if (round == 1) {
            System.out.println("== " + sql.substring(0, 25) + " p50 total (info+stream) " + total[n / 2] / 1e6 + " ms");
            System.out.println(Trace.report());
          }
        }
      }
    }
  }
}

package io.shoal.examples.bench;

import io.shoal.examples.tpch.TpchQueries;
import io.shoal.examples.tpch.TpchSplit;
import io.shoal.protocol.ColumnInfo;
import io.shoal.site.guard.FragmentGuard;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the site guard costs per fragment: the 22 TPC-H queries (as a site receives them, one
 * SELECT each) checked by {@link FragmentGuard}, first as texts it has not seen (a fresh literal
 * makes each text new), then as texts it has. The baseline, in the same run, is DuckDB preparing
 * the same text on a connection with the same (empty) tables: the work a site does for every
 * fragment anyway. Prints p50/p90 per case and the ratios.
 *
 * <p>Usage: {@code GuardBenchmark [rounds]} (default 30 rounds of 22 queries).
 */
public final class GuardBenchmark {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    Map<String, List<ColumnInfo>> schemas = new LinkedHashMap<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      for (String t : TpchSplit.TABLES) {
        st.execute(TpchSplit.createTableSql(t));
        List<ColumnInfo> cols = new ArrayList<>();
        TpchSplit.columnTypes(t).forEach((c, type) -> cols.add(new ColumnInfo(c, type, true)));
        schemas.put(t, cols);
      }
      Set<String> visible = schemas.keySet();
      List<String> queries = new ArrayList<>(TpchQueries.all().values());
      try (FragmentGuard guard = new FragmentGuard("bench", () -> schemas, 64L << 20)) {
        // warm-up: JIT and DuckDB's catalog caches
        for (int r = 0; r < 5; r++) for (String q : queries) {
          guard.check(unseen(q, -r - 1), visible, Map.of());
          prepare(duck, q);
        }
        long[] unseen = new long[rounds * queries.size()];
        long[] seen = new long[rounds * queries.size()];
        long[] prepare = new long[rounds * queries.size()];
        int i = 0;
        for (int r = 0; r < rounds; r++) {
          for (String q : queries) {
            String text = unseen(q, r);
            long t0 = System.nanoTime();
            guard.check(text, visible, Map.of());
            long t1 = System.nanoTime();
            guard.check(text, visible, Map.of());
            long t2 = System.nanoTime();
            prepare(duck, text);
            long t3 = System.nanoTime();
            unseen[i] = t1 - t0;
            seen[i] = t2 - t1;
            prepare[i] = t3 - t2;
            i++;
          }
        }
        System.out.printf("site guard over the 22 TPC-H queries, %d rounds (%d checks per case)%n", rounds, unseen.length);
        print("guard, unseen fragment", unseen);
        print("guard, seen fragment (cached)", seen);
        print("baseline: DuckDB prepare", prepare);
        System.out.printf("ratio unseen / DuckDB prepare (p50): %.2f%n", p(unseen, 50) / p(prepare, 50));
        System.out.printf("ratio seen / DuckDB prepare (p50):   %.4f%n", p(seen, 50) / p(prepare, 50));
        System.out.printf("decision cache: %,d bytes (estimated)%n", guard.cachedBytes());
      }
    }
  }

  /** The query with a comment that makes its text new, as a new literal would. */
  private static String unseen(String query, int round) {
    return query.strip().replaceAll(";\\s*$", "") + " -- round " + round;
  }

  private static void prepare(Connection duck, String sql) throws Exception {
    try (PreparedStatement ps = duck.prepareStatement(sql)) {
      ps.getMetaData();
    }
  }

  private static double p(long[] nanos, int percentile) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(percentile / 100.0 * s.length) - 1)] / 1e6;
  }

  private static void print(String what, long[] nanos) {
    System.out.printf("  %-32s p50 %7.3f ms   p90 %7.3f ms%n", what, p(nanos, 50), p(nanos, 90));
  }
}

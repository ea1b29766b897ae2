package io.shoal.examples.bench;

import io.shoal.protocol.ColumnInfo;
import io.shoal.site.guard.FragmentGuard;
import io.shoal.tpch.TpchQueries;
import io.shoal.tpch.TpchSplit;
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
 * What the site guard costs per fragment, over two corpora: the fragments the coordinator sends a
 * TPC-H site (taken from a site's audit log while the oracle suites ran, {@code
 * bench/tpch-fragments.sql}), and the 22 TPC-H queries whole, as the large end of what a plain
 * Flight SQL client might send. Each text is checked by {@link FragmentGuard}, first as a text it
 * has not seen (a fresh comment makes each text new), then as one it has. The baseline, in the same run, is DuckDB preparing
 * the same text on a connection with the same (empty) tables: the work a site does for every
 * fragment anyway. Prints p50/p90 per case and the ratios.
 *
 * <p>Usage: {@code GuardBenchmark [rounds]} (default 10 rounds over each corpus).
 */
public final class GuardBenchmark {

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Map<String, List<ColumnInfo>> schemas = new LinkedHashMap<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
      for (String t : TpchSplit.TABLES) {
        st.execute(TpchSplit.createTableSql(t));
        List<ColumnInfo> cols = new ArrayList<>();
        TpchSplit.columnTypes(t).forEach((c, type) -> cols.add(new ColumnInfo(c, type, true)));
        schemas.put(t, cols);
      }
      Set<String> visible = schemas.keySet();
      System.out.printf("site guard, %d rounds per corpus%n", rounds);
      measure("coordinator fragments", fragments(), rounds, schemas, visible, duck);
      measure("TPC-H queries whole", new ArrayList<>(TpchQueries.all().values()), rounds, schemas, visible, duck);
    }
  }

  private static List<String> fragments() throws java.io.IOException {
    try (var in = GuardBenchmark.class.getResourceAsStream("/bench/tpch-fragments.sql")) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("--")).toList();
    }
  }

  private static void measure(String corpus, List<String> queries, int rounds, Map<String, List<ColumnInfo>> schemas,
      Set<String> visible, Connection duck) throws Exception {
      try (FragmentGuard guard = new FragmentGuard("bench", () -> schemas, 64L << 20)) {
        // Texts over tables other than TPC-H's (the suites' own test tables) are left out.
        List<String> kept = new ArrayList<>();
        for (String q : queries) {
          try {
            guard.check(unseen(q, -1), visible, Map.of());
            prepare(duck, q);
            kept.add(q);
          } catch (Exception notTpch) {
            // not over TPC-H's tables
          }
        }
        queries = kept;
        // warm-up: JIT and DuckDB's catalog caches
        for (int r = 0; r < 3; r++) for (String q : queries) {
          guard.check(unseen(q, -r - 2), visible, Map.of());
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
        System.out.printf("%s: %d texts, %d checks per case%n", corpus, queries.size(), unseen.length);
        print("guard, unseen fragment", unseen);
        print("guard, seen fragment (cached)", seen);
        print("baseline: DuckDB prepare", prepare);
        System.out.printf("ratio unseen / DuckDB prepare (p50): %.2f%n", p(unseen, 50) / p(prepare, 50));
        System.out.printf("ratio seen / DuckDB prepare (p50):   %.4f%n", p(seen, 50) / p(prepare, 50));
        System.out.printf("decision cache: %,d bytes (estimated)%n", guard.cachedBytes());
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

package io.shoal.examples.bench;

import io.shoal.planner.client.SiteClient;
import io.shoal.tpch.TpchQueries;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.runtime.Hook;

/**
 * Where the fixed cost of a tiny federated query goes: the same {@code SELECT COUNT(*) FROM orders}
 * measured layer by layer on the benchmark's three loopback sites (raw Flight to one site, to all
 * three in parallel, the coordinator without sites, plan-cache hit, the whole JDBC query), and Q5's
 * planning split into Calcite's phases (parse, validate + sql-to-rel, optimize) by Calcite hooks.
 *
 * <p>Usage: {@code CoordinatorBreakdown [dir] [runs]} with the data of an earlier {@code shoal bench
 * --sf 1 --dir DIR --keep} (default {@code /tmp/bench1}, 200 runs). Prints p50/p90 per layer.
 */
public final class CoordinatorBreakdown {
  private static final String COUNT = "SELECT COUNT(*) FROM orders";
  private static final int WARMUP = Integer.getInteger("breakdown.warmup", 100);

  private interface Body {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/bench1");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    BenchCluster cluster = new BenchCluster(dir, 1, line -> System.err.println("warning: " + line));
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop));
    if (!cluster.prepare(true, line -> { })) {
      throw new IllegalStateException("no complete data in " + dir + ": run shoal bench --keep first");
    }
    List<String> addresses = new ArrayList<>();
    List<Long> sitePids = new ArrayList<>();
    for (var r : cluster.start()) {
      addresses.add(r.address());
      sitePids.add(r.pid());
    }
    int countLoop = Integer.getInteger("breakdown.countloop", 0);
    if (countLoop > 0) {
      // For a profiler (JFR): the warm COUNT(*) many times, nothing else.
      try (Connection conn = DriverManager.getConnection(cluster.jdbcUrl())) {
        long t0 = System.nanoTime();
        for (int i = 0; i < countLoop; i++) {
          query(conn, COUNT);
        }
        System.out.printf(Locale.ROOT, "COUNT(*) %d times, mean %.2f ms%n", countLoop,
            (System.nanoTime() - t0) / 1e6 / countLoop);
      } finally {
        cluster.stop();
      }
      return;
    }
    String planDump = System.getProperty("breakdown.plans");
    if (planDump != null) {
      // The plans of the 22 TPC-H queries, to check a planner speed-up changes no plan.
      StringBuilder b = new StringBuilder();
      try (Connection conn = DriverManager.getConnection(cluster.jdbcUrl());
          Statement st = conn.createStatement()) {
        for (int q = 1; q <= TpchQueries.COUNT; q++) {
          long t0 = System.nanoTime();
          try (ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + TpchQueries.get(q))) {
            rs.next();
            b.append("-- Q").append(q).append('\n').append(rs.getString(1)).append('\n');
          }
          System.out.printf(Locale.ROOT, "Q%d planned in %.1f ms%n", q, (System.nanoTime() - t0) / 1e6);
        }
      } finally {
        cluster.stop();
      }
      java.nio.file.Files.writeString(Path.of(planDump), b);
      return;
    }
    int q5loop = Integer.getInteger("breakdown.q5loop", 0);
    if (q5loop > 0) {
      // For a profiler (JFR): plan Q5 afresh many times, nothing else.
      try (Connection conn = DriverManager.getConnection(cluster.jdbcUrl())) {
        long t0 = System.nanoTime();
        for (int i = 0; i < q5loop; i++) {
          query(conn, "EXPLAIN PLAN FOR /* loop " + i + " */ " + TpchQueries.get(5));
        }
        System.out.printf(Locale.ROOT, "Q5 planned %d times, mean %.1f ms%n", q5loop,
            (System.nanoTime() - t0) / 1e6 / q5loop);
      } finally {
        cluster.stop();
      }
      return;
    }
    Map<String, Double> p50 = new LinkedHashMap<>();
    try (Connection conn = DriverManager.getConnection(cluster.jdbcUrl());
        BufferAllocator allocator = new RootAllocator()) {
      String fragment = fragmentSql(conn);
      System.out.println("fragment: " + fragment);

      List<FlightSqlClient> clients = new ArrayList<>();
      for (String a : addresses) {
        String[] hp = a.split(":");
        clients.add(new FlightSqlClient(FlightClient.builder(allocator,
            Location.forGrpcInsecure(hp[0], Integer.parseInt(hp[1]))).build()));
      }
      ExecutorService pool = Executors.newFixedThreadPool(clients.size());
      p50.put("flight, one site (eu)", measure("flight, one site (eu)", runs,
          () -> drain(clients.get(0), fragment)));
      p50.put("flight, 3 sites parallel", measure("flight, 3 sites parallel", runs, () -> {
        List<Future<?>> fs = new ArrayList<>();
        for (FlightSqlClient c : clients) {
          fs.add(pool.submit(() -> {
            drain(c, fragment);
            return null;
          }));
        }
        for (Future<?> f : fs) {
          f.get();
        }
      }));
      p50.put("jdbc: VALUES 1 (no site)", measure("jdbc: VALUES 1 (no site)", runs,
          () -> query(conn, "VALUES 1")));
      p50.put("jdbc: prepare (cache hit)", measure("jdbc: prepare (cache hit)", runs, () -> {
        try (PreparedStatement ps = conn.prepareStatement(COUNT)) {
          ps.getMetaData();
        }
      }));
      try (PreparedStatement ps = conn.prepareStatement(COUNT)) {
        p50.put("jdbc: prepared COUNT(*) exec", measure("jdbc: prepared COUNT(*) exec", runs, () -> {
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rs.getLong(1);
            }
          }
        }));
      }
      long cpu0 = processCpuNanos();
      long[] site0 = siteCpuTicks(sitePids);
      p50.put("jdbc: COUNT(*)", measure("jdbc: COUNT(*)", runs, () -> query(conn, COUNT)));
      long cpu = processCpuNanos() - cpu0;
      long[] site1 = siteCpuTicks(sitePids);
      int n = runs + WARMUP;
      System.out.printf(Locale.ROOT, "  CPU per COUNT(*): coordinator %.2f ms", cpu / 1e6 / n);
      for (int i = 0; i < sitePids.size(); i++) {
        // /proc ticks are 10 ms (USER_HZ 100).
        System.out.printf(Locale.ROOT, ", site %d %.2f ms", i, (site1[i] - site0[i]) * 10.0 / n);
      }
      System.out.println();
      for (FlightSqlClient c : clients) {
        c.close();
      }
      pool.shutdown();
      System.out.println();
      System.out.printf(Locale.ROOT, "coordinator + wire beyond the parallel fragments: %.2f ms%n",
          p50.get("jdbc: COUNT(*)") - p50.get("flight, 3 sites parallel"));
      System.out.println();
      planning(conn);
    } finally {
      cluster.stop();
    }
  }

  /** CPU time of live threads, summed by name without trailing digits (pool threads as one). */
  private static Map<String, Long> threadCpu() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Map<String, Long> out = new java.util.TreeMap<>();
    for (java.lang.management.ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (ti == null) {
        continue;
      }
      long t = mx.getThreadCpuTime(ti.getThreadId());
      if (t > 0) {
        out.merge(ti.getThreadName().replaceAll("[-0-9]+$", ""), t, Long::sum);
      }
    }
    return out;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** utime + stime of each process, in clock ticks (/proc/PID/stat fields 14 and 15). */
  private static long[] siteCpuTicks(List<Long> pids) throws Exception {
    long[] out = new long[pids.size()];
    for (int i = 0; i < out.length; i++) {
      String stat = java.nio.file.Files.readString(Path.of("/proc/" + pids.get(i) + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      out[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
    return out;
  }

  /** The fragment of {@link #COUNT}, from its EXPLAIN (all sites get the same text). */
  private static String fragmentSql(Connection conn) throws Exception {
    try (Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN PLAN FOR " + COUNT)) {
      rs.next();
      Matcher m = Pattern.compile("sql=\\[(.*?)\\]\\)").matcher(rs.getString(1));
      if (!m.find()) {
        throw new IllegalStateException("no fragment in the plan of " + COUNT);
      }
      return m.group(1);
    }
  }

  private static void drain(FlightSqlClient c, String sql) throws Exception {
    try (FlightStream s = c.getStream(SiteClient.statementTicket(sql))) {
      while (s.next()) {
        s.getRoot().getRowCount();
      }
    }
  }

  private static void query(Connection conn, String sql) throws Exception {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private static double measure(String name, int runs, Body body) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      body.run();
    }
    List<Long> nanos = new ArrayList<>();
    Map<String, Long> threads0 = threadCpu();
    long cpu0 = processCpuNanos();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      body.run();
      nanos.add(System.nanoTime() - t0);
    }
    double cpu = (processCpuNanos() - cpu0) / 1e6 / runs;
    double p50 = Stats.percentile(nanos, 50) / 1e6;
    System.out.printf(Locale.ROOT, "%-32s p50 %7.2f ms   p90 %7.2f ms   this JVM's CPU %6.2f ms%n",
        name, p50, Stats.percentile(nanos, 90) / 1e6, cpu);
    if (Boolean.getBoolean("breakdown.threads")) {
      Map<String, Long> threads1 = threadCpu();
      StringBuilder b = new StringBuilder("    CPU by thread:");
      threads1.forEach((k, v) -> {
        double ms = (v - threads0.getOrDefault(k, 0L)) / 1e6 / runs;
        if (ms >= 0.01) {
          b.append(String.format(Locale.ROOT, " %s %.2f,", k, ms));
        }
      });
      System.out.println(b);
    }
    return p50;
  }

  /** Q5 planned afresh (a new comment each time), split by Calcite's hooks into phases. */
  private static void planning(Connection conn) throws Exception {
    String[] phases = {"parse", "validate+sql2rel", "optimize", "explain+rest"};
    List<List<Long>> times = new ArrayList<>();
    for (String p : phases) {
      times.add(new ArrayList<>());
    }
    List<Long> total = new ArrayList<>();
    long[] marks = new long[3];
    Consumer<Object> parsed = o -> marks[0] = System.nanoTime();
    Consumer<Object> converted = o -> marks[1] = System.nanoTime();
    Consumer<Object> planned = o -> marks[2] = System.nanoTime();
    try (Hook.Closeable a = Hook.PARSE_TREE.addThread(parsed);
        Hook.Closeable b = Hook.CONVERTED.addThread(converted);
        Hook.Closeable c = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread(planned)) {
      for (int i = 0; i < 8; i++) {
        String sql = "EXPLAIN PLAN FOR /* breakdown " + i + " " + System.nanoTime() + " */ "
            + TpchQueries.get(5);
        long t0 = System.nanoTime();
        java.util.Arrays.fill(marks, 0);
        query(conn, sql);
        long end = System.nanoTime();
        if (i < 3) {
          continue; // warm-up
        }
        long p = marks[0] == 0 ? t0 : marks[0];
        long cv = marks[1] == 0 ? p : marks[1];
        long pl = marks[2] == 0 ? cv : marks[2];
        times.get(0).add(p - t0);
        times.get(1).add(cv - p);
        times.get(2).add(pl - cv);
        times.get(3).add(end - pl);
        total.add(end - t0);
      }
    }
    System.out.printf(Locale.ROOT, "Q5 planning (EXPLAIN, uncached), median of %d: %.1f ms%n",
        total.size(), Stats.median(total) / 1e6);
    for (int i = 0; i < phases.length; i++) {
      System.out.printf(Locale.ROOT, "  %-20s %7.1f ms%n", phases[i], Stats.median(times.get(i)) / 1e6);
    }
  }
}

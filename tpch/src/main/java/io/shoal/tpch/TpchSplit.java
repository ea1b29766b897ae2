package io.shoal.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Generates TPC-H with the Trino generator and splits it over three sites by the customer's region.
 *
 * <p>The same data feeds the demo, the planner's oracle tests and the benchmark, so the layout is
 * fixed here once: {@code outDir/oracle.duckdb} holds every row of the eight tables (the single
 * database a federated query must agree with), and {@code outDir/<site>/<table>.parquet} holds what
 * each site owns. customer, orders and lineitem are partitioned by the customer's region (an order
 * and its line items live with the customer who placed it, so joins on custkey and orderkey are
 * co-located); the small dimensions and part/partsupp/supplier are replicated at every site.
 */
public final class TpchSplit {

  /** One site of the split: its schema name, its jurisdiction label and the TPC-H regions it owns. */
  public record Site(String name, String region, List<String> tpchRegions) {
    public Site {
      tpchRegions = List.copyOf(tpchRegions);
    }
  }

  /** The three sites, in the order the demo lists them. Together they cover all five TPC-H regions. */
  public static final List<Site> SITES =
      List.of(
          new Site("eu", "eu-west-1", List.of("EUROPE", "AFRICA")),
          new Site("us", "us-east-1", List.of("AMERICA")),
          new Site("apac", "ap-southeast-1", List.of("ASIA", "MIDDLE EAST")));

  /** Tables whose rows are split between the sites (each row at exactly one site). */
  public static final List<String> PARTITIONED = List.of("customer", "orders", "lineitem");

  /** Tables every site holds in full. */
  public static final List<String> REPLICATED =
      List.of("nation", "region", "part", "partsupp", "supplier");

  /** All eight tables, partitioned first. */
  public static final List<String> TABLES =
      List.of("customer", "orders", "lineitem", "nation", "region", "part", "partsupp", "supplier");

  /** Key domains: table -> column -> domain. Equi-joins within one domain are co-located. */
  public static final Map<String, Map<String, String>> KEY_DOMAINS = keyDomains();

  /** The oracle database's file name inside the output folder. */
  public static final String ORACLE_FILE = "oracle.duckdb";

  /** What {@link #generate} produced. Row-count maps keep table and site order. */
  public record SplitResult(
      double sf,
      Path outDir,
      Map<String, Long> oracleRows,
      Map<String, Map<String, Long>> siteRows,
      Duration generateTime,
      Duration splitTime) {

    public Path oracle() {
      return outDir.resolve(ORACLE_FILE);
    }

    public Path parquet(String site, String table) {
      return parquetPath(outDir, site, table);
    }

    /** Rows of {@code table} at {@code site}; 0 if the site does not hold it. */
    public long rows(String site, String table) {
      return siteRows.getOrDefault(site, Map.of()).getOrDefault(table, 0L);
    }
  }

  private static final int THREADS = 2;

  private TpchSplit() {}

  /** {@code TpchSplit <sf> <outDir>}: generates and splits from the command line (benchmarks, demos). */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: TpchSplit <scale factor, e.g. 1> <output folder>");
      System.exit(2);
    }
    double sf;
    try {
      sf = Double.parseDouble(args[0]);
    } catch (NumberFormatException e) {
      System.err.println("scale factor must be a number, got '" + args[0] + "'");
      System.exit(2);
      return;
    }
    try {
      SplitResult r = generate(sf, Path.of(args[1]), System.out::println);
      System.out.printf(
          Locale.ROOT,
          "done: generate %.1f s, split %.1f s -> %s%n",
          r.generateTime().toMillis() / 1e3,
          r.splitTime().toMillis() / 1e3,
          r.outDir());
    } catch (RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }

  public static Path parquetPath(Path outDir, String site, String table) {
    return outDir.resolve(site).resolve(table + ".parquet");
  }

  public static Site site(String name) {
    return SITES.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown TPC-H site '" + name + "'"));
  }

  /** The DuckDB column type for a generator column, following the TPC-H spec's types. */
  public static String sqlType(TpchColumn<?> column) {
    switch (column.getType().getBase()) {
      case IDENTIFIER:
        return "BIGINT";
      case INTEGER:
        return "INTEGER";
      case DATE:
        return "DATE";
      case DOUBLE:
        // Every DOUBLE column of the generator is a spec DECIMAL(15,2): money, quantity, discount, tax.
        return "DECIMAL(15,2)";
      case VARCHAR:
        return "VARCHAR";
      default:
        throw new IllegalStateException(
            "unexpected TPC-H column type " + column.getType() + " for " + column.getColumnName());
    }
  }

  /** {@code CREATE TABLE} for one TPC-H table in DuckDB's dialect. */
  public static String createTableSql(String table) {
    TpchTable<?> t = tpchTable(table);
    return t.getColumns().stream()
        .map(c -> c.getColumnName() + " " + sqlType(c) + " NOT NULL")
        .collect(Collectors.joining(", ", "CREATE TABLE " + table + " (", ")"));
  }

  /** Column name -> DuckDB type of one table, in spec order (e.g. for an Iceberg schema). */
  public static Map<String, String> columnTypes(String table) {
    Map<String, String> types = new LinkedHashMap<>();
    for (TpchColumn<?> c : tpchTable(table).getColumns()) {
      types.put(c.getColumnName(), sqlType(c));
    }
    return Collections.unmodifiableMap(types);
  }

  /** Column names of one table, in spec order. */
  public static List<String> columns(String table) {
    return tpchTable(table).getColumns().stream().map(TpchColumn::getColumnName).toList();
  }

  /**
   * Generates TPC-H at scale factor {@code sf} into {@code outDir}: the oracle DuckDB plus one Parquet
   * file per site and table. Existing output in {@code outDir} is replaced.
   */
  public static SplitResult generate(double sf, Path outDir, Consumer<String> progress) {
    if (!(sf > 0)) {
      throw new IllegalArgumentException("TPC-H scale factor must be positive, got " + sf);
    }
    Path oracle = outDir.resolve(ORACLE_FILE);
    try {
      Files.createDirectories(outDir);
      Files.deleteIfExists(oracle);
      Files.deleteIfExists(outDir.resolve(ORACLE_FILE + ".wal"));
      for (Site site : SITES) {
        Files.createDirectories(outDir.resolve(site.name()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare TPC-H output folder " + outDir + ": " + e, e);
    }
    try (Connection raw = DriverManager.getConnection("jdbc:duckdb:" + oracle.toAbsolutePath())) {
      DuckDBConnection conn = raw.unwrap(DuckDBConnection.class);
      long t0 = System.nanoTime();
      progress.accept(String.format(Locale.ROOT, "generating TPC-H sf=%s into %s", sf, oracle));
      Map<String, Long> oracleRows = load(conn, sf, progress);
      long t1 = System.nanoTime();
      Map<String, Map<String, Long>> siteRows = split(conn, outDir, progress);
      long t2 = System.nanoTime();
      return new SplitResult(
          sf,
          outDir,
          Collections.unmodifiableMap(oracleRows),
          Collections.unmodifiableMap(siteRows),
          Duration.ofNanos(t1 - t0),
          Duration.ofNanos(t2 - t1));
    } catch (SQLException e) {
      throw new IllegalStateException("TPC-H generation into " + oracle + " failed: " + e.getMessage(), e);
    }
  }

  // ---- generation ----------------------------------------------------------------------------

  /** Creates the eight tables and appends every row, two generator threads at a time. */
  private static Map<String, Long> load(DuckDBConnection conn, double sf, Consumer<String> progress)
      throws SQLException {
    try (Statement st = conn.createStatement()) {
      for (String table : TABLES) {
        st.execute(createTableSql(table));
      }
    }
    // The two big tables are generated in THREADS parts each so both threads stay busy; the
    // generator's parts are disjoint and together equal the whole table.
    List<Runnable> tasks = new ArrayList<>();
    Map<String, AtomicLong> rows = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> partsLeft = new ConcurrentHashMap<>();
    Map<String, Long> started = new ConcurrentHashMap<>();
    List<String> bySize =
        List.of("lineitem", "orders", "partsupp", "part", "customer", "supplier", "nation", "region");
    for (String table : bySize) {
      int parts = (table.equals("lineitem") || table.equals("orders")) ? THREADS : 1;
      rows.put(table, new AtomicLong());
      partsLeft.put(table, new AtomicInteger(parts));
      for (int part = 1; part <= parts; part++) {
        int p = part;
        tasks.add(
            () -> {
              started.putIfAbsent(table, System.nanoTime());
              long n = appendPart(conn, tpchTable(table), sf, p, parts);
              long total = rows.get(table).addAndGet(n);
              if (partsLeft.get(table).decrementAndGet() == 0) {
                progress.accept(
                    String.format(
                        Locale.ROOT,
                        "  %-9s %,12d rows  %6.1f s",
                        table,
                        total,
                        (System.nanoTime() - started.get(table)) / 1e9));
              }
            });
      }
    }
    runAll(tasks);
    Map<String, Long> result = new LinkedHashMap<>();
    for (String table : TABLES) {
      result.put(table, count(conn, "SELECT count(*) FROM " + table));
    }
    return result;
  }

  private static <E extends TpchEntity> long appendPart(
      DuckDBConnection conn, TpchTable<E> table, double sf, int part, int parts) {
    List<TpchColumn<E>> columns = table.getColumns();
    long n = 0;
    // One connection per thread: a DuckDB appender is confined to its connection.
    try (DuckDBConnection own = (DuckDBConnection) conn.duplicate();
        DuckDBAppender app = own.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table.getTableName())) {
      for (E row : table.createGenerator(sf, part, parts)) {
        app.beginRow();
        for (TpchColumn<E> c : columns) {
          switch (c.getType().getBase()) {
            case IDENTIFIER -> app.append(c.getIdentifier(row));
            case INTEGER -> app.append(c.getInteger(row));
            case DATE -> app.appendEpochDays(c.getDate(row));
            // Values have exactly two decimals; rounding the scaled double recovers them exactly.
            case DOUBLE -> app.appendDecimal(Math.round(c.getDouble(row) * 100));
            case VARCHAR -> app.append(c.getString(row));
            default -> throw new IllegalStateException("unexpected type of " + c.getColumnName());
          }
        }
        app.endRow();
        n++;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "appending TPC-H table " + table.getTableName() + " (part " + part + "/" + parts
              + ") failed: " + e.getMessage(), e);
    }
    return n;
  }

  private static void runAll(List<Runnable> tasks) {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "tpch-gen");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("TPC-H generation interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("TPC-H generation failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- split ---------------------------------------------------------------------------------

  /** Writes each site's Parquet files from the oracle and returns the rows each file holds. */
  private static Map<String, Map<String, Long>> split(
      DuckDBConnection conn, Path outDir, Consumer<String> progress) throws SQLException {
    try (Statement st = conn.createStatement()) {
      // Temporary: the oracle file must hold only the eight TPC-H tables.
      st.execute(
          "CREATE TEMP TABLE shoal_customer_site AS SELECT c_custkey, "
              + siteCase("r_name")
              + " AS site FROM customer JOIN nation ON c_nationkey = n_nationkey"
              + " JOIN region ON n_regionkey = r_regionkey");
      long unplaced = count(conn, "SELECT count(*) FROM shoal_customer_site WHERE site IS NULL");
      if (unplaced > 0) {
        throw new IllegalStateException(
            unplaced + " customers are in a TPC-H region no site owns; sites: " + SITES);
      }
      st.execute(
          "CREATE TEMP TABLE shoal_order_site AS SELECT o_orderkey, site FROM orders"
              + " JOIN shoal_customer_site ON o_custkey = c_custkey");
    }
    Map<String, Map<String, Long>> result = new LinkedHashMap<>();
    for (Site site : SITES) {
      long t0 = System.nanoTime();
      Map<String, Long> counts = new LinkedHashMap<>();
      String name = sqlString(site.name());
      for (String table : TABLES) {
        Path target = parquetPath(outDir, site.name(), table);
        Path first = parquetPath(outDir, SITES.get(0).name(), table);
        if (REPLICATED.contains(table) && !site.equals(SITES.get(0))) {
          // Replicated tables are byte-identical everywhere: copy instead of writing again.
          copy(first, target);
        } else {
          String select =
              switch (table) {
                case "customer" -> "SELECT * FROM customer WHERE c_custkey IN"
                    + " (SELECT c_custkey FROM shoal_customer_site WHERE site = " + name + ")";
                case "orders" -> "SELECT * FROM orders WHERE o_custkey IN"
                    + " (SELECT c_custkey FROM shoal_customer_site WHERE site = " + name + ")";
                case "lineitem" -> "SELECT * FROM lineitem WHERE l_orderkey IN"
                    + " (SELECT o_orderkey FROM shoal_order_site WHERE site = " + name + ")";
                default -> "SELECT * FROM " + table;
              };
          delete(target);
          try (Statement st = conn.createStatement()) {
            st.execute("COPY (" + select + ") TO " + sqlString(target.toAbsolutePath().toString())
                + " (FORMAT parquet)");
          } catch (SQLException e) {
            throw new SQLException("writing " + target + " for site " + site.name() + " failed: "
                + e.getMessage(), e);
          }
        }
        // Counting the written file (footer metadata only) also proves it is readable Parquet.
        counts.put(table, count(conn, "SELECT count(*) FROM read_parquet("
            + sqlString(target.toAbsolutePath().toString()) + ")"));
      }
      result.put(site.name(), counts);
      progress.accept(
          String.format(
              Locale.ROOT,
              "  site %-5s (%s, %s): customer %,d  orders %,d  lineitem %,d  %.1f s",
              site.name(),
              site.region(),
              String.join(" + ", site.tpchRegions()),
              counts.get("customer"),
              counts.get("orders"),
              counts.get("lineitem"),
              (System.nanoTime() - t0) / 1e9));
    }
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE shoal_order_site");
      st.execute("DROP TABLE shoal_customer_site");
      st.execute("CHECKPOINT");
    }
    return result;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + file + ": " + e, e);
    }
  }

  private static void copy(Path from, Path to) {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e, e);
    }
  }

  /** SQL CASE mapping a TPC-H region name to the owning site's name. */
  private static String siteCase(String regionColumn) {
    StringBuilder sb = new StringBuilder("CASE");
    for (Site site : SITES) {
      sb.append(" WHEN ").append(regionColumn).append(" IN (")
          .append(site.tpchRegions().stream().map(TpchSplit::sqlString)
              .collect(Collectors.joining(", ")))
          .append(") THEN ").append(sqlString(site.name()));
    }
    return sb.append(" END").toString();
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static long count(Connection conn, String sql) throws SQLException {
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String sqlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  @SuppressWarnings("unchecked")
  private static <E extends TpchEntity> TpchTable<E> tpchTable(String name) {
    try {
      return (TpchTable<E>) TpchTable.getTable(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown TPC-H table '" + name + "'", e);
    }
  }

  private static Map<String, Map<String, String>> keyDomains() {
    Map<String, Map<String, String>> m = new LinkedHashMap<>();
    m.put("customer", Map.of("c_custkey", "customer"));
    m.put("orders", orderedMap("o_orderkey", "order", "o_custkey", "customer"));
    m.put("lineitem", Map.of("l_orderkey", "order"));
    return Collections.unmodifiableMap(m);
  }

  private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return Collections.unmodifiableMap(m);
  }
}

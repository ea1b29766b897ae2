package io.shoal.examples.bench;

import io.shoal.flight.SiteServer;
import io.shoal.site.config.SiteConfig;
import io.shoal.tpch.TpchSplit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How accurate TPC-H Q1 is when {@code lineitem} is {@code export: private} by {@code l_orderkey}
 * at each of three sites: the relative error of each sum and count against the same query on one
 * DuckDB, next to the 95% interval the README documents for it ("Reading a private answer").
 *
 * <p>{@code PrivacyAccuracy [sf] [runs] [epsilon]} (defaults 0.1, 20, 1). Bounds, rows per order and
 * groups per order come from the data (the oracle), as an operator would set them, so clamping
 * biases nothing and the error is the noise alone.
 */
public final class PrivacyAccuracy {

  /** Q1's figures the sites add noise to (the averages are ratios of them). */
  private static final List<String> SUMS = List.of("sum_qty", "sum_base_price", "sum_disc_price", "sum_charge");

  private PrivacyAccuracy() {}

  public static void main(String[] args) throws Exception {
    double sf = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    String epsilon = args.length > 2 ? args[2] : "1";
    Path dir = Files.createTempDirectory("shoal-privacy-accuracy-");
    System.out.printf(Locale.ROOT, "TPC-H SF %s over 3 sites, lineitem private by l_orderkey, epsilon %s, %d runs%n", sf, epsilon, runs);
    TpchSplit.SplitResult split = TpchSplit.generate(sf, dir, m -> {});
    String q1 = new String(PrivacyAccuracy.class.getResourceAsStream("/tpch/q01.sql").readAllBytes(), StandardCharsets.UTF_8)
        .replaceAll("(?m)^--.*$", "");

    Map<String, double[]> truth;
    Bounds bounds;
    try (Connection oracle = DriverManager.getConnection("jdbc:duckdb:" + split.oracle())) {
      truth = q1Rows(oracle, q1, null);
      bounds = Bounds.of(oracle);
    }
    System.out.println("bounds from the data: " + bounds);

    List<SiteServer> sites = new ArrayList<>();
    try {
      StringBuilder url = new StringBuilder("jdbc:shoal:sites=");
      for (TpchSplit.Site s : TpchSplit.SITES) {
        Path data = dir.resolve("site-" + s.name());
        Files.createDirectories(data);
        Path yaml = dir.resolve(s.name() + ".yaml");
        Files.writeString(yaml, siteYaml(s.name(), data, split.parquet(s.name(), "lineitem"), bounds, epsilon));
        SiteServer server = SiteServer.start(SiteConfig.load(yaml));
        sites.add(server);
        url.append(sites.size() > 1 ? "," : "").append(s.name()).append("@grpc://127.0.0.1:").append(server.port());
      }
      Map<String, List<Double>> relative = new LinkedHashMap<>();
      Map<String, Integer> inside = new LinkedHashMap<>();
      Map<String, Double> halfWidths = new LinkedHashMap<>();
      int[] figures = new int[1];
      try (Connection shoal = DriverManager.getConnection(url.toString())) {
        for (int r = 0; r < runs; r++) {
          Map<String, double[]> noisy = q1Rows(shoal, q1.replace("FROM lineitem", "FROM global.lineitem"), figures);
          for (var e : truth.entrySet()) {
            double[] t = e.getValue();
            double[] n = noisy.get(e.getKey());
            for (int f = 0; f < t.length; f++) {
              String key = e.getKey() + " " + (f < SUMS.size() ? SUMS.get(f) : "count_order");
              double width = halfWidth(f < SUMS.size() ? bounds.magnitude(f) : 1, bounds, figures[0], epsilon);
              halfWidths.put(key, width);
              double err = n == null ? Double.NaN : n[f] - t[f];
              relative.computeIfAbsent(key, k -> new ArrayList<>()).add(Math.abs(err) / Math.abs(t[f]));
              if (n != null && Math.abs(err) <= width) inside.merge(key, 1, Integer::sum);
            }
          }
        }
      }
      System.out.printf(Locale.ROOT, "%-22s %16s %12s %12s %10s%n", "group figure", "true value", "median |rel|", "95% rel", "inside");
      int total = 0;
      int in = 0;
      for (var e : relative.entrySet()) {
        List<Double> v = new ArrayList<>(e.getValue());
        v.sort(null);
        String[] parts = e.getKey().split(" ");
        double t = truth.get(parts[0])[parts[1].equals("count_order") ? SUMS.size() : SUMS.indexOf(parts[1])];
        int n = inside.getOrDefault(e.getKey(), 0);
        total += v.size();
        in += n;
        System.out.printf(Locale.ROOT, "%-22s %16.1f %11.4f%% %11.4f%% %6d/%d%n", e.getKey(), t,
            100 * v.get(v.size() / 2), 100 * halfWidths.get(e.getKey()) / Math.abs(t), n, v.size());
      }
      System.out.printf(Locale.ROOT, "figures per site: %d; within the documented 95%% interval: %d of %d (%.1f%%)%n",
          figures[0], in, total, 100.0 * in / total);
    } finally {
      for (SiteServer s : sites) s.close();
    }
  }

  /**
   * The README's 95% half-width of a federated figure: 2.2 standard deviations of the three sites'
   * noise, each sqrt(2) * G * R * magnitude * figures / epsilon (discrete Laplace at large scales).
   */
  static double halfWidth(double magnitude, Bounds b, int figures, String epsilon) {
    double scale = b.groups * b.rows * magnitude * figures / Double.parseDouble(epsilon);
    double sdPerSite = Math.sqrt(2) * scale;
    return 2.2 * Math.sqrt(TpchSplit.SITES.size()) * sdPerSite;
  }

  /** Q1's rows as group key -> [4 sums, count]; the sites' figures-per-epsilon read from the warning. */
  private static Map<String, double[]> q1Rows(Connection c, String sql, int[] figures) throws SQLException {
    Map<String, double[]> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        double[] v = new double[SUMS.size() + 1];
        for (int i = 0; i < SUMS.size(); i++) v[i] = rs.getDouble(SUMS.get(i));
        v[SUMS.size()] = rs.getDouble("count_order");
        out.put(rs.getString(1) + "/" + rs.getString(2), v);
      }
      if (figures != null) {
        Pattern p = Pattern.compile("split over (\\d+) noisy figures");
        for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
          Matcher m = p.matcher(w.getMessage());
          if (m.find()) figures[0] = Math.max(figures[0], Integer.parseInt(m.group(1)));
        }
      }
    }
    return out;
  }

  private static String siteYaml(String name, Path data, Path lineitem, Bounds b, String epsilon) {
    return "name: " + name + "\nlisten: 127.0.0.1:0\ndata: " + data + "\n"
        + "tables:\n  lineitem: { parquet: \"" + lineitem + "\" }\n"
        + "policy:\n  export: aggregates\n  tables:\n    lineitem:\n"
        + "      export: private\n      privacy-unit: l_orderkey\n      epsilon: " + epsilon + "\n      delta: 1e-6\n"
        + "      budget: { epsilon: 1000000, per: day }\n"
        + "      max-groups-per-unit: " + b.groups + "\n      max-rows-per-unit: " + b.rows + "\n"
        + "      bounds: { l_quantity: [0, " + b.quantity + "], l_extendedprice: [0, " + b.price + "],"
        + " l_discount: [0, " + b.discount + "], l_tax: [0, " + b.tax + "] }\n";
  }

  /** Bounds an operator would read off the data. */
  record Bounds(long groups, long rows, double quantity, double price, double discount, double tax) {
    static Bounds of(Connection oracle) throws SQLException {
      try (Statement st = oracle.createStatement();
          ResultSet rs = st.executeQuery("SELECT (SELECT max(n) FROM (SELECT count(DISTINCT (l_returnflag, l_linestatus)) AS n"
              + " FROM lineitem GROUP BY l_orderkey)), (SELECT max(n) FROM (SELECT count(*) AS n FROM lineitem GROUP BY"
              + " l_orderkey, l_returnflag, l_linestatus)), max(l_quantity), max(l_extendedprice), max(l_discount),"
              + " max(l_tax) FROM lineitem")) {
        rs.next();
        return new Bounds(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6));
      }
    }

    /** The largest per-row value of Q1's sum number {@code f}, by interval arithmetic as the site does. */
    double magnitude(int f) {
      return switch (f) {
        case 0 -> quantity;
        case 1 -> price;
        case 2 -> price; // price * (1 - discount), discount >= 0
        default -> price * (1 + tax);
      };
    }
  }
}

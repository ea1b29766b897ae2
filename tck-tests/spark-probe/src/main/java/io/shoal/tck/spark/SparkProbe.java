package io.shoal.tck.spark;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Apache Spark in local mode reading {@code jdbc:shoal:} the way users do, run by tck-tests in a
 * JVM whose classpath is Spark's own plus a Shoal jar. {@code SparkProbe OUT LABEL=URL...} writes,
 * per URL and read, {@code #LABEL/READ} and the rows in the tck's text format (cells separated by
 * tabs, NULL as \N, numbers plain without trailing zeros, ISO dates), for the test to compare with
 * the oracle:
 * <ul>
 *   <li>{@code defaults}: {@code spark.read.jdbc(url, "global.orders")}, nothing else set (Spark
 *       sends fetch size 0);
 *   <li>{@code count}: {@code count()} of the same;
 *   <li>{@code aggregate}: the {@code query} option with a GROUP BY;
 *   <li>{@code partitioned}: partitionColumn o_orderkey, bounds 1..60000, 4 partitions;
 *   <li>{@code sites}: one {@code _site} predicate per partition.
 * </ul>
 */
public final class SparkProbe {
  static final String AGGREGATE = "SELECT o_orderstatus, COUNT(*) AS n, SUM(o_totalprice) AS total,"
      + " MIN(o_orderdate) AS first_day, MAX(o_totalprice) AS top FROM global.orders GROUP BY o_orderstatus";

  private SparkProbe() {}

  public static void main(String[] args) throws Exception {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("shoal-spark-probe")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
      for (int i = 1; i < args.length; i++) {
        int eq = args[i].indexOf('=');
        String label = args[i].substring(0, eq);
        String url = args[i].substring(eq + 1);
        Properties props = new Properties();
        props.setProperty("driver", "io.shoal.driver.ShoalDriver");

        Dataset<Row> orders = spark.read().jdbc(url, "global.orders", props);
        write(w, label + "/defaults", orders);
        w.println("#" + label + "/count");
        w.println(orders.count());

        write(w, label + "/aggregate", spark.read().format("jdbc")
            .option("url", url).option("driver", "io.shoal.driver.ShoalDriver")
            .option("query", AGGREGATE).load());

        write(w, label + "/partitioned",
            spark.read().jdbc(url, "global.orders", "o_orderkey", 1, 60_000, 4, props));

        write(w, label + "/sites", spark.read().jdbc(url, "global.orders",
            new String[] {"_site = 'eu'", "_site = 'us'", "_site = 'apac'"}, props));
        w.flush();
      }
    } finally {
      spark.stop();
    }
  }

  private static void write(PrintWriter w, String name, Dataset<Row> df) {
    List<Row> rows = df.collectAsList();
    w.println("#" + name);
    for (Row r : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < r.size(); c++) {
        line.append(c > 0 ? "\t" : "").append(cell(r.get(c)));
      }
      w.println(line);
    }
  }

  /** The tck's cell format (io.shoal.tck.jars.TextRows#cell). */
  static String cell(Object o) {
    if (o == null) return "\\N";
    if (o instanceof Double || o instanceof Float) return Double.toString(((Number) o).doubleValue());
    if (o instanceof BigDecimal b) return b.stripTrailingZeros().toPlainString();
    if (o instanceof Number n) return Long.toString(n.longValue());
    if (o instanceof java.sql.Date d) return d.toLocalDate().toString();
    if (o instanceof java.sql.Timestamp t) return t.toLocalDateTime().toString();
    return o.toString().replace('\t', ' ').replace('\n', ' ');
  }
}

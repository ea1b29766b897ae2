package io.shoal.tpch;

import java.util.Map;
import java.util.function.Function;

/**
 * The {@code tables:} entries of a site that holds its share of the TPC-H split: each table's
 * source, {@code distribution: replicated} for the dimensions and the key domains of the
 * partitioned tables. The demo, the benchmarks and the test federations write their site YAML
 * with it, so the split's layout is stated once.
 */
public final class TpchSiteYaml {
  private TpchSiteYaml() {}

  /**
   * One line per TPC-H table, each indented by two spaces and ended by a newline, e.g.
   * {@code   orders: { iceberg: tpch.orders, keys: { o_orderkey: order, o_custkey: customer } }}.
   *
   * @param source the table's source as a YAML flow entry, e.g. {@code iceberg: tpch.orders} or
   *     {@code parquet: "/data/eu/orders.parquet"}
   */
  public static String tables(Function<String, String> source) {
    StringBuilder y = new StringBuilder();
    for (String table : TpchSplit.TABLES) {
      y.append("  ").append(table).append(": { ").append(source.apply(table));
      if (TpchSplit.REPLICATED.contains(table)) {
        y.append(", distribution: replicated");
      }
      Map<String, String> keys = TpchSplit.KEY_DOMAINS.getOrDefault(table, Map.of());
      if (!keys.isEmpty()) {
        y.append(", keys: { ");
        y.append(String.join(", ", keys.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
        y.append(" }");
      }
      y.append(" }\n");
    }
    return y.toString();
  }

  /** A source reading each table's Parquet file of {@code site} in the split at {@code outDir}. */
  public static Function<String, String> parquet(java.nio.file.Path outDir, String site) {
    return table -> "parquet: \"" + TpchSplit.parquetPath(outDir, site, table) + "\"";
  }

  /** A source reading each table from Iceberg namespace {@code namespace}. */
  public static Function<String, String> iceberg(String namespace) {
    return table -> "iceberg: " + namespace + "." + table;
  }
}

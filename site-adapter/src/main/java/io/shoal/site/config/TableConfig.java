package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.shoal.protocol.Distribution;
import java.util.Map;

/**
 * One table of a site: exactly one of {@code iceberg}, {@code parquet}, {@code csv} or {@code duckdb}
 * says where its rows are.
 *
 * @param iceberg an Iceberg identifier in the site's catalog, e.g. {@code tpch.orders}
 * @param parquet a Parquet file or glob; relative paths are resolved against the config file
 * @param csv a CSV file or glob (header row, types detected by DuckDB)
 * @param duckdb a table of the site's own DuckDB file ({@code <data>/site.duckdb})
 * @param distribution partitioned (default) or replicated
 * @param keys key domain per column, e.g. {@code o_custkey: customer}
 * @param cache {@code memory} or {@code none}; null means the site's {@code cache:} default
 */
public record TableConfig(
    String iceberg,
    String parquet,
    String csv,
    String duckdb,
    Distribution distribution,
    Map<String, String> keys,
    CacheMode cache) {

  public TableConfig {
    distribution = distribution == null ? Distribution.PARTITIONED : distribution;
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }

  /** The format name reported to the coordinator. */
  @JsonProperty(access = JsonProperty.Access.READ_ONLY)
  public String format() {
    if (iceberg != null) return "iceberg";
    if (parquet != null) return "parquet";
    if (csv != null) return "csv";
    return "duckdb";
  }
}

package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a site keeps a table's rows between queries. */
public enum CacheMode {
  /** Read the files on every query (the default). */
  @JsonProperty("none")
  NONE,
  /**
   * Keep a copy of the table's current snapshot in DuckDB's memory, as a native table; queries
   * whose pinned snapshot matches the copy read it instead of decoding Parquet.
   */
  @JsonProperty("memory")
  MEMORY
}

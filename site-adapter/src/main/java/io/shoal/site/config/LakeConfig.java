package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How a site reaches object storage and keeps local copies of what it reads there.
 *
 * @param storage FileIO properties with Iceberg's own names ({@code s3.endpoint},
 *     {@code s3.path-style-access}, {@code client.region}, {@code s3.access-key-id}, ...), used for
 *     {@code s3://} Parquet/CSV globs and merged under the catalog's properties; values may be
 *     {@code ${env:NAME}} or {@code ${file:path}} references, resolved only when the store opens
 * @param cacheDir where local copies of object-store files are kept ({@code <data>/file-cache})
 * @param cacheBytes the copies' bound in bytes; least recently read files go first
 * @param fetchThreads files fetched in parallel per site
 * @param duckdbExtensions DuckDB extensions to load at start-up ({@code duckdb: { extensions: }});
 *     none are built in yet (see the README)
 */
public record LakeConfig(
    Map<String, String> storage, Path cacheDir, long cacheBytes, int fetchThreads, List<String> duckdbExtensions) {

  public static final long DEFAULT_CACHE_BYTES = 10L << 30;
  public static final int DEFAULT_FETCH_THREADS = 4;

  public LakeConfig {
    storage = storage == null ? Map.of() : Map.copyOf(storage);
    duckdbExtensions = duckdbExtensions == null ? List.of() : List.copyOf(duckdbExtensions);
  }

  /** {@code file-cache:} as written: {@code max-size: 20GiB}, {@code fetch-threads: 8}. */
  public record FileCacheYaml(@JsonProperty("max-size") String maxSize, @JsonProperty("fetch-threads") Integer fetchThreads) {}

  /** {@code duckdb:} as written: {@code extensions: [httpfs]}. */
  public record DuckDbYaml(List<String> extensions) {}
}

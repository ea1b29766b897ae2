package io.shoal.protocol;

import java.util.List;
import java.util.Map;

/**
 * What a site tells the coordinator about one of its tables.
 *
 * @param name table name (unique within the site, case-insensitive)
 * @param format where the rows live: {@code iceberg}, {@code parquet}, {@code csv} or {@code duckdb}
 * @param columns the columns, in order
 * @param rowCount rows at the current snapshot, or -1 when unknown
 * @param distribution partitioned or replicated
 * @param keys key domain per column name, e.g. {@code o_custkey -> customer}
 * @param snapshotId the Iceberg snapshot the count refers to, or null for non-Iceberg tables
 */
public record TableInfo(
    String name,
    String format,
    List<ColumnInfo> columns,
    long rowCount,
    Distribution distribution,
    Map<String, String> keys,
    Long snapshotId) {}

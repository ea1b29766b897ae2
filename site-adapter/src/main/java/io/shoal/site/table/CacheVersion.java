package io.shoal.site.table;

/**
 * What a table's rows are right now, for the memory cache: two reads with the same {@code key} read
 * the same rows.
 *
 * @param key changes whenever the rows may change (Iceberg: snapshot and schema ids; files: names,
 *     sizes and modification times)
 * @param snapshotId the Iceberg snapshot the key pins, or null for files
 * @param selectSql a SELECT of every row at this version, with the table's columns
 * @param files data files at this version (reported in {@link QueryBinding#totalFiles})
 */
public record CacheVersion(String key, Long snapshotId, String selectSql, int files) {}

package io.shoal.protocol;

/**
 * One column of a site table as the site describes it.
 *
 * @param name column name as stored (case preserved; lookups are case-insensitive)
 * @param type the DuckDB type name, e.g. {@code BIGINT}, {@code DECIMAL(15,2)}, {@code INTEGER[]}
 * @param nullable whether the column may hold NULL
 */
public record ColumnInfo(String name, String type, boolean nullable) {}

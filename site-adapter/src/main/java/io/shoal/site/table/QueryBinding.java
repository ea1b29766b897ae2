package io.shoal.site.table;

/**
 * How one fragment reads one per-query table.
 *
 * @param viewSql a SELECT that DuckDB runs as the table for this fragment
 * @param snapshotId the pinned Iceberg snapshot, or null
 * @param plannedFiles data files left after pruning (reported, and asserted on in tests)
 * @param totalFiles data files in the snapshot before pruning
 */
public record QueryBinding(String viewSql, Long snapshotId, int plannedFiles, int totalFiles) {}

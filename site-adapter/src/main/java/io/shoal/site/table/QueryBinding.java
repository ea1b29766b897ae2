package io.shoal.site.table;

/**
 * How one fragment reads one per-query table.
 *
 * @param viewSql a SELECT that DuckDB runs as the table for this fragment
 * @param snapshotId the pinned Iceberg snapshot, or null
 * @param plannedFiles data files left after pruning (reported, and asserted on in tests); 0 when
 *     the rows come from the memory cache
 * @param totalFiles data files in the snapshot before pruning
 * @param cachedAs the in-memory DuckDB table read instead of the files, or null
 * @param release called once the fragment no longer reads {@code cachedAs}; null if nothing to do
 */
public record QueryBinding(
    String viewSql, Long snapshotId, int plannedFiles, int totalFiles, String cachedAs, Runnable release) {

  public QueryBinding(String viewSql, Long snapshotId, int plannedFiles, int totalFiles) {
    this(viewSql, snapshotId, plannedFiles, totalFiles, null, null);
  }

  /** Lets go of the cached table, if any; safe to call more than once per binding only via the cache. */
  public void releaseCache() {
    if (release != null) release.run();
  }
}

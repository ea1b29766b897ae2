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
 * @param release called once the fragment no longer reads {@code cachedAs} (or the local copies of
 *     object-store files); null if nothing to do
 * @param storeBytes bytes fetched from object storage to bind this fragment (0 when every file was
 *     in the site's file cache, or is on local disk)
 */
public record QueryBinding(
    String viewSql, Long snapshotId, int plannedFiles, int totalFiles, String cachedAs, Runnable release,
    long storeBytes) {

  public QueryBinding(
      String viewSql, Long snapshotId, int plannedFiles, int totalFiles, String cachedAs, Runnable release) {
    this(viewSql, snapshotId, plannedFiles, totalFiles, cachedAs, release, 0);
  }

  public QueryBinding(String viewSql, Long snapshotId, int plannedFiles, int totalFiles) {
    this(viewSql, snapshotId, plannedFiles, totalFiles, null, null, 0);
  }

  /** Lets go of the cached table, if any; safe to call more than once per binding only via the cache. */
  public void releaseCache() {
    if (release != null) release.run();
  }
}

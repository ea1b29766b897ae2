package io.shoal.site.iceberg;

/**
 * What one import committed.
 *
 * @param rows rows appended
 * @param files data files appended (one per input file)
 * @param snapshotId the snapshot the import's single commit created
 */
public record ImportResult(long rows, int files, long snapshotId) {}

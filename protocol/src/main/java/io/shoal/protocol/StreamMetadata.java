package io.shoal.protocol;

/**
 * What a site attaches, as Flight application metadata (JSON), to the first batch of a result: the
 * policy decision and how many groups the minimum group size removed. A result whose groups were
 * all removed still carries one empty batch with this metadata. The coordinator turns
 * {@code suppressedGroups > 0} into a SQLWarning.
 *
 * @param decision {@code rows} or {@code aggregates}
 * @param suppressedGroups groups left out because they covered too few rows
 * @param storeBytes bytes the site fetched from object storage to run the fragment (0: all cached)
 */
public record StreamMetadata(String decision, long suppressedGroups, long storeBytes) {
  public StreamMetadata(String decision, long suppressedGroups) {
    this(decision, suppressedGroups, 0);
  }
}

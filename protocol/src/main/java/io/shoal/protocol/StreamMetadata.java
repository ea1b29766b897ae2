package io.shoal.protocol;

/**
 * What a site attaches, as Flight application metadata (JSON), to the first batch of a result: the
 * policy decision and how many groups the minimum group size removed. A result whose groups were
 * all removed still carries one empty batch with this metadata. The coordinator turns
 * {@code suppressedGroups > 0} into a SQLWarning.
 *
 * @param decision {@code rows}, {@code aggregates} or {@code private}
 * @param suppressedGroups groups left out: too few rows (aggregates), or held back by partition
 *     selection (private)
 * @param storeBytes bytes the site fetched from object storage to run the fragment (0: all cached)
 * @param epsilon for {@code private}: the privacy budget the site spent on the answer
 * @param privateTable for {@code private}: the table whose units the noise protects
 * @param figures for {@code private}: how many noisy figures epsilon was split over (each gets
 *     epsilon / figures), else 0
 */
public record StreamMetadata(
    String decision,
    long suppressedGroups,
    long storeBytes,
    java.math.BigDecimal epsilon,
    String privateTable,
    int figures) {
  public StreamMetadata(String decision, long suppressedGroups) {
    this(decision, suppressedGroups, 0, null, null, 0);
  }
}

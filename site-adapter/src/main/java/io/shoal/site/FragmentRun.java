package io.shoal.site;

import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;

/** One running fragment: a stream of Arrow batches straight from DuckDB's Arrow export. */
public interface FragmentRun extends AutoCloseable {

  /** Batches as DuckDB produces them; the caller reads and closes. */
  ArrowReader reader();

  /** Interrupts the running query; the reader then fails with {@link SiteException.Kind#CANCELLED}. */
  void cancel();

  /** Iceberg snapshot id per table read, for the caller's report and the audit. */
  Map<String, Long> snapshots();

  /** Groups the site's minimum group size removed from this result (0 when the table exports rows). */
  long suppressedGroups();

  /** Bytes fetched from object storage to run this fragment (0 when every file was cached or local). */
  default long storeBytes() {
    return 0;
  }

  /** The policy decision: {@code rows}, {@code aggregates} or {@code private}. */
  String decision();

  /** For {@code private}: the epsilon this run spent, else null. */
  default java.math.BigDecimal epsilon() {
    return null;
  }

  /** For {@code private}: the private table the noise protects, else null. */
  default String privateTable() {
    return null;
  }

  /** For {@code private}: how many noisy figures the epsilon was split over, else 0. */
  default int privateFigures() {
    return 0;
  }

  /** Closes the reader and frees the DuckDB connection. */
  @Override
  void close();
}

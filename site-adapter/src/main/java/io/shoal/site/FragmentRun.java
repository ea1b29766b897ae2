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

  /** The policy decision: {@code rows} or {@code aggregates}. */
  String decision();

  /** Closes the reader and frees the DuckDB connection. */
  @Override
  void close();
}

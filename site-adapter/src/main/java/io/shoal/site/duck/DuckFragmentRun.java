package io.shoal.site.duck;

import io.shoal.site.FragmentRun;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * One execution: DuckDB's Arrow stream over a streaming result set, counted for the audit. Its
 * close ends the stream only; the result set belongs to the fragment, which closes it with its
 * connection idle (see {@link DuckFragment}).
 */
final class DuckFragmentRun implements FragmentRun {
  /** Cancels the fragment's statement; the fragment ignores it once the connection is given back. */
  private final Runnable canceller;
  private final CountingReader reader;
  private final Map<String, Long> snapshots;
  private final String decision;
  private final long suppressedGroups;
  private final Consumer<DuckFragmentRun> onClose;
  /** For a private answer: how it was computed (epsilon, table, figures), else null. */
  private final io.shoal.site.privacy.PrivatePlan privatePlan;
  private volatile boolean cancelled;
  private boolean closed;

  DuckFragmentRun(
      Runnable canceller,
      CountingReader reader,
      Map<String, Long> snapshots,
      String decision,
      long suppressedGroups,
      long storeBytes,
      io.shoal.site.privacy.PrivatePlan privatePlan,
      Consumer<DuckFragmentRun> onClose) {
    this.storeBytes = storeBytes;
    this.privatePlan = privatePlan;
    this.canceller = canceller;
    this.reader = reader;
    this.snapshots = Map.copyOf(snapshots);
    this.decision = decision;
    this.suppressedGroups = suppressedGroups;
    this.onClose = onClose;
  }

  private final long storeBytes;

  @Override
  public long storeBytes() {
    return storeBytes;
  }

  @Override
  public ArrowReader reader() {
    return reader;
  }

  @Override
  public void cancel() {
    synchronized (this) {
      if (closed) return; // a later run of the same fragment is not this one's to cancel
      cancelled = true;
    }
    canceller.run();
  }

  boolean cancelled() {
    return cancelled;
  }

  /** Read to the end and not cancelled: nothing of it can be left on the connection. */
  boolean completed() {
    return !cancelled && reader.exhausted();
  }

  long rows() {
    return reader.rows();
  }

  long bytes() {
    return reader.bytes();
  }

  @Override
  public Map<String, Long> snapshots() {
    return snapshots;
  }

  @Override
  public long suppressedGroups() {
    return suppressedGroups;
  }

  @Override
  public String decision() {
    return decision;
  }

  @Override
  public java.math.BigDecimal epsilon() {
    return privatePlan == null ? null : privatePlan.epsilon();
  }

  @Override
  public String privateTable() {
    return privatePlan == null ? null : privatePlan.table();
  }

  @Override
  public int privateFigures() {
    return privatePlan == null ? 0 : privatePlan.parts();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      reader.close();
    } catch (Exception ignored) {
      // the stream may already be closed by the consumer
    }
    onClose.accept(this);
  }
}

package io.shoal.flight;

import io.shoal.protocol.Json;
import io.shoal.protocol.SqlStates;
import io.shoal.protocol.StreamMetadata;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.limits.LimitExceeded;
import io.shoal.site.limits.SiteLimits;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.flight.BackpressureStrategy;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * A fragment's results onto one Flight stream: DuckDB's Arrow batches as they come, at the pace
 * the client reads, with the policy outcome on the first batch. Cancellation, from the client or
 * the transport, reaches DuckDB.
 */
final class FragmentStreams {
  private final BufferAllocator allocator;
  private final SiteLimits limits;
  private final String siteName;

  FragmentStreams(BufferAllocator allocator, SiteLimits limits, String siteName) {
    this.allocator = allocator;
    this.limits = limits;
    this.siteName = siteName;
  }

  /**
   * Runs a fragment and sends DuckDB's batches as they come. Logs one line, closes the run on every
   * path, and never throws: errors go to the client as a Flight status.
   */
  void stream(
      Site.Fragment fragment,
      List<Object> parameters,
      Site.FragmentContext fc,
      String sql,
      ServerStreamListener listener,
      long start) {
    long rows = 0;
    long bytes = 0;
    Throwable failure = null;
    AtomicBoolean cancelled = new AtomicBoolean();
    AtomicReference<FragmentRun> running = new AtomicReference<>();
    // Registered before the run starts so that a cancel arriving while DuckDB starts is not lost.
    Runnable onCancel =
        () -> {
          cancelled.set(true);
          FragmentRun r = running.get();
          if (r != null) {
            r.cancel();
          } else {
            // DuckDB computes blocking operators (aggregates) inside run(): interrupt it there.
            fragment.cancel();
          }
        };
    listener.setOnCancelHandler(onCancel);
    FragmentRun run = null;
    // Flight's handler above waits for this method to return; the call's context is told at once.
    CallCancellation.Registration gone = CallCancellation.onCancel(onCancel);
    try {
      run = fragment.run(parameters);
      running.set(run);
      if (cancelled.get() || listener.isCancelled()) run.cancel();
      ArrowReader reader = run.reader();
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      CarriedTypes.require(root.getSchema());
      BackpressureStrategy backpressure = new BackpressureStrategy.CallbackBackpressureStrategy();
      backpressure.register(listener);
      // A client that stops reading holds the fragment, its DuckDB connection and one batch: not for ever.
      long stallMillis = limits.streamStallTimeout().toMillis();
      // Zero-copy writes (setUseZeroCopy) were 15% faster in SiteStreamBenchmark, but a stream
      // cancelled mid-flight then leaked the buffers gRPC still held: copies stay on.
      listener.start(root, reader);
      // The policy outcome rides on the first batch, so that plain Flight clients lose nothing.
      byte[] outcome =
          run.suppressedGroups() > 0 || run.storeBytes() > 0 || run.epsilon() != null
              ? Json.toBytes(new StreamMetadata(run.decision(), run.suppressedGroups(), run.storeBytes(), run.epsilon(),
                  run.privateTable(), run.privateFigures()))
              : null;
      boolean sentAny = false;
      while (!cancelled.get() && !listener.isCancelled() && reader.loadNextBatch()) {
        if (!awaitReady(backpressure, listener, stallMillis)) break;
        rows += root.getRowCount();
        for (FieldVector v : root.getFieldVectors()) bytes += v.getBufferSize();
        putNext(listener, sentAny ? null : outcome);
        sentAny = true;
      }
      if (!sentAny && outcome != null && !cancelled.get() && !listener.isCancelled()) {
        root.setRowCount(0);
        putNext(listener, outcome);
      }
      if (cancelled.get() || listener.isCancelled()) {
        failure = new SiteException(SiteException.Kind.CANCELLED, "query cancelled by the client");
        listener.error(FlightErrors.of(failure));
      } else {
        listener.completed();
      }
    } catch (Throwable t) {
      failure =
          cancelled.get() || listener.isCancelled()
              ? new SiteException(SiteException.Kind.CANCELLED, "query cancelled by the client", t)
              : t;
      try {
        listener.error(FlightErrors.of(failure));
      } catch (RuntimeException ignored) {
        // the call is already gone (cancelled or errored): nothing more to tell the client
      }
      if (t instanceof Error e && !(t instanceof OutOfMemoryError)) throw e;
    } finally {
      gone.close();
      if (run != null) run.close();
      QueryLog.log(fc, sql, rows, bytes, start, failure);
    }
  }

  private void putNext(ServerStreamListener listener, byte[] metadata) {
    if (metadata == null) {
      listener.putNext();
      return;
    }
    ArrowBuf buf = allocator.buffer(metadata.length);
    buf.writeBytes(metadata);
    listener.putNext(buf);
  }

  /**
   * Waits until the client can take another batch; false if it went away. A client that takes
   * nothing for {@code stallMillis} gets the stream-stall-timeout limit instead.
   */
  private boolean awaitReady(BackpressureStrategy backpressure, ServerStreamListener listener, long stallMillis)
      throws LimitExceeded {
    long deadline = System.nanoTime() + stallMillis * 1_000_000;
    while (true) {
      // Short waits: the strategy's own cancel callback queues behind this method (see
      // CallCancellation), so a cancelled call is noticed here by polling.
      BackpressureStrategy.WaitResult r = backpressure.waitForListener(Math.min(100, stallMillis));
      switch (r) {
        case READY:
          return true;
        case TIMEOUT:
          if (listener.isCancelled()) return false;
          if (System.nanoTime() - deadline > 0) {
            throw new LimitExceeded(
                SiteLimits.STREAM_STALL_TIMEOUT, SqlStates.LIMIT_EXCEEDED,
                "site " + siteName + " stopped a stream its client did not read for "
                    + stallMillis + " ms (limit " + SiteLimits.STREAM_STALL_TIMEOUT
                    + "); read results as they come or close the statement");
          }
          continue;
        default:
          return false;
      }
    }
  }
}

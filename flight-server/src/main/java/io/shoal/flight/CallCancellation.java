package io.shoal.flight;

import io.grpc.Context;

/**
 * Tells a call's work that its client cancelled, timed out or disconnected, while that work is
 * still blocked. Flight's {@code setOnCancelHandler} runs on the call's serialized executor, behind
 * the very producer method that is blocked inside DuckDB, so it arrives only once DuckDB returns
 * (measured: a recursive CTE whose client timed out at 1 s ran on to the 3 s wall time). gRPC
 * cancels the call's {@link Context} from the transport at once; this listens there.
 */
final class CallCancellation {
  private CallCancellation() {}

  /** A registration; closing it stops listening. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Runs {@code onCancel} once when the current call is cancelled (at once if it already is). */
  static Registration onCancel(Runnable onCancel) {
    Context context = Context.current();
    Context.CancellationListener listener = c -> onCancel.run();
    context.addListener(listener, Runnable::run);
    return () -> context.removeListener(listener);
  }
}

package io.shoal.flight;

import io.grpc.netty.NettyServerBuilder;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The site's side of the coordinator's keepalive: gRPC servers by default treat pings more often
 * than every 5 minutes as abuse and close the connection ("too_many_pings"), which would break the
 * coordinator's detection of a stopped site (it pings every few seconds during a call).
 */
final class Keepalive {
  /** Pings as often as every second are allowed, also between calls. */
  static final Consumer<NettyServerBuilder> SERVER =
      b -> b.permitKeepAliveTime(1, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true);

  private Keepalive() {}
}

package io.shoal.planner.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The gRPC channel to one site. A call waits for a site only as long as the site's transport
 * answers: during a call the channel pings the site every {@code keepalive} seconds, and a site
 * that does not answer a ping within {@code keepaliveTimeout} (stopped, frozen, cut off) fails
 * the call with UNAVAILABLE instead of leaving it waiting for ever. gRPC allows no interval under
 * 10 s, so a stopped site is detected within about keepalive + keepaliveTimeout (default 15 s).
 */
public final class SiteChannels {

  /**
   * @param keepaliveMillis ping interval during calls (at least 10 s, gRPC's minimum)
   * @param keepaliveTimeoutMillis how long a ping may wait for its answer
   */
  public record Options(long keepaliveMillis, long keepaliveTimeoutMillis) {
    public static final Options DEFAULT = new Options(10_000, 5_000);
  }

  private SiteChannels() {}

  /**
   * A channel to {@code endpoint}: plaintext for {@code grpc://}, TLS for {@code grpc+tls://}
   * trusting {@code trustedCerts} (PEM) or the JVM's defaults when null. gRPC's direct executor:
   * responses go from the network thread straight into the FlightStream's queue (one thread handoff
   * less per message; FlightStream's listener only enqueues, it never blocks).
   */
  static ManagedChannel open(SiteEndpoint endpoint, InputStream trustedCerts, Options options) {
    String host = endpoint.uri().getHost();
    int port = endpoint.uri().getPort();
    String scheme = endpoint.uri().getScheme();
    boolean tls = "grpc+tls".equals(scheme);
    if (host == null || port < 0 || !(tls || "grpc".equals(scheme) || "grpc+tcp".equals(scheme))) {
      throw new IllegalArgumentException(
          "site " + endpoint.name() + ": uri must be grpc://host:port or grpc+tls://host:port, not "
              + endpoint.uri());
    }
    NettyChannelBuilder b =
        NettyChannelBuilder.forAddress(host, port)
            .directExecutor()
            .maxTraceEvents(0)
            .maxInboundMessageSize(Integer.MAX_VALUE)
            .maxInboundMetadataSize(Integer.MAX_VALUE)
            .keepAliveTime(options.keepaliveMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(options.keepaliveTimeoutMillis(), TimeUnit.MILLISECONDS)
            .keepAliveWithoutCalls(false);
    if (tls) {
      try {
        var ssl = GrpcSslContexts.forClient();
        if (trustedCerts != null) ssl.trustManager(trustedCerts);
        b.useTransportSecurity().sslContext(ssl.build());
      } catch (SSLException | IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "site " + endpoint.name() + ": cannot use the trusted certificates: " + e.getMessage(), e);
      }
    } else {
      b.usePlaintext();
    }
    return b.build();
  }

}

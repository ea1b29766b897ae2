package io.shoal.flight;

import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.Sites;
import io.shoal.site.config.ConfigException;
import io.shoal.site.config.SiteConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.FlightServer;
import org.apache.arrow.flight.Location;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One site served over Arrow Flight SQL. Secure by default: without tokens it serves only on a
 * loopback address. Closing it (or SIGTERM, through a shutdown hook) stops the server and closes
 * the site.
 */
public final class SiteServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SiteServer.class);

  private final Site site;
  private final BufferAllocator allocator;
  private final SiteFlightProducer producer;
  private final FlightServer server;
  private final String host;
  private final String name;
  private final Thread shutdownHook;
  private boolean closed;

  /**
   * What the server needs besides the site.
   *
   * @param where the configuration file, for messages
   * @param listen {@code host:port}; port 0 picks a free port
   * @param tokensFile bearer tokens, or null for no authentication (loopback only)
   * @param certChain PEM certificate chain for TLS, or null for plaintext
   * @param privateKey PEM private key for TLS
   */
  public record Options(String where, String listen, Path tokensFile, Path certChain, Path privateKey) {}

  private SiteServer(Site site, BufferAllocator allocator, SiteFlightProducer producer, FlightServer server, String host) {
    this.site = site;
    this.allocator = allocator;
    this.producer = producer;
    this.server = server;
    this.host = host;
    this.name = site.info().name();
    this.shutdownHook = new Thread(this::stopOnSignal, "shoal-site-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Opens the site described by {@code config} and serves it on {@code config.listen()}. */
  public static SiteServer start(SiteConfig config) throws ConfigException, SiteException {
    return start(config, null);
  }

  /**
   * As {@link #start(SiteConfig)}, listening on {@code listen} instead when it is not null. Unsafe or
   * unusable settings (no tokens off loopback, unreadable tokens or TLS files, a port in use) are a
   * one-line {@link ConfigException}; the site is not opened or is closed again.
   */
  public static SiteServer start(SiteConfig config, String listen) throws ConfigException, SiteException {
    Options options =
        new Options(
            config.file() == null ? config.name() : config.file().toString(),
            listen != null ? listen : config.listen(),
            config.auth() == null ? null : config.auth().tokensFile(),
            config.tls() == null ? null : config.tls().certChain(),
            config.tls() == null ? null : config.tls().privateKey());
    try {
      check(options); // before opening the site: refusing is cheap and leaves nothing behind
      if (options.tokensFile() != null) TokenAuth.load(options.tokensFile());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    Site site = Sites.open(config);
    try {
      return start(site, options);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * Checks that the options are safe and usable, before anything is opened: a non-loopback address
   * without tokens is refused.
   *
   * @throws IllegalArgumentException with a one-line message naming the file
   */
  public static void check(Options options) {
    String host = host(options);
    port(options);
    if (options.tokensFile() == null && !isLoopback(host)) {
      throw new IllegalArgumentException(
          options.where() + ": listen " + options.listen()
              + " is not a loopback address and there is no 'auth' section: refusing to serve"
              + " without tokens (add auth.tokens-file, or listen on 127.0.0.1)");
    }
    if ((options.certChain() == null) != (options.privateKey() == null)) {
      throw new IllegalArgumentException(options.where() + ": tls needs both cert-chain and private-key");
    }
  }

  /**
   * Serves {@code site}; on failure the site is closed. Prints {@code listening on HOST:PORT} when
   * ready.
   */
  public static SiteServer start(Site site, Options options) {
    BufferAllocator allocator = null;
    SiteFlightProducer producer = null;
    try {
      check(options);
      String host = host(options);
      int port = port(options);
      TokenAuth auth = options.tokensFile() == null ? null : TokenAuth.load(options.tokensFile());
      allocator = new RootAllocator();
      producer = new SiteFlightProducer(site, allocator, site.limits());
      if (auth != null) producer.allowDelegation(auth::mayDelegate);
      boolean tls = options.certChain() != null;
      Location location = tls ? Location.forGrpcTls(host, port) : Location.forGrpcInsecure(host, port);
      FlightServer.Builder builder =
          FlightServer.builder(allocator, location, producer)
              .middleware(CallHeadersMiddleware.KEY, new CallHeadersMiddleware.Factory())
              .transportHint("grpc.builderConsumer", Keepalive.SERVER);
      if (auth != null) builder.headerAuthenticator(auth);
      if (tls) builder.useTls(file(options.certChain(), options), file(options.privateKey(), options));
      FlightServer server = builder.build();
      try {
        server.start();
      } catch (IOException e) {
        server.close();
        throw new IllegalArgumentException(
            options.where() + ": cannot listen on " + options.listen() + ": " + rootMessage(e), e);
      }
      if (auth == null) {
        LOG.warn("site {}: no auth section, serving WITHOUT tokens on loopback {} only", site.info().name(), host);
      }
      SiteServer s = new SiteServer(site, allocator, producer, server, host);
      System.out.println("listening on " + host + ":" + server.getPort());
      System.out.flush();
      return s;
    } catch (IOException e) {
      closeAll(site, producer, allocator);
      throw new UncheckedIOException(e);
    } catch (RuntimeException | InterruptedException e) {
      closeAll(site, producer, allocator);
      if (e instanceof InterruptedException) Thread.currentThread().interrupt();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  private static File file(Path p, Options options) {
    File f = p.toFile();
    if (!f.canRead()) throw new IllegalArgumentException(options.where() + ": cannot read TLS file " + p);
    return f;
  }

  private static void closeAll(Site site, SiteFlightProducer producer, BufferAllocator allocator) {
    try {
      if (producer != null) producer.close();
    } catch (RuntimeException ignored) {
      // best effort on a failed start
    }
    site.close();
    if (allocator != null) allocator.close();
  }

  private static String rootMessage(Throwable t) {
    while (t.getCause() != null) t = t.getCause();
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  static String host(Options options) {
    String listen = options.listen();
    int colon = listen == null ? -1 : listen.lastIndexOf(':');
    if (colon <= 0) throw new IllegalArgumentException(options.where() + ": listen '" + listen + "' must be host:port");
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
    return host;
  }

  static int port(Options options) {
    String listen = options.listen();
    try {
      int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
      if (port < 0 || port > 65535) throw new NumberFormatException();
      return port;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(options.where() + ": listen '" + listen + "' has no valid port");
    }
  }

  /** True only if every address the name resolves to is a loopback address. */
  static boolean isLoopback(String host) {
    try {
      InetAddress[] all = InetAddress.getAllByName(host);
      for (InetAddress a : all) if (!a.isLoopbackAddress()) return false;
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  public String host() {
    return host;
  }

  public int port() {
    return server.getPort();
  }

  public Site site() {
    return site;
  }

  /** Blocks until the server stops (close() or SIGTERM). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // already shutting down: the hook is running this
    }
    closeQuietly();
  }

  /**
   * SIGTERM: stops as {@link #close()} does, and if that cannot finish within {@link #STOP_BOUND}
   * (a native call that does not return), halts the JVM rather than leave a site burning CPU.
   */
  private void stopOnSignal() {
    Thread guard =
        new Thread(
            () -> {
              try {
                Thread.sleep(STOP_BOUND.toMillis());
              } catch (InterruptedException e) {
                return;
              }
              System.err.println("site " + name + ": not stopped after " + STOP_BOUND.toSeconds() + " s, halting");
              Runtime.getRuntime().halt(1);
            },
            "shoal-site-stop-guard");
    guard.setDaemon(true);
    guard.start();
    closeQuietly();
    guard.interrupt();
  }

  /** How long a stopping site may take before it halts (README: "Site limits"). */
  static final java.time.Duration STOP_BOUND = java.time.Duration.ofSeconds(10);

  private synchronized void closeQuietly() {
    if (closed) return;
    closed = true;
    // Running fragments first: a call inside DuckDB would otherwise hold the shutdown below for
    // its whole run (a recursive CTE for ever).
    site.interruptAll();
    server.shutdown();
    try {
      if (!server.awaitTermination(3, TimeUnit.SECONDS)) LOG.warn("site server: calls still running after 3 s, stopping anyway");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      server.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("site server: {}", e.getMessage());
    }
    try {
      producer.close();
    } catch (RuntimeException e) {
      LOG.warn("site server: closing the producer: {}", e.getMessage());
    }
    site.close();
    LOG.info("site {} stopped", name);
    try {
      allocator.close();
    } catch (RuntimeException e) {
      // a leak here means a stream was not closed; report it but finish shutting down
      LOG.warn("site server: {}", e.getMessage());
    }
  }
}

package io.shoal.planner;

import io.shoal.planner.client.SiteChannels;
import io.shoal.planner.client.SiteClient;
import io.shoal.planner.client.SiteEndpoint;
import io.shoal.planner.exec.Scatter;
import io.shoal.planner.errors.ShoalException;
import io.shoal.planner.prepare.ShoalCalciteDriver;
import io.shoal.planner.prepare.ShoalTypeSystem;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.SqlStates;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.FederatedConnection;
import org.apache.calcite.schema.SchemaPlus;

/**
 * One coordinator's view of a set of sites: their metadata, Flight clients, the scatter executor,
 * and the Calcite connection over them. Entry point: {@link #connect(List, Properties)}.
 */
public final class Federation implements Scatter, AutoCloseable {
  /** Connection properties this class reads (the driver's names, see ShoalProperty). */
  public static final String USER = "user";
  public static final String PARTIAL_RESULTS = "partialResults";
  public static final String CONNECT_TIMEOUT = "connectTimeout";
  public static final String TLS_TRUSTED_CERTS = "tlsTrustedCerts";
  public static final String KEEPALIVE = "keepalive";
  public static final String KEEPALIVE_TIMEOUT = "keepaliveTimeout";

  private final List<SiteEndpoint> endpoints;
  private final Map<String, SiteState> sites = new LinkedHashMap<>();
  private final String principal;
  private final boolean partialResults;
  private final long connectTimeoutMillis;
  private final String trustedCertsFile;
  private final SiteChannels.Options channel;
  private final BufferAllocator allocator = new RootAllocator();
  private final ExecutorService executor;
  private final Map<String, SiteClient> clients = new ConcurrentHashMap<>();

  /** What the coordinator knows about one site. */
  static final class SiteState {
    final SiteEndpoint endpoint;
    volatile SiteInfo info;
    volatile String status = "unknown";
    volatile Long lastLatencyMs;

    SiteState(SiteEndpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  private Federation(List<SiteEndpoint> endpoints, Properties props) {
    this.endpoints = List.copyOf(endpoints);
    Properties p = props == null ? new Properties() : props;
    this.principal = prop(p, USER, null);
    this.partialResults = Boolean.parseBoolean(prop(p, PARTIAL_RESULTS, "false"));
    this.connectTimeoutMillis = (long) (Double.parseDouble(prop(p, CONNECT_TIMEOUT, "10")) * 1000);
    this.trustedCertsFile = prop(p, TLS_TRUSTED_CERTS, null);
    this.channel = new SiteChannels.Options(
        seconds(p, KEEPALIVE, SiteChannels.Options.DEFAULT.keepaliveMillis()),
        seconds(p, KEEPALIVE_TIMEOUT, SiteChannels.Options.DEFAULT.keepaliveTimeoutMillis()));
    for (SiteEndpoint e : endpoints) {
      if (sites.put(e.name(), new SiteState(e)) != null) {
        throw new IllegalArgumentException("site " + e.name() + " is listed twice");
      }
    }
    AtomicInteger n = new AtomicInteger();
    int threads = Math.max(4, 2 * endpoints.size());
    this.executor = new ThreadPoolExecutor(0, threads, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "shoal-scatter-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        }, new ThreadPoolExecutor.AbortPolicy());
  }

  private static long seconds(Properties p, String key, long defaultMillis) {
    String v = prop(p, key, null);
    if (v == null) return defaultMillis;
    try {
      double s = Double.parseDouble(v.strip());
      if (s <= 0) throw new NumberFormatException();
      return (long) (s * 1000);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a positive number of seconds, got '" + v + "'");
    }
  }

  private static String prop(Properties p, String key, String dflt) {
    for (String k : p.stringPropertyNames()) {
      if (k.equalsIgnoreCase(key)) {
        return p.getProperty(k);
      }
    }
    return dflt;
  }

  /**
   * Asks every site for its metadata (in parallel) and opens a Calcite connection over them,
   * default schema {@code global}. Closing the connection closes the sites' clients.
   */
  public static Connection connect(List<SiteEndpoint> sites, Properties props) throws SQLException {
    Federation f = new Federation(sites, props);
    try {
      f.refreshSiteInfo();
      return f.open();
    } catch (SQLException | RuntimeException e) {
      f.close();
      throw e;
    }
  }

  /**
   * Opens a connection over sites whose metadata is given, without asking them: for planning
   * tests and for callers that cache site info. {@code infos} pairs with {@code sites} by name.
   */
  public static Connection connect(
      List<SiteEndpoint> sites, List<SiteInfo> infos, Properties props) throws SQLException {
    Federation f = new Federation(sites, props);
    for (SiteInfo info : infos) {
      SiteState s = f.sites.get(info.name());
      if (s == null) {
        f.close();
        throw new SQLException("site info for " + info.name() + " but no such endpoint",
            SqlStates.INTERNAL_ERROR);
      }
      s.info = info;
      s.status = "up";
    }
    return f.open();
  }

  private void refreshSiteInfo() throws SQLException {
    Map<String, CompletableFuture<SiteInfo>> futures = new LinkedHashMap<>();
    for (SiteState s : sites.values()) {
      futures.put(s.endpoint.name(), CompletableFuture.supplyAsync(() -> {
        long t0 = System.nanoTime();
        try {
          SiteInfo info = client(s.endpoint.name()).siteInfo();
          s.lastLatencyMs = (System.nanoTime() - t0) / 1_000_000;
          return info;
        } catch (SQLException e) {
          throw new ShoalException(e.getSQLState(), s.endpoint.name(), e.getMessage(), e);
        }
      }, executor));
    }
    List<String> down = new ArrayList<>();
    SQLException first = null;
    for (Map.Entry<String, CompletableFuture<SiteInfo>> e : futures.entrySet()) {
      SiteState s = sites.get(e.getKey());
      try {
        SiteInfo info = e.getValue().get();
        if (info.name() != null && !info.name().equals(s.endpoint.name())) {
          throw new SQLException("site at " + s.endpoint.uri() + " calls itself " + info.name()
              + " but is configured as " + s.endpoint.name(), SqlStates.SITE_UNREACHABLE);
        }
        s.info = info;
        s.status = "up";
      } catch (ExecutionException ex) {
        SQLException sql = ShoalException.toSqlException(ex.getCause());
        if (sql == null) {
          sql = new SQLException("site " + s.endpoint.name() + ": " + ex.getCause().getMessage(),
              SqlStates.SITE_UNREACHABLE, ex.getCause());
        }
        s.status = "down: " + sql.getMessage();
        down.add(s.endpoint.name());
        if (first == null) {
          first = sql;
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while asking sites for metadata", SqlStates.CANCELLED);
      }
    }
    if (first != null && !partialResults) {
      throw first;
    }
  }

  private Connection open() throws SQLException {
    Properties info = new Properties();
    info.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
    info.setProperty(CalciteConnectionProperty.UNQUOTED_CASING.camelName(), "UNCHANGED");
    info.setProperty(CalciteConnectionProperty.QUOTED_CASING.camelName(), "UNCHANGED");
    info.setProperty(CalciteConnectionProperty.QUOTING.camelName(), "DOUBLE_QUOTE");
    info.setProperty(CalciteConnectionProperty.CONFORMANCE.camelName(), "LENIENT");
    // DuckDB, the single-database reference, sorts NULLs last in both directions.
    info.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), "LAST");
    info.setProperty(CalciteConnectionProperty.TYPE_SYSTEM.camelName(),
        ShoalTypeSystem.class.getName() + "#INSTANCE");
    FederatedConnection conn = (FederatedConnection) new ShoalCalciteDriver()
        .connect(ShoalCalciteDriver.PREFIX, info);
    // Each execution's run fetches through this federation; closing the connection closes it.
    conn.attach(this, this);
    SchemaPlus root = conn.getRootSchema();
    FederationSchemaFactory.install(root, this);
    conn.setSchema("global");
    return conn;
  }

  @Override
  public List<SQLWarning> missingSiteWarnings() {
    List<SQLWarning> out = new ArrayList<>();
    for (SiteState s : sites.values()) {
      if (s.info == null) {
        out.add(new SQLWarning("partial result: site " + s.endpoint.name() + " ("
            + s.endpoint.uri() + ") was unreachable when the connection opened; the result is"
            + " without its rows (" + s.status + ")", SqlStates.SITE_UNREACHABLE));
      }
    }
    return out;
  }

  /** The sites in configured order. */
  public List<SiteEndpoint> endpoints() {
    return endpoints;
  }

  @Override
  public SiteInfo siteInfo(String site) {
    SiteState s = sites.get(site);
    return s == null ? null : s.info;
  }

  List<SiteState> states() {
    return new ArrayList<>(sites.values());
  }

  @Override
  public String principal() {
    return principal;
  }

  @Override
  public boolean partialResults() {
    return partialResults;
  }

  @Override
  public ExecutorService executor() {
    return executor;
  }

  @Override
  public SiteClient client(String site) {
    SiteState s = sites.get(site);
    if (s == null) {
      throw new ShoalException(SqlStates.UNKNOWN_TABLE, "no site named " + site);
    }
    return clients.computeIfAbsent(site, k -> {
      InputStream certs = null;
      try {
        if (trustedCertsFile != null) {
          certs = new FileInputStream(trustedCertsFile);
        }
        return new SiteClient(s.endpoint, allocator, principal, certs, connectTimeoutMillis, channel);
      } catch (IOException e) {
        throw new ShoalException(SqlStates.SITE_UNREACHABLE, site,
            "cannot read tlsTrustedCerts " + trustedCertsFile + ": " + e.getMessage(), e);
      } finally {
        if (certs != null) {
          try {
            certs.close();
          } catch (IOException ignored) {
            // The builder has read the certificates already.
          }
        }
      }
    });
  }

  @Override
  public void recordLatency(String site, long millis, String status) {
    SiteState s = sites.get(site);
    if (s != null) {
      s.lastLatencyMs = millis;
      s.status = status;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    for (SiteClient c : clients.values()) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Closing is best effort: a stream still draining must not stop the others closing.
      }
    }
    clients.clear();
    try {
      allocator.close();
    } catch (RuntimeException ignored) {
      // Leaked buffers are reported by Arrow itself; the connection is closed regardless.
    }
  }
}

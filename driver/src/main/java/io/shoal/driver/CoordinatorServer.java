package io.shoal.driver;

import io.shoal.protocol.SqlStates;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import java.sql.Connection;
import org.apache.calcite.avatica.ConnectionPropertiesImpl;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.ShoalStatementInfos;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.apache.calcite.avatica.server.ServerCustomizer;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * {@code shoal coordinator}: the embedded coordinator behind Avatica's HTTP protocol, so thin
 * clients ({@code jdbc:shoal:remote:url=...}) query the federation without the planner. Users sign
 * in with HTTP BASIC against the users file; the signed-in name, not what the client claims,
 * becomes the principal every site sees.
 */
public final class CoordinatorServer implements AutoCloseable {
  private static final String ROLE = "shoal";
  /**
   * The signed-in user of the HTTP request this thread is handling, for the length of that request
   * only. It is request state, not query state: it is read once, when the request opens a
   * connection, and from then on the principal is a property of that connection, which every query
   * on it reads. A ThreadLocal because Avatica passes nothing of the HTTP request to the {@link
   * org.apache.calcite.avatica.remote.Service} or {@link Meta}; {@link SignedInUser} sets it from
   * Jetty's authenticated request, inside Avatica's BASIC security handler.
   */
  private static final ThreadLocal<String> REMOTE_USER = new ThreadLocal<>();

  private final HttpServer server;
  private final Path realm;

  private CoordinatorServer(HttpServer server, Path realm) {
    this.server = server;
    this.realm = realm;
  }

  /**
   * Starts serving. {@code host} is the address to bind; without a users file only a loopback
   * address is allowed, since anyone who reaches the port could otherwise read every site.
   */
  public static CoordinatorServer start(Path configFile, String host, int port) throws SQLException {
    CoordinatorConfig config = CoordinatorConfig.load(configFile);
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      throw new SQLException("Shoal: cannot resolve bind address '" + host + "'", SqlStates.SITE_UNREACHABLE);
    }
    if (config.usersFile() == null && !loopback) {
      throw new SQLException("Shoal: " + configFile + ": refusing to serve on " + host
          + " without authentication: add 'auth: { users-file: ./users }' (lines \"user password\")"
          + " or bind to 127.0.0.1", SqlStates.AUTH_FAILED);
    }
    String url = ShoalUrl.PREFIX + "config=" + configFile.toAbsolutePath();
    Path realm = config.usersFile() == null ? null : realm(config.usersFile());
    List<ServerCustomizer<Server>> customizers = new ArrayList<>(List.of(bindTo(host)));
    if (realm != null) {
      customizers.add(SignedInUser::install);
    }
    HttpServer.Builder<Server> b = HttpServer.Builder.<Server>newBuilder()
        .withHandler(new StatesService(new PrincipalMeta(url)), Serialization.PROTOBUF)
        .withPort(port)
        .withServerCustomizers(customizers, Server.class);
    if (realm != null) {
      // Avatica's impersonation callback is never called under BASIC (its BASIC configuration
      // says it supports none): every signed-in user reached the sites as the coordinator itself.
      b.withBasicAuthentication(realm.toString(), new String[] {ROLE});
    }
    HttpServer server = b.build();
    try {
      server.start();
    } catch (RuntimeException e) {
      // Transient: the input is fine, the port is taken (shoal coordinator exits 1, not 2).
      throw new java.sql.SQLTransientConnectionException("Shoal: cannot listen on " + host + ":"
          + port + ": " + Errors.message(e), SqlStates.SITE_UNREACHABLE, e);
    }
    return new CoordinatorServer(server, realm);
  }

  public int port() {
    return server.getPort();
  }

  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    server.stop();
    if (realm != null) {
      try {
        Files.deleteIfExists(realm);
      } catch (IOException ignored) {
        // a temp file; the OS cleans it up
      }
    }
  }

  /**
   * The service behind the HTTP handler: Avatica's own, except that every failure reaches the
   * client with its SQLState. Avatica's handler sends a state only for an
   * {@link AvaticaRuntimeException}, and JdbcMeta wraps the engine's SQLExceptions in plain
   * RuntimeExceptions; so each request's failure is mapped here, by the same {@link Errors} as the
   * embedded driver's, and sent as one. Avatica's protocol failures (an unknown connection, which
   * its client answers by reconnecting) go through unchanged.
   */
  static final class StatesService extends LocalService {
    StatesService(Meta meta) {
      super(meta);
    }

    private static <T> T stated(Supplier<T> request) {
      try {
        return request.get();
      } catch (AvaticaRuntimeException | NoSuchConnectionException e) {
        throw e;
      } catch (RuntimeException e) {
        SQLException out = Errors.translate(e);
        throw new AvaticaRuntimeException(out.getMessage(), out.getErrorCode(), out.getSQLState(),
            AvaticaSeverity.ERROR);
      }
    }

    @Override
    public ResultSetResponse apply(CatalogsRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ResultSetResponse apply(SchemasRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ResultSetResponse apply(TablesRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ResultSetResponse apply(TableTypesRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ResultSetResponse apply(TypeInfoRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ResultSetResponse apply(ColumnsRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public PrepareResponse apply(PrepareRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ExecuteResponse apply(ExecuteRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ExecuteResponse apply(PrepareAndExecuteRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public SyncResultsResponse apply(SyncResultsRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public FetchResponse apply(FetchRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public CreateStatementResponse apply(CreateStatementRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public CloseStatementResponse apply(CloseStatementRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public OpenConnectionResponse apply(OpenConnectionRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public CloseConnectionResponse apply(CloseConnectionRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ConnectionSyncResponse apply(ConnectionSyncRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public DatabasePropertyResponse apply(DatabasePropertyRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public CommitResponse apply(CommitRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public RollbackResponse apply(RollbackRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ExecuteBatchResponse apply(PrepareAndExecuteBatchRequest request) {
      return stated(() -> super.apply(request));
    }

    @Override
    public ExecuteBatchResponse apply(ExecuteBatchRequest request) {
      return stated(() -> super.apply(request));
    }
  }

  /**
   * Jetty's handler between Avatica's BASIC security handler and Avatica's own: it sees the request
   * once Jetty has checked the password, and hands its user to the connection the request opens.
   */
  static final class SignedInUser extends HandlerWrapper {
    /** Wraps the handler inside the server's security handler; refuses to serve without one. */
    static void install(Server server) {
      ConstraintSecurityHandler security = server.getChildHandlerByClass(ConstraintSecurityHandler.class);
      if (security == null) {
        throw new IllegalStateException("Avatica configured no security handler for BASIC sign-in:"
            + " refusing to serve without knowing who signed in");
      }
      SignedInUser user = new SignedInUser();
      user.setHandler(security.getHandler());
      security.setHandler(user);
    }

    @Override
    public void handle(String target, Request baseRequest, HttpServletRequest request,
        HttpServletResponse response) throws IOException, ServletException {
      REMOTE_USER.set(request.getRemoteUser());
      try {
        super.handle(target, baseRequest, request, response);
      } finally {
        REMOTE_USER.remove();
      }
    }
  }

  private static ServerCustomizer<Server> bindTo(String host) {
    return s -> {
      for (Connector c : s.getConnectors()) {
        if (c instanceof ServerConnector sc) {
          sc.setHost(host);
        }
      }
    };
  }

  /**
   * Jetty's realm format ({@code user: password, role}) from our users file ({@code user password}
   * per line, {@code #} comments), in a private temp file.
   */
  static Path realm(Path usersFile) throws SQLException {
    List<String> lines;
    try {
      lines = Files.readAllLines(usersFile);
    } catch (IOException e) {
      throw new SQLException("Shoal: cannot read users file " + usersFile + ": " + e.getMessage(),
          SqlStates.AUTH_FAILED);
    }
    List<String> out = new ArrayList<>();
    int n = 0;
    for (String line : lines) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] parts = l.split("\\s+", 2);
      if (parts.length != 2 || parts[0].contains(":") || parts[1].contains(",")) {
        throw new SQLException("Shoal: " + usersFile + ":" + n + ": expected 'user password'"
            + " (no ':' in the name, no ',' in the password)", SqlStates.AUTH_FAILED);
      }
      out.add(parts[0] + ": " + parts[1] + "," + ROLE);
    }
    if (out.isEmpty()) {
      throw new SQLException("Shoal: users file " + usersFile + " lists no users", SqlStates.AUTH_FAILED);
    }
    try {
      Path f = Files.createTempFile("shoal-realm-", ".properties");
      try {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      Files.write(f, out);
      f.toFile().deleteOnExit();
      return f;
    } catch (IOException e) {
      throw new SQLException("Shoal: cannot write the login realm: " + e.getMessage(), SqlStates.INTERNAL_ERROR);
    }
  }

  /**
   * Opens each client's connection with the signed-in user as principal, keeping only the
   * per-connection settings a client may choose; everything else the client sends (its URL
   * properties, a claimed user, the password) is dropped.
   */
  static final class PrincipalMeta extends JdbcMeta {
    PrincipalMeta(String url) throws SQLException {
      super(url, new Properties());
    }

    @Override
    public void openConnection(ConnectionHandle ch, Map<String, String> info) {
      Map<String, String> safe = new java.util.HashMap<>();
      if (info != null) {
        for (ShoalProperty p : new ShoalProperty[] {ShoalProperty.PARTIAL_RESULTS, ShoalProperty.QUERY_TIMEOUT}) {
          info.forEach((k, v) -> {
            if (k.equalsIgnoreCase(p.key())) {
              safe.put(p.key(), v);
            }
          });
        }
      }
      String user = REMOTE_USER.get();
      if (user != null) {
        safe.put(ShoalProperty.USER.key(), user);
      }
      super.openConnection(ch, safe);
    }

    /** A connection sync that names a statement to cancel (RemoteCancel) cancels it, else syncs. */
    @Override
    public ConnectionProperties connectionSync(ConnectionHandle ch, ConnectionProperties props) {
      int id = RemoteCancel.statementId(props.getCatalog());
      if (id < 0) {
        return super.connectionSync(ch, props);
      }
      try {
        Connection conn = getConnection(ch.id);
        StatementInfo info = getStatementCache().getIfPresent(id);
        // Only a statement of the asking connection: ids are sequential, connections are not.
        java.sql.Statement st = info == null ? null : ShoalStatementInfos.statement(info);
        if (st != null && st.getConnection() == conn) {
          st.cancel();
        }
        return new ConnectionPropertiesImpl(conn);
      } catch (SQLException e) {
        throw new RuntimeException(e);
      }
    }

    /*
     * Frame sizes. JDBC's fetch size 0 (the default, and what Spark sends) means "the driver
     * chooses"; Avatica's JdbcMeta reads a frame size of 0 as "zero rows, and the result is done".
     * So a PreparedStatement at fetch size 0 came back empty, and a Statement stopped after its
     * first frame of 100 rows. The client sends its fetch size as is, so we choose here, for every
     * client of this server.
     */

    @Override
    public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
        int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
      return super.prepareAndExecute(h, sql, maxRowCount, firstFrame(maxRowsInFirstFrame), callback);
    }

    @Override
    public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
        throws NoSuchStatementException {
      return super.execute(h, parameterValues, firstFrame(maxRowsInFirstFrame));
    }

    @Override
    public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
        throws NoSuchStatementException, MissingResultsException {
      return super.fetch(h, offset, fetchMaxRowCount > 0 ? fetchMaxRowCount : FRAME_ROWS);
    }

    /** -1 asks JdbcMeta for its default first frame (100 rows), and a frame that is not done. */
    private static int firstFrame(int requested) {
      return requested == 0 ? -1 : requested;
    }
  }

  /**
   * Rows per frame after the first when the client leaves the choice to us (fetch size 0): one
   * HTTP round trip per 1000 rows; a frame is built in memory at the coordinator.
   */
  static final int FRAME_ROWS = 1000;
}

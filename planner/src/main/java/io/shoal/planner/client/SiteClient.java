package io.shoal.planner.client;

import io.shoal.protocol.Json;
import io.shoal.protocol.ShoalHeaders;
import io.shoal.protocol.SiteActions;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.SqlStates;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.CallOptions;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightGrpcUtils;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;

/**
 * A Flight SQL connection to one site. Every call carries the bearer token (when set), the query
 * id and the principal as call headers; every failure becomes an SQLException naming the site.
 */
public final class SiteClient implements AutoCloseable {
  private final SiteEndpoint endpoint;
  private final String principal;
  private final BufferAllocator allocator;
  private final FlightClient client;
  private final FlightSqlClient sql;
  private final long connectTimeoutMillis;

  /**
   * @param allocator parent allocator; the client takes a child of it
   * @param trustedCerts PEM certificates for grpc+tls sites, or null for the JVM defaults
   */
  public SiteClient(
      SiteEndpoint endpoint,
      BufferAllocator allocator,
      String principal,
      InputStream trustedCerts,
      long connectTimeoutMillis) {
    this(endpoint, allocator, principal, trustedCerts, connectTimeoutMillis, SiteChannels.Options.DEFAULT);
  }

  /** As above, with the channel's keepalive (see {@link SiteChannels}). */
  public SiteClient(
      SiteEndpoint endpoint,
      BufferAllocator allocator,
      String principal,
      InputStream trustedCerts,
      long connectTimeoutMillis,
      SiteChannels.Options channel) {
    this.endpoint = endpoint;
    this.principal = principal;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.allocator = allocator.newChildAllocator("site-" + endpoint.name(), 0, Long.MAX_VALUE);
    try {
      this.client =
          FlightGrpcUtils.createFlightClient(this.allocator, SiteChannels.open(endpoint, trustedCerts, channel));
    } catch (RuntimeException e) {
      this.allocator.close();
      throw e;
    }
    this.sql = new FlightSqlClient(client);
  }

  public SiteEndpoint endpoint() {
    return endpoint;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  /** Asks the site for its tables, distribution, keys and policy ({@code shoal.site-info}). */
  public SiteInfo siteInfo() throws SQLException {
    try {
      Iterator<Result> results =
          client.doAction(new Action(SiteActions.SITE_INFO), options(null, connectTimeoutMillis));
      if (!results.hasNext()) {
        throw new SQLException(
            "site " + endpoint.name() + " (" + endpoint.uri() + ") returned no site info",
            SqlStates.SITE_UNREACHABLE);
      }
      byte[] body = results.next().getBody();
      while (results.hasNext()) {
        results.next();
      }
      return Json.fromBytes(body, SiteInfo.class);
    } catch (FlightRuntimeException e) {
      throw error(e, false);
    } catch (IllegalArgumentException e) {
      throw new SQLException(
          "site " + endpoint.name() + " sent unreadable site info: " + e.getMessage(),
          SqlStates.SITE_UNREACHABLE, e);
    }
  }

  /** The site's audit log as JSON lines ({@code shoal.audit}), oldest first. */
  public List<String> auditLines() throws SQLException {
    try {
      Iterator<Result> results =
          client.doAction(new Action(SiteActions.AUDIT), options(null, connectTimeoutMillis));
      List<String> lines = new ArrayList<>();
      while (results.hasNext()) {
        String text = new String(results.next().getBody(), java.nio.charset.StandardCharsets.UTF_8);
        text.lines().filter(l -> !l.isBlank()).forEach(lines::add);
      }
      return lines;
    } catch (FlightRuntimeException e) {
      throw error(e, false);
    }
  }

  /** Runs one statement: CommandStatementQuery, then the stream of its (first) endpoint. */
  public FlightStream execute(String query, String queryId) throws SQLException {
    FlightInfo info = plan(query, queryId);
    List<FlightEndpoint> eps = info.getEndpoints();
    if (eps.size() != 1) {
      throw new SQLException("site " + endpoint.name() + " answered with " + eps.size()
          + " endpoints; use plan()/stream() for several", SqlStates.INTERNAL_ERROR);
    }
    return stream(eps.get(0).getTicket(), queryId);
  }

  /** The tickets for a statement (usually one). */
  public FlightInfo plan(String query, String queryId) throws SQLException {
    try {
      return sql.execute(query, options(queryId, 0));
    } catch (FlightRuntimeException e) {
      throw error(e, false);
    }
  }

  public FlightStream stream(Ticket ticket, String queryId) throws SQLException {
    try {
      return sql.getStream(ticket, options(queryId, 0));
    } catch (FlightRuntimeException e) {
      throw error(e, false);
    }
  }

  /**
   * The ticket for a statement at a Shoal site, without asking for it: a Shoal site's statement
   * ticket is stateless — a {@code TicketStatementQuery} whose handle is the SQL text in UTF-8 (see
   * {@code SiteFlightProducer#getFlightInfoStatement}) — so the GetFlightInfo round trip, and the
   * site's second check of the fragment, can be skipped. The site checks the fragment when the
   * stream starts, and its errors arrive on the stream.
   */
  public static Ticket statementTicket(String query) {
    var ticket =
        org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery.newBuilder()
            .setStatementHandle(com.google.protobuf.ByteString.copyFromUtf8(query))
            .build();
    return new Ticket(com.google.protobuf.Any.pack(ticket).toByteArray());
  }

  /** Tickets of all endpoints of {@code info}. */
  public static List<Ticket> tickets(FlightInfo info) {
    List<Ticket> out = new ArrayList<>();
    for (FlightEndpoint ep : info.getEndpoints()) {
      out.add(ep.getTicket());
    }
    return out;
  }

  private CallOption[] options(String queryId, long timeoutMillis) {
    FlightCallHeaders h = new FlightCallHeaders();
    if (endpoint.token() != null && !endpoint.token().isEmpty()) {
      h.insert("authorization", "Bearer " + endpoint.token());
    }
    if (queryId != null) {
      h.insert(ShoalHeaders.QUERY_ID, queryId);
    }
    // A site believes a named principal only from an authenticated delegate; a site without
    // tokens serves its default principal and refuses the header, so it is sent with a token only.
    if (principal != null && endpoint.token() != null && !endpoint.token().isEmpty()) {
      h.insert(ShoalHeaders.PRINCIPAL, principal);
    }
    if (timeoutMillis > 0) {
      return new CallOption[] {
        new HeaderCallOption(h), CallOptions.timeout(timeoutMillis, TimeUnit.MILLISECONDS)
      };
    }
    return new CallOption[] {new HeaderCallOption(h)};
  }

  /**
   * Maps a Flight failure to the SQLState of DESIGN.md, naming the site.
   *
   * @param streaming whether rows had started to arrive (a lost connection is then 08006)
   */
  public SQLException error(FlightRuntimeException e, boolean streaming) {
    CallStatus status = e.status();
    String state;
    String tlsProblem = TlsErrors.describe(e);
    // get() of an absent key throws (NoSuchElementException): ask first.
    String carried = status.metadata() != null && status.metadata().containsKey(SITE_SQLSTATE)
        ? status.metadata().get(SITE_SQLSTATE)
        : null;
    switch (status.code()) {
      case UNAVAILABLE:
        // A failed keepalive means the site was there and stopped answering: the connection was lost.
        state = streaming || TlsErrors.keepaliveFailed(e) ? SqlStates.CONNECTION_LOST : SqlStates.SITE_UNREACHABLE;
        break;
      case RESOURCE_EXHAUSTED:
        state = carried != null ? carried : SqlStates.LIMIT_EXCEEDED;
        break;
      case UNAUTHENTICATED:
        state = SqlStates.AUTH_FAILED;
        break;
      case UNAUTHORIZED:
        state = SqlStates.POLICY_FORBIDS;
        break;
      case INVALID_ARGUMENT:
        state = SqlStates.SYNTAX_ERROR;
        break;
      case NOT_FOUND:
        state = SqlStates.UNKNOWN_TABLE;
        break;
      case CANCELLED:
        state = SqlStates.CANCELLED;
        break;
      case TIMED_OUT:
        state = SqlStates.TIMED_OUT;
        break;
      case UNIMPLEMENTED:
        state = SqlStates.FEATURE_NOT_SUPPORTED;
        break;
      default:
        state = SqlStates.INTERNAL_ERROR;
    }
    // The site chose its SQLState where the failure happened (e.g. 22018 for a failed cast, 0A000
    // for what DuckDB does not support): keep it, except for transport failures, which only this
    // side can tell apart.
    if (carried != null && carried.matches("[0-9A-Z]{5}") && status.code() != FlightStatusCode.UNAVAILABLE) {
      state = carried;
    }
    String desc = status.description() == null || status.description().isEmpty()
        ? status.code().name().toLowerCase()
        : status.description();
    if (tlsProblem != null) {
      return new SQLException("site " + endpoint.name() + " (" + endpoint.uri() + "): " + tlsProblem,
          SqlStates.SITE_UNREACHABLE, e);
    }
    // A site that answered with its own 08001 (its catalog or object store is unreachable) was
    // reached: its message says what it could not reach.
    boolean transport = carried == null || status.code() == FlightStatusCode.UNAVAILABLE;
    String what = state.equals(SqlStates.SITE_UNREACHABLE) && transport
        ? "is unreachable"
        : state.equals(SqlStates.CONNECTION_LOST) ? "lost the connection" : "failed";
    return new SQLException(
        "site " + endpoint.name() + " (" + endpoint.uri() + ") " + what + ": " + desc, state, e);
  }

  /** The trailer in which a Shoal site sends its SQLState (FlightErrors at the site). */
  static final String SITE_SQLSTATE = "x-shoal-sqlstate";

  @Override
  public void close() throws Exception {
    try {
      sql.close();
    } finally {
      allocator.close();
    }
  }
}

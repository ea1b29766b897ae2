package io.shoal.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.shoal.protocol.SiteInfo;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightEndpoint;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.PutResult;
import org.apache.arrow.flight.Result;
import org.apache.arrow.flight.SchemaResult;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.BasicFlightSqlProducer;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionClosePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementRequest;
import org.apache.arrow.flight.sql.impl.FlightSql.ActionCreatePreparedStatementResult;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetCrossReference;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetDbSchemas;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetExportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetImportedKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetPrimaryKeys;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetSqlInfo;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandGetTables;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow Flight SQL over one {@link Site}: each command in its own method, answered through the
 * Site API only. Statements and prepared statements (which the Flight SQL JDBC driver uses for
 * everything) are here; the stream of a run is {@link FragmentStreams}, who a call is for is
 * {@link Principals}, catalog metadata is {@link CatalogMetadata}, and Shoal's own actions are
 * {@link ShoalActions}. Results are DuckDB's Arrow batches passed on as they are, never converted
 * row by row.
 */
public final class SiteFlightProducer extends BasicFlightSqlProducer {
  private final Site site;
  private final BufferAllocator allocator;
  private final Principals principals;
  private final CatalogMetadata metadata;
  private final FragmentStreams streams;
  private final ShoalActions actions;
  private final PreparedStatements<Prepared> prepared;

  /** A prepared statement between CreatePreparedStatement and ClosePreparedStatement. */
  private static final class Prepared {
    final Site.Fragment fragment;
    final String sql;
    final Schema parameterSchema;
    volatile List<Object> parameters = Collections.emptyList();

    Prepared(Site.Fragment fragment, String sql, Schema parameterSchema) {
      this.fragment = fragment;
      this.sql = sql;
      this.parameterSchema = parameterSchema;
    }
  }

  public SiteFlightProducer(Site site, BufferAllocator allocator) {
    this(site, allocator, io.shoal.site.limits.SiteLimits.defaults());
  }

  /** A producer whose prepared statements and streams are bounded by {@code limits}. */
  public SiteFlightProducer(Site site, BufferAllocator allocator, io.shoal.site.limits.SiteLimits limits) {
    this.site = site;
    this.allocator = allocator.newChildAllocator("flight-producer", 0, Long.MAX_VALUE);
    SiteInfo info = site.info();
    this.prepared =
        new PreparedStatements<>(
            info.name(), limits.maxPreparedStatements(), limits.preparedIdleTimeout(), p -> p.fragment.close());
    this.principals = new Principals();
    this.metadata = new CatalogMetadata(site, info, this.allocator, principals);
    this.streams = new FragmentStreams(this.allocator, limits, info.name());
    this.actions = new ShoalActions(site, principals);
  }

  // ---------------------------------------------------------------------------------------------
  // Statements

  @Override
  public FlightInfo getFlightInfoStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    Site.FragmentContext fc = fragmentContext(context);
    long start = System.nanoTime();
    try (Site.Fragment fragment = site.prepare(command.getQuery(), fc);
        CallCancellation.Registration gone = CallCancellation.onCancel(fragment::cancel)) {
      Schema schema = CarriedTypes.require(fragment.resultSchema());
      // The ticket carries the SQL itself: nothing to remember or leak between the two calls.
      TicketStatementQuery ticket =
          TicketStatementQuery.newBuilder()
              .setStatementHandle(ByteString.copyFromUtf8(command.getQuery()))
              .build();
      return new FlightInfo(
          schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))), -1, -1);
    } catch (SiteException | RuntimeException e) {
      QueryLog.log(fc, command.getQuery(), 0, 0, start, e);
      throw FlightErrors.of(e);
    }
  }

  @Override
  public SchemaResult getSchemaStatement(
      CommandStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    try (Site.Fragment fragment = site.prepare(command.getQuery(), fragmentContext(context))) {
      return new SchemaResult(fragment.resultSchema());
    } catch (SiteException | RuntimeException e) {
      throw FlightErrors.of(e);
    }
  }

  @Override
  public void getStreamStatement(
      TicketStatementQuery ticket, CallContext context, ServerStreamListener listener) {
    Site.FragmentContext fc = fragmentContext(context);
    String sql = ticket.getStatementHandle().toString(StandardCharsets.UTF_8);
    long start = System.nanoTime();
    Site.Fragment fragment;
    try {
      fragment = site.prepare(sql, fc);
    } catch (SiteException | RuntimeException e) {
      QueryLog.log(fc, sql, 0, 0, start, e);
      listener.error(FlightErrors.of(e));
      return;
    }
    try (fragment) {
      stream(fragment, Collections.emptyList(), fc, sql, listener, start);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Prepared statements

  @Override
  public void createPreparedStatement(
      ActionCreatePreparedStatementRequest request, CallContext context, StreamListener<Result> listener) {
    Site.FragmentContext fc = fragmentContext(context);
    long start = System.nanoTime();
    Site.Fragment fragment = null;
    try {
      fragment = site.prepare(request.getQuery(), fc);
      Schema resultSchema;
      try (CallCancellation.Registration gone = CallCancellation.onCancel(fragment::cancel)) {
        resultSchema = CarriedTypes.require(fragment.resultSchema());
      }
      Schema parameterSchema = ArrowParameters.schemaOf(fragment);
      ByteString handle = prepared.add(fc.principal(), new Prepared(fragment, request.getQuery(), parameterSchema));
      ActionCreatePreparedStatementResult result =
          ActionCreatePreparedStatementResult.newBuilder()
              .setPreparedStatementHandle(handle)
              .setDatasetSchema(ByteString.copyFrom(resultSchema.serializeAsMessage()))
              .setParameterSchema(ByteString.copyFrom(parameterSchema.serializeAsMessage()))
              .build();
      listener.onNext(new Result(Any.pack(result).toByteArray()));
      listener.onCompleted();
    } catch (SiteException | RuntimeException e) {
      if (fragment != null) fragment.close();
      QueryLog.log(fc, request.getQuery(), 0, 0, start, e);
      listener.onError(FlightErrors.of(e));
    }
  }

  @Override
  public void closePreparedStatement(
      ActionClosePreparedStatementRequest request, CallContext context, StreamListener<Result> listener) {
    if (prepared.ownedBy(request.getPreparedStatementHandle(), principal(context))) {
      prepared.close(request.getPreparedStatementHandle());
    }
    listener.onCompleted(); // closing twice, after a restart, or someone else's handle: nothing to do
  }

  @Override
  public FlightInfo getFlightInfoPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    Prepared p = lookup(command.getPreparedStatementHandle(), context);
    try {
      Schema schema = p.fragment.resultSchema();
      return new FlightInfo(
          schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(command).toByteArray()))), -1, -1);
    } catch (SiteException | RuntimeException e) {
      throw FlightErrors.of(e);
    }
  }

  @Override
  public SchemaResult getSchemaPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, FlightDescriptor descriptor) {
    Prepared p = lookup(command.getPreparedStatementHandle(), context);
    try {
      return new SchemaResult(p.fragment.resultSchema());
    } catch (SiteException | RuntimeException e) {
      throw FlightErrors.of(e);
    }
  }

  @Override
  public void getStreamPreparedStatement(
      CommandPreparedStatementQuery command, CallContext context, ServerStreamListener listener) {
    Prepared p;
    PreparedStatements.Lease lease = prepared.lease(command.getPreparedStatementHandle());
    try {
      p = lookup(command.getPreparedStatementHandle(), context);
    } catch (RuntimeException e) {
      if (lease != null) lease.close();
      listener.error(e);
      return;
    }
    try {
      stream(p.fragment, p.parameters, fragmentContext(context), p.sql, listener, System.nanoTime());
    } finally {
      if (lease != null) lease.close();
    }
  }

  @Override
  public Runnable acceptPutPreparedStatementQuery(
      CommandPreparedStatementQuery command,
      CallContext context,
      FlightStream flightStream,
      StreamListener<PutResult> ackStream) {
    return () -> {
      try {
        Prepared p = lookup(command.getPreparedStatementHandle(), context);
        List<Object> values = Collections.emptyList();
        long rows = 0;
        while (flightStream.next()) {
          VectorSchemaRoot root = flightStream.getRoot();
          if (rows == 0 && root.getRowCount() > 0) values = ArrowParameters.row(root, 0);
          rows += root.getRowCount();
        }
        if (rows > 1) {
          throw CallStatus.INVALID_ARGUMENT
              .withDescription("a query takes one row of parameters, " + rows + " were sent")
              .toRuntimeException();
        }
        int expected = p.parameterSchema.getFields().size();
        if (rows == 1 && values.size() != expected) {
          throw CallStatus.INVALID_ARGUMENT
              .withDescription("the statement has " + expected + " parameter(s), " + values.size() + " were sent")
              .toRuntimeException();
        }
        p.parameters = values;
        ackStream.onCompleted();
      } catch (RuntimeException e) {
        ackStream.onError(FlightErrors.of(e));
      }
    };
  }

  private Prepared lookup(ByteString handle, CallContext context) {
    // Another principal's handle is as unknown as a closed one.
    Prepared p = prepared.ownedBy(handle, principal(context)) ? prepared.get(handle) : null;
    if (p == null) {
      throw CallStatus.INVALID_ARGUMENT
          .withDescription("unknown or closed prepared statement")
          .toRuntimeException();
    }
    return p;
  }

  /** Who the call is for (see {@link Principals}). */
  private Site.FragmentContext fragmentContext(CallContext context) {
    return principals.fragmentContext(context);
  }

  private String principal(CallContext context) {
    return principals.principal(context);
  }

  /** Which authenticated principals may act for the user they name (see {@link TokenAuth}). */
  public void allowDelegation(java.util.function.Predicate<String> mayDelegate) {
    principals.allowDelegation(mayDelegate);
  }

  private void stream(
      Site.Fragment fragment, List<Object> parameters, Site.FragmentContext fc, String sql,
      ServerStreamListener listener, long start) {
    streams.stream(fragment, parameters, fc, sql, listener, start);
  }

  // ---------------------------------------------------------------------------------------------
  // Metadata

  @Override
  protected <T extends Message> List<FlightEndpoint> determineEndpoints(
      T request, FlightDescriptor descriptor, Schema schema) {
    return List.of(new FlightEndpoint(new Ticket(Any.pack(request).toByteArray())));
  }

  @Override
  public void getStreamSqlInfo(CommandGetSqlInfo command, CallContext context, ServerStreamListener listener) {
    metadata.sqlInfo(command, listener);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    metadata.catalogs(listener);
  }

  @Override
  public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    metadata.schemas(command, listener);
  }

  @Override
  public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
    metadata.tables(command, context, listener);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    metadata.tableTypes(listener);
  }

  @Override
  public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    metadata.noKeys(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
    metadata.noKeys(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
    metadata.noKeys(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamCrossReference(CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
    metadata.noKeys(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    if (!actions.handle(context, action, listener)) super.doAction(context, action, listener);
  }

  @Override
  public void listActions(CallContext context, StreamListener<ActionType> listener) {
    FlightSqlUtils.FLIGHT_SQL_ACTIONS.forEach(listener::onNext);
    actions.list(listener);
    listener.onCompleted();
  }

  @Override
  public void close() {
    prepared.close();
    allocator.close();
  }
}

package io.shoal.flight;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Json;
import io.shoal.protocol.StreamMetadata;
import io.shoal.protocol.ShoalHeaders;
import io.shoal.protocol.SiteActions;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.arrow.flight.Action;
import org.apache.arrow.flight.ActionType;
import org.apache.arrow.flight.BackpressureStrategy;
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
import org.apache.arrow.flight.sql.FlightSqlColumnMetadata;
import org.apache.arrow.flight.sql.FlightSqlUtils;
import org.apache.arrow.flight.sql.SqlInfoBuilder;
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
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedCaseSensitivity;
import org.apache.arrow.flight.sql.impl.FlightSql.SqlSupportedTransaction;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arrow Flight SQL over one {@link Site}: statements, prepared statements (which the Flight SQL JDBC
 * driver uses for everything), catalog metadata and the {@code shoal.site-info} action. Results are
 * DuckDB's Arrow batches passed on as they are, never converted row by row.
 */
public final class SiteFlightProducer extends BasicFlightSqlProducer {
  private static final Logger LOG = LoggerFactory.getLogger(SiteFlightProducer.class);
  /** The one schema a site exposes; DuckDB's default, so clients can qualify names with it. */
  static final String SCHEMA = "main";

  private final Site site;
  private final BufferAllocator allocator;
  private final SqlInfoBuilder sqlInfo;
  private final PreparedStatements<Prepared> prepared;
  private final io.shoal.site.limits.SiteLimits limits;
  private final String siteName;

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
    this.limits = limits;
    this.allocator = allocator.newChildAllocator("flight-producer", 0, Long.MAX_VALUE);
    SiteInfo info = site.info();
    this.siteName = info.name();
    this.prepared =
        new PreparedStatements<>(
            info.name(), limits.maxPreparedStatements(), limits.preparedIdleTimeout(), p -> p.fragment.close());
    this.sqlInfo =
        new SqlInfoBuilder()
            .withFlightSqlServerName("Shoal site " + info.name())
            .withFlightSqlServerVersion(info.shoalVersion() == null ? "unknown" : info.shoalVersion())
            .withFlightSqlServerArrowVersion(arrowVersion())
            .withFlightSqlServerReadOnly(true)
            .withFlightSqlServerSql(true)
            .withFlightSqlServerSubstrait(false)
            .withFlightSqlServerTransaction(SqlSupportedTransaction.SQL_SUPPORTED_TRANSACTION_NONE)
            .withFlightSqlServerCancel(true)
            .withSqlIdentifierQuoteChar("\"")
            .withSqlSearchStringEscape("\\")
            .withSqlIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlQuotedIdentifierCase(SqlSupportedCaseSensitivity.SQL_CASE_SENSITIVITY_CASE_INSENSITIVE)
            .withSqlSchemaTerm("schema")
            .withSqlCatalogTerm("catalog")
            .withSqlDdlCatalog(false)
            .withSqlDdlSchema(false)
            .withSqlDdlTable(false)
            .withSqlTransactionsSupported(false)
            .withSqlBatchUpdatesSupported(false)
            .withSqlSupportsColumnAliasing(true)
            .withSqlNullPlusNullIsNull(true)
            .withSqlSupportsExpressionsInOrderBy(true)
            .withSqlSupportsLikeEscapeClause(true)
            .withSqlCorrelatedSubqueriesSupported(true)
            .withSqlAllTablesAreSelectable(true);
  }

  private static String arrowVersion() {
    String v = Schema.class.getPackage().getImplementationVersion();
    return v == null ? "18" : v;
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
      Schema schema = carried(fragment.resultSchema());
      // The ticket carries the SQL itself: nothing to remember or leak between the two calls.
      TicketStatementQuery ticket =
          TicketStatementQuery.newBuilder()
              .setStatementHandle(ByteString.copyFromUtf8(command.getQuery()))
              .build();
      return new FlightInfo(
          schema, descriptor, List.of(new FlightEndpoint(new Ticket(Any.pack(ticket).toByteArray()))), -1, -1);
    } catch (SiteException | RuntimeException e) {
      logQuery(fc, command.getQuery(), 0, 0, start, e);
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
      logQuery(fc, sql, 0, 0, start, e);
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
        resultSchema = carried(fragment.resultSchema());
      }
      Schema parameterSchema = Parameters.schemaOf(fragment);
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
      logQuery(fc, request.getQuery(), 0, 0, start, e);
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
          if (rows == 0 && root.getRowCount() > 0) values = Parameters.row(root, 0);
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

  /** The schema if every column can be carried faithfully, else INVALID_ARGUMENT naming the column. */
  private static Schema carried(Schema schema) {
    String problem = CarriedTypes.problem(schema);
    if (problem != null) {
      throw CallStatus.INVALID_ARGUMENT
          .withDescription(problem)
          .withMetadata(FlightErrors.sqlStateMetadata(io.shoal.protocol.SqlStates.FEATURE_NOT_SUPPORTED))
          .toRuntimeException();
    }
    return schema;
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

  // ---------------------------------------------------------------------------------------------
  // Streaming results

  /**
   * Runs a fragment and sends DuckDB's batches as they come. Logs one line, closes the run on every
   * path, and never throws: errors go to the client as a Flight status.
   */
  private void stream(
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
      carried(root.getSchema());
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
      logQuery(fc, sql, rows, bytes, start, failure);
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
      throws io.shoal.site.limits.LimitExceeded {
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
            throw new io.shoal.site.limits.LimitExceeded(
                io.shoal.site.limits.SiteLimits.STREAM_STALL_TIMEOUT, io.shoal.protocol.SqlStates.LIMIT_EXCEEDED,
                "site " + siteName + " stopped a stream its client did not read for "
                    + stallMillis + " ms (limit " + io.shoal.site.limits.SiteLimits.STREAM_STALL_TIMEOUT
                    + "); read results as they come or close the statement");
          }
          continue;
        default:
          return false;
      }
    }
  }

  private void logQuery(
      Site.FragmentContext fc, String sql, long rows, long bytes, long startNanos, Throwable failure) {
    long ms = (System.nanoTime() - startNanos) / 1_000_000;
    if (failure == null) {
      LOG.info("query {} principal={} rows={} bytes={} ms={} status=OK", fc.queryId(), fc.principal(), rows, bytes, ms);
    } else {
      String msg = FlightErrors.of(failure).status().description();
      LOG.info(
          "query {} principal={} rows={} bytes={} ms={} status={} error=\"{}\" sql=\"{}\"",
          fc.queryId(), fc.principal(), rows, bytes, ms, FlightErrors.statusWord(failure),
          oneLine(msg), oneLine(abbreviate(sql)));
    }
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }

  /** Query id and principal of a call: the token's principal wins over any header. */
  Site.FragmentContext fragmentContext(CallContext context) {
    CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
    String queryId = headers == null ? null : headers.get(ShoalHeaders.QUERY_ID);
    if (queryId == null || queryId.isBlank()) queryId = UUID.randomUUID().toString();
    return new Site.FragmentContext(queryId, principal(context));
  }

  /**
   * Who the call is for. With tokens, the token's principal, unless that principal is a delegating
   * coordinator and names its JDBC user in {@code x-shoal-principal}. Without tokens (loopback only)
   * the site serves one principal, its default: any local process could claim any name, so a call
   * that names one is refused rather than believed or silently ignored.
   */
  String principal(CallContext context) {
    CallHeadersMiddleware headers = context.getMiddleware(CallHeadersMiddleware.KEY);
    String asserted = headers == null ? null : headers.get(ShoalHeaders.PRINCIPAL);
    boolean hasAsserted = asserted != null && !asserted.isBlank();
    String peer = context.peerIdentity();
    if (peer != null && !peer.isEmpty()) {
      if (!hasAsserted || asserted.equals(peer)) return peer;
      if (mayDelegate.test(peer)) return asserted;
      throw CallStatus.UNAUTHENTICATED
          .withDescription("principal " + peer + " may not act for another user (x-shoal-principal):"
              + " only tokens marked 'delegate' in the site's tokens file may")
          .withMetadata(FlightErrors.sqlStateMetadata(io.shoal.protocol.SqlStates.AUTH_FAILED))
          .toRuntimeException();
    }
    if (hasAsserted && !asserted.equals(DEFAULT_PRINCIPAL)) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("this site has no authentication, so it serves only its default principal;"
              + " to act for user " + asserted + ", configure auth.tokens-file with a delegate token")
          .withMetadata(FlightErrors.sqlStateMetadata(io.shoal.protocol.SqlStates.AUTH_FAILED))
          .toRuntimeException();
    }
    return DEFAULT_PRINCIPAL;
  }

  /** The one principal of a site without authentication. */
  static final String DEFAULT_PRINCIPAL = "anonymous";

  private volatile java.util.function.Predicate<String> mayDelegate = p -> false;

  /** Which authenticated principals may act for the user they name (see {@link TokenAuth}). */
  public void allowDelegation(java.util.function.Predicate<String> mayDelegate) {
    this.mayDelegate = mayDelegate;
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
    sqlInfo.send(command.getInfoList(), listener);
  }

  @Override
  public void getStreamCatalogs(CallContext context, ServerStreamListener listener) {
    // No catalogs: tables are addressed as main.<table> or <table>, as in DuckDB.
    sendEmpty(Schemas.GET_CATALOGS_SCHEMA, listener);
  }

  @Override
  public void getStreamSchemas(CommandGetDbSchemas command, CallContext context, ServerStreamListener listener) {
    boolean match =
        catalogMatches(command.hasCatalog() ? command.getCatalog() : null)
            && like(command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null, SCHEMA);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator)) {
      if (match) {
        ((VarCharVector) root.getVector("db_schema_name")).setSafe(0, new Text(SCHEMA));
        root.getVector("catalog_name").setNull(0);
        root.setRowCount(1);
      }
      send(root, listener);
    }
  }

  @Override
  public void getStreamTables(CommandGetTables command, CallContext context, ServerStreamListener listener) {
    boolean withSchema = command.getIncludeSchema();
    Schema schema = withSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    boolean typeOk = command.getTableTypesCount() == 0 || command.getTableTypesList().stream().anyMatch("TABLE"::equalsIgnoreCase);
    boolean schemaOk =
        catalogMatches(command.hasCatalog() ? command.getCatalog() : null)
            && like(command.hasDbSchemaFilterPattern() ? command.getDbSchemaFilterPattern() : null, SCHEMA);
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      int row = 0;
      if (typeOk && schemaOk) {
        List<TableInfo> tables = new ArrayList<>(site.info(principal(context)).tables());
        tables.sort(Comparator.comparing(TableInfo::name));
        String pattern = command.hasTableNameFilterPattern() ? command.getTableNameFilterPattern() : null;
        for (TableInfo t : tables) {
          if (!like(pattern, t.name())) continue;
          root.getVector("catalog_name").setNull(row);
          ((VarCharVector) root.getVector("db_schema_name")).setSafe(row, new Text(SCHEMA));
          ((VarCharVector) root.getVector("table_name")).setSafe(row, new Text(t.name()));
          ((VarCharVector) root.getVector("table_type")).setSafe(row, new Text("TABLE"));
          if (withSchema) {
            byte[] bytes = describedSchema(t).serializeAsMessage();
            ((VarBinaryVector) root.getVector("table_schema")).setSafe(row, bytes);
          }
          row++;
        }
      }
      root.setRowCount(row);
      send(root, listener);
    } catch (SiteException | RuntimeException e) {
      listener.error(FlightErrors.of(e));
    }
  }

  /** The table's Arrow schema, each column annotated with its DuckDB type name for JDBC metadata. */
  private Schema describedSchema(TableInfo table) throws SiteException {
    Schema arrow = site.tableSchema(table.name());
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < arrow.getFields().size(); i++) {
      Field f = arrow.getFields().get(i);
      ColumnInfo col = i < table.columns().size() ? table.columns().get(i) : null;
      FlightSqlColumnMetadata.Builder md =
          new FlightSqlColumnMetadata.Builder().schemaName(SCHEMA).tableName(table.name()).isReadOnly(true);
      if (col != null && col.name().equalsIgnoreCase(f.getName())) md.typeName(col.type());
      fields.add(new Field(f.getName(), new org.apache.arrow.vector.types.pojo.FieldType(
          f.isNullable(), f.getType(), f.getDictionary(), md.build().getMetadataMap()), f.getChildren()));
    }
    return new Schema(fields);
  }

  @Override
  public void getStreamTableTypes(CallContext context, ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator)) {
      VarCharVector types = (VarCharVector) root.getVector("table_type");
      types.setSafe(0, new Text("TABLE"));
      types.setSafe(1, new Text("VIEW"));
      root.setRowCount(2);
      send(root, listener);
    }
  }

  // A site declares no keys: answer empty rather than UNIMPLEMENTED, which breaks metadata browsers.

  @Override
  public void getStreamPrimaryKeys(CommandGetPrimaryKeys command, CallContext context, ServerStreamListener listener) {
    sendEmpty(Schemas.GET_PRIMARY_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamExportedKeys(CommandGetExportedKeys command, CallContext context, ServerStreamListener listener) {
    sendEmpty(Schemas.GET_EXPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamImportedKeys(CommandGetImportedKeys command, CallContext context, ServerStreamListener listener) {
    sendEmpty(Schemas.GET_IMPORTED_KEYS_SCHEMA, listener);
  }

  @Override
  public void getStreamCrossReference(CommandGetCrossReference command, CallContext context, ServerStreamListener listener) {
    sendEmpty(Schemas.GET_CROSS_REFERENCE_SCHEMA, listener);
  }

  private void sendEmpty(Schema schema, ServerStreamListener listener) {
    try (VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator)) {
      root.setRowCount(0);
      send(root, listener);
    }
  }

  private static void send(VectorSchemaRoot root, ServerStreamListener listener) {
    listener.start(root);
    listener.putNext();
    listener.completed();
  }

  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty();
  }

  /** SQL LIKE with % and _ and backslash escapes; identifiers compare case-insensitively. */
  static boolean like(String pattern, String value) {
    if (pattern == null) return true;
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
        .matcher(value.toLowerCase(Locale.ROOT))
        .matches();
  }

  // ---------------------------------------------------------------------------------------------
  // Actions

  @Override
  public void doAction(CallContext context, Action action, StreamListener<Result> listener) {
    if (SiteActions.SITE_INFO.equals(action.getType())) {
      try {
        listener.onNext(new Result(Json.toBytes(site.info(principal(context)))));
        listener.onCompleted();
      } catch (RuntimeException e) {
        listener.onError(FlightErrors.of(e));
      }
      return;
    }
    if (SiteActions.AUDIT.equals(action.getType())) {
      doAudit(context, listener);
      return;
    }
    super.doAction(context, action, listener);
  }

  /**
   * The audit log as JSON lines: every line for the policy's audit readers, and only the lines of
   * their own fragments for anyone else (a line holds the fragment's text, and with it the literals
   * another user filtered on). The read is itself audited.
   */
  private void doAudit(CallContext context, StreamListener<Result> listener) {
    try {
      List<String> lines = site.auditFor(fragmentContext(context));
      StringBuilder chunk = new StringBuilder();
      int n = 0;
      for (String line : lines) {
        chunk.append(line).append('\n');
        if (++n == SiteActions.AUDIT_LINES_PER_RESULT) {
          listener.onNext(new Result(chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
          chunk.setLength(0);
          n = 0;
        }
      }
      if (n > 0) {
        listener.onNext(new Result(chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      }
      listener.onCompleted();
    } catch (Exception e) {
      listener.onError(FlightErrors.of(e));
    }
  }

  @Override
  public void listActions(CallContext context, StreamListener<ActionType> listener) {
    FlightSqlUtils.FLIGHT_SQL_ACTIONS.forEach(listener::onNext);
    listener.onNext(new ActionType(SiteActions.SITE_INFO, "the site's name, region, tables and policy as JSON"));
    listener.onNext(new ActionType(SiteActions.AUDIT, "the site's audit log as JSON lines"));
    listener.onCompleted();
  }

  @Override
  public void close() {
    prepared.close();
    allocator.close();
  }
}

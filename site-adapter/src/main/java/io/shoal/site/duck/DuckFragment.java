package io.shoal.site.duck;

import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import io.shoal.site.audit.AuditRecord;
import io.shoal.site.limits.DuckInterrupt;
import io.shoal.site.limits.FragmentLimits;
import io.shoal.site.limits.LimitExceeded;
import io.shoal.site.policy.Policy;
import io.shoal.site.policy.Verdict;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.QueryBinding;
import io.shoal.site.table.TableSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * A checked fragment on a DuckDB connection it holds alone until it closes. Per-fragment tables
 * (Iceberg) are bound as TEMP views of that connection, so concurrent fragments can read different
 * snapshots; the connection comes from the site's {@link ConnectionPool} and goes back to it when
 * the fragment ends cleanly, with its views and prepared statement, for the next fragment.
 */
final class DuckFragment implements Site.Fragment {

  /** Rows per Arrow batch; large batches keep per-batch overhead on the wire small. */
  static final long BATCH_ROWS = 64 * 1024;

  private final PooledConnection pooled;
  private final DuckDBConnection conn;
  private final FragmentServices services;
  private final ParsedFragment parsed;
  private final List<TableSource> reads;
  private final Site.FragmentContext context;
  private final Map<String, QueryBinding> bindings = new HashMap<>();
  private final Policy policy;
  private final long started = System.nanoTime();
  private Verdict verdict;
  /** Prepared lazily: a fragment whose schema is cached and that is never run needs no statement. */
  private PreparedStatement statement;
  private boolean bindingsFresh;
  /** Whether the TEMP views of the current bindings exist on {@link #conn}. */
  private boolean viewsCreated;
  private Schema schema;
  private volatile boolean cancelled;
  /** Why the site itself stopped the current run or probe (a limit, a stopping site), or null. */
  private volatile SiteException stopReason;
  /** Guards {@link #closed} against a cancel that arrives as (or after) the fragment closes. */
  private final Object lifecycle = new Object();
  private boolean closed;
  /** False once anything may have left the connection in a state the next fragment must not see. */
  private boolean reusable = true;
  /**
   * The last private release statement: closed with its TEMP tables when the fragment closes with
   * its connection idle (never from the stream's thread, which would race the connection's close
   * and deadlock inside DuckDB's JDBC locks), or with the connection when it is not pooled.
   */
  private PreparedStatement privateStatement;
  /**
   * Result sets of finished runs, closed by the fragment with its connection idle, for the same
   * reason: the stream's thread closes only its Arrow reader.
   */
  private final List<ResultSet> finishedResults = new ArrayList<>();
  /**
   * Runs whose stream is still open. A fragment closed under one interrupts it and leaves the
   * connection to the last run's close, so that one thread at a time closes DuckDB objects.
   */
  private int openRuns;

  DuckFragment(
      FragmentServices services,
      PooledConnection pooled,
      ParsedFragment parsed,
      List<TableSource> reads,
      Site.FragmentContext context,
      Policy policy)
      throws SiteException {
    this.services = services;
    this.pooled = pooled;
    this.conn = pooled.connection();
    this.parsed = parsed;
    this.reads = reads;
    this.context = context;
    this.policy = policy;
    try {
      bind();
      checkPolicy();
      // A fragment seen before with the same views is known to prepare; any other is prepared now,
      // so that its errors (unknown column, bad types) surface at prepare time as before.
      if (cachedSchema() == null) ensureStatement();
    } catch (SiteException | RuntimeException e) {
      releaseBindings();
      throw e;
    }
  }

  private void checkPolicy() throws SiteException {
    // Aggregates-only checks count rows (WHERE complements): they need the views.
    // Private plans type their aggregates on the views too.
    boolean readsData = parsed.tables().stream().anyMatch(t -> policy.export(t) == io.shoal.site.config.PolicyConfig.Export.AGGREGATES
        || policy.export(t) == io.shoal.site.config.PolicyConfig.Export.PRIVATE);
    if (readsData) ensureViews();
    try {
      verdict = services.policyCheck().check(conn, parsed, policy, this::prepareStatement);
    } catch (SiteException e) {
      if (e.kind() == SiteException.Kind.REFUSED) record("refused", 0, 0, 0, "refused", e.getMessage(), e.rule());
      throw e;
    }
  }

  /**
   * The key of this fragment's result schema: the SQL that runs and every view it reads. Null when
   * a table is read through a view registered at start-up (files whose schema may change).
   */
  private String schemaKey() {
    StringBuilder key = new StringBuilder(verdict.sql());
    for (TableSource t : reads) {
      QueryBinding b = bindings.get(t.name());
      if (b == null) return null;
      key.append('\u0000').append(t.name()).append('=').append(b.viewSql());
    }
    return AuditRecord.sha256(key.toString());
  }

  private Schema cachedSchema() {
    String key = schemaKey();
    return key == null ? null : services.schemaCache().get(key);
  }

  private void ensureViews() throws SiteException {
    if (viewsCreated) return;
    for (TableSource t : reads) {
      QueryBinding b = bindings.get(t.name());
      try {
        // No binding: the table is read through the view registered at start-up, so no TEMP view
        // (an earlier fragment's) may hide it.
        pooled.view(t.name(), b == null ? null : b.viewSql());
      } catch (SQLException e) {
        throw DuckErrors.classify(e, "table " + t.name());
      }
    }
    viewsCreated = true;
  }

  private void ensureStatement() throws SiteException {
    if (statement != null) return;
    ensureViews();
    statement = prepareStatement(verdict.sql());
  }

  private void releaseBindings() {
    bindings.values().forEach(QueryBinding::releaseCache);
  }

  /** One audit line for this fragment. */
  void record(String decision, long rows, long bytes, long suppressed, String status, String message) {
    record(decision, rows, bytes, suppressed, status, message, null);
  }

  void record(String decision, long rows, long bytes, long suppressed, String status, String message, String rule) {
    record(decision, rows, bytes, suppressed, status, message, rule, null);
  }

  void record(
      String decision, long rows, long bytes, long suppressed, String status, String message, String rule,
      java.math.BigDecimal epsilon) {
    Map<String, Long> tables = new java.util.TreeMap<>();
    for (TableSource t : reads) {
      QueryBinding b = bindings.get(t.name());
      tables.put(t.name(), b == null ? null : b.snapshotId());
    }
    services.audit().accept(
        new AuditRecord(
            java.time.Instant.now().toString(),
            services.site(),
            context.queryId(),
            context.principal(),
            parsed.sql(),
            AuditRecord.sha256(parsed.sql()),
            tables,
            rows,
            bytes,
            decision,
            suppressed,
            status,
            message,
            rule,
            (System.nanoTime() - started) / 1_000_000,
            storeBytes(),
            epsilon));
  }

  /** Bytes the current bindings fetched from object storage. */
  private long storeBytes() {
    long n = 0;
    for (QueryBinding b : bindings.values()) n += b.storeBytes();
    return n;
  }

  Verdict verdict() {
    return verdict;
  }

  /**
   * (Re)binds the per-fragment tables: each run reads the tables' current snapshots (or the memory
   * cache's copy of them). The TEMP views are created when something first needs them.
   */
  private void bind() throws SiteException {
    releaseBindings();
    bindings.clear();
    viewsCreated = false;
    for (TableSource t : reads) {
      var binding = t.bind(parsed);
      if (binding.isPresent()) bindings.put(t.name(), binding.get());
    }
    bindingsFresh = true;
  }

  /**
   * The statement for {@code sql} on this fragment's connection, checked and kept there: the policy
   * check reads a private fragment's columns from the very statement that then serves it.
   */
  private PreparedStatement prepareStatement(String sql) throws SiteException {
    PreparedStatement ps = pooled.statement(sql);
    if (ps != null) return ps; // prepared earlier over the same views, and checked then
    try {
      ps = conn.prepareStatement(sql);
    } catch (SQLException e) {
      throw DuckErrors.classify(e, "");
    }
    SiteException refused;
    try {
      int untyped = TypeProbes.untypedParameter(ps);
      String lossy = LossyTypes.problem(ps.getMetaData());
      refused = untyped > 0
          ? DuckErrors.untypedParameter(untyped)
          : lossy == null ? null : new SiteException(SiteException.Kind.INVALID_SQL, lossy);
    } catch (SQLException e) {
      refused = null; // no metadata: the Arrow schema checks at the Flight server still apply
    }
    if (refused != null) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // refusing anyway
      }
      throw refused;
    }
    pooled.keep(sql, ps);
    return ps;
  }

  ParsedFragment parsed() {
    return parsed;
  }

  Site.FragmentContext context() {
    return context;
  }

  /** The connection this fragment holds, for tests. */
  PooledConnection pooledConnection() {
    return pooled;
  }

  /** The pruning each Iceberg table got, for tests and the log. */
  Map<String, QueryBinding> bindings() {
    return Map.copyOf(bindings);
  }

  @Override
  public synchronized Schema resultSchema() throws SiteException {
    if (schema != null) return schema;
    Schema cached = cachedSchema();
    if (cached != null) {
      schema = cached;
      return schema;
    }
    ensureStatement();
    try (FragmentLimits.Watch watch = services.limits().watch(this::stop)) {
      schema = TypeProbes.resultSchema(conn, services.allocator(), verdict.sql(), statement, parameterCount());
      String key = schemaKey();
      if (key != null) {
        if (services.schemaCache().size() > 1024) services.schemaCache().clear();
        services.schemaCache().put(key, schema);
      }
      return schema;
    } catch (SQLException e) {
      if (stopReason != null) throw stopReason;
      throw DuckErrors.classify(e, "");
    } catch (java.io.IOException e) {
      throw new SiteException(SiteException.Kind.INTERNAL, "cannot read result schema: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Schema parameterSchema() throws SiteException {
    int n = parameterCount();
    if (n == 0) return new Schema(List.of());
    ensureStatement();
    try {
      return TypeProbes.parameterSchema(conn, services.allocator(), statement, n);
    } catch (SQLException e) {
      throw DuckErrors.classify(e, "parameter types");
    } catch (java.io.IOException e) {
      throw new SiteException(SiteException.Kind.INTERNAL, "cannot read parameter types: " + e.getMessage(), e);
    }
  }

  @Override
  public int parameterCount() {
    try {
      ensureStatement();
      return statement.getParameterMetaData().getParameterCount();
    } catch (SQLException | SiteException e) {
      return 0;
    }
  }

  @Override
  public FragmentRun run(List<Object> parameters) throws SiteException {
    if (!bindingsFresh && !bindings.isEmpty()) {
      bind();
      forgetStatement();
      checkPolicy();
    }
    bindingsFresh = false;
    ensureStatement();
    cancelled = false;
    int expected = parameterCount();
    if (parameters.size() != expected) {
      throw new SiteException(
          SiteException.Kind.INVALID_SQL,
          "the statement has " + expected + " parameter(s), " + parameters.size() + " given");
    }
    stopReason = null;
    closeFinishedResults();
    // From here until the run closes, the fragment holds a place under the site's limits.
    FragmentLimits.Watch watch = services.limits().admit(context.principal(), this::stop);
    boolean handedOver = false;
    String executing = verdict.sql();
    try {
      long suppressed = verdict.aggregates() ? suppressedGroups(parameters) : 0;
      java.math.BigDecimal epsilon = verdict.privatePlan() == null ? null : verdict.privatePlan().epsilon();
      if (verdict.global() && suppressed > 0) {
        // An aggregate without GROUP BY whose one group is too small: an empty answer would come
        // back as COUNT 0 or SUM NULL that a dashboard shows as a number. Refuse instead.
        SiteException refusal = new SiteException(SiteException.Kind.REFUSED,
            "policy of site " + services.site() + ": the aggregate covers fewer than min-group-size " + verdict.minGroupSize()
                + (verdict.restricted().isEmpty() ? "" : " of " + String.join(", ", verdict.restricted()))
                + "; it is refused rather than answered, since no answer would be accurate")
            .withRule("policy:min-group-size");
        record("refused", 0, 0, suppressed, "refused", refusal.getMessage(), refusal.rule());
        throw refusal;
      }
      io.shoal.site.privacy.PrivatePlan plan = verdict.privatePlan();
      PreparedStatement releaseStatement = null;
      ResultSet rs;
      if (plan != null) {
        boolean idle;
        synchronized (lifecycle) {
          idle = openRuns == 0;
        }
        if (idle) closePrivateStatement(); // else it goes with the connection

        suppressed = preparePrivately(plan, parameters);
        executing = plan.releaseSql();
        releaseStatement = conn.prepareStatement(executing);
        try {
          for (int i = 0; i < parameters.size(); i++) releaseStatement.setObject(i + 1, JdbcParameterValues.toJdbc(parameters.get(i)));
          rs = releaseStatement.executeQuery();
        } catch (SQLException e) {
          releaseStatement.close();
          throw e;
        }
      } else {
        for (int i = 0; i < parameters.size(); i++) statement.setObject(i + 1, JdbcParameterValues.toJdbc(parameters.get(i)));
        rs = statement.executeQuery();
      }
      if (releaseStatement != null) privateStatement = releaseStatement;
      long withheld = suppressed;
      CountingReader reader;
      try {
        reader =
            new CountingReader(
                (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(services.allocator(), BATCH_ROWS), services.allocator(),
                () -> stopReason);
      } catch (SQLException | RuntimeException e) {
        rs.close();
        throw e;
      }
      Map<String, Long> snapshots = new HashMap<>();
      bindings.forEach((t, b) -> { if (b.snapshotId() != null) snapshots.put(t, b.snapshotId()); });
      String decision = verdict.decision();
      synchronized (lifecycle) {
        openRuns++;
      }
      ResultSet result = rs;
      DuckFragmentRun started = new DuckFragmentRun(
          this::cancel, reader, snapshots, decision, withheld, storeBytes(), plan,
          run -> {
            watch.close();
            boolean last;
            synchronized (lifecycle) {
              openRuns--;
              // A run stopped before its end (an error mid-stream, a client that stopped reading)
              // may leave DuckDB mid-query: that connection is not handed on.
              if (!run.completed()) reusable = false;
              finishedResults.add(result);
              // Closed under this run: the fragment left the connection to the last run's close.
              last = closed && openRuns == 0;
            }
            if (last) {
              closeFinishedResults();
              services.pool().release(pooled, false);
            }
            SiteException stopped = stopReason;
            record(decision, run.rows(), run.bytes(), withheld,
                stopped instanceof LimitExceeded
                    ? "limit"
                    : run.cancelled() || stopped != null || !run.completed() ? "cancelled" : "ok",
                stopped == null ? null : stopped.getMessage(), null, epsilon);
          });
      handedOver = true;
      return started;
    } catch (SQLException e) {
      synchronized (lifecycle) {
        reusable = false;
      }
      SiteException stopped = stopReason;
      SiteException failure =
          stopped != null
              ? stopped
              : cancelled
                  ? new SiteException(SiteException.Kind.CANCELLED, "the query was cancelled", e)
                  : DuckErrors.classify(engineError(e, executing, parameters), "");
      record(verdict.decision(), 0, 0, 0,
          stopped instanceof LimitExceeded ? "limit" : cancelled ? "cancelled" : "error", failure.getMessage());
      throw failure;
    } finally {
      if (!handedOver) watch.close();
    }
  }

  /** DuckDB's own error where its JDBC driver lost it (see {@link LostErrors}), unless the site stopped the run. */
  private SQLException engineError(SQLException e, String sql, List<Object> parameters) {
    if (!DuckErrors.lostByTheDriver(e) || stopReason != null || cancelled) return e;
    SQLException real = LostErrors.recover(conn, sql, parameters);
    return real == null || stopReason != null || cancelled ? e : real;
  }

  /**
   * Spends the plan's epsilon and computes its noisy figures (see {@link
   * io.shoal.site.privacy.PrivatePlan}); returns the groups partition selection held back. A spent
   * budget refuses the run (audited), before DuckDB reads anything.
   */
  private long preparePrivately(io.shoal.site.privacy.PrivatePlan plan, List<Object> parameters)
      throws SiteException, SQLException {
    if (services.privateAnswers() == null) {
      throw new SiteException(SiteException.Kind.INTERNAL, "site " + services.site() + " cannot answer private tables here");
    }
    List<Object> jdbc = new ArrayList<>();
    for (Object p : parameters) jdbc.add(JdbcParameterValues.toJdbc(p));
    try {
      return services.privateAnswers().prepare(conn, plan, context.principal(), context.queryId(), jdbc).withheld();
    } catch (SiteException e) {
      if (e.kind() == SiteException.Kind.REFUSED) record("refused", 0, 0, 0, "refused", e.getMessage(), e.rule());
      throw e;
    }
  }

  /** The site stops this fragment's DuckDB work (a limit, a stopping site); the run fails with {@code why}. */
  private void stop(SiteException why) {
    stopReason = why;
    cancel();
  }

  @Override
  public void cancel() {
    synchronized (lifecycle) {
      // Once closed, the connection may serve another fragment: a late cancel must not reach it.
      if (closed) return;
      cancelled = true;
      reusable = false;
      // The connection's interrupt, not the statement's cancel: that one does nothing once
      // executeQuery has returned, and DuckDB computes a streaming result as it is fetched.
      DuckInterrupt.interrupt(conn, statement);
    }
  }

  private long suppressedGroups(List<Object> parameters) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(verdict.suppressedCountSql())) {
      for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, JdbcParameterValues.toJdbc(parameters.get(i)));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Closes the result sets of finished runs; only with no run open, from the thread that owns the connection. */
  private void closeFinishedResults() {
    List<ResultSet> done;
    synchronized (lifecycle) {
      if (openRuns > 0) return; // they go with the connection
      done = List.copyOf(finishedResults);
      finishedResults.clear();
    }
    for (ResultSet rs : done) {
      try {
        rs.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    }
  }

  private void closePrivateStatement() {
    if (privateStatement == null) return;
    try {
      privateStatement.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
    privateStatement = null;
  }

  /** Forgets the statement; the pooled connection keeps (and eventually closes) it. */
  private void forgetStatement() {
    statement = null;
  }

  @Override
  public synchronized void close() {
    boolean pool;
    boolean underRun;
    synchronized (lifecycle) {
      if (closed) return;
      closed = true;
      underRun = openRuns > 0;
      if (underRun) {
        // A client closed its statement under a running stream: stop that stream. Its close then
        // closes the connection, never this thread while the stream's may be inside DuckDB.
        cancelled = true;
        reusable = false;
        DuckInterrupt.interrupt(conn, statement);
      }
      pool = reusable && !underRun;
    }
    forgetStatement();
    releaseBindings(); // the bindings stay: a run closed later still audits their snapshot ids
    if (underRun) return;
    closeFinishedResults();
    if (pool && privateStatement != null) {
      closePrivateStatement();
      io.shoal.site.privacy.PrivateRelease.cleanUp(conn);
    }
    services.pool().release(pooled, pool);
  }
}

package org.apache.calcite.jdbc;

import io.shoal.planner.errors.TooComplex;
import io.shoal.planner.exec.QueryContext;
import io.shoal.planner.exec.QueryRun;
import io.shoal.planner.exec.Scatter;
import io.shoal.planner.system.QueryLog;
import io.shoal.planner.system.QueryRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.linq4j.Enumerable;

/**
 * Calcite's connection over a federation's schemas, where each execution of a plan becomes one
 * {@link QueryRun}: {@link #enumerable} makes it, with the execution's record in {@code
 * shoal.queries}, and hands it to the plan's generated code inside the data context ({@link
 * QueryContext}). Closing the connection closes the federation ({@link #attach}).
 */
public final class FederatedConnection extends CalciteConnectionImpl {
  private volatile Scatter scatter;
  private volatile AutoCloseable closeWith;

  FederatedConnection(Driver driver, AvaticaFactory factory, String url, Properties info,
      CalciteSchema rootSchema, JavaTypeFactory typeFactory) {
    super(driver, factory, url, info, rootSchema, typeFactory);
  }

  /**
   * Binds the connection to the federation whose sites its schemas are: runs fetch through
   * {@code scatter}, and {@code closeWith} closes with the connection. Called once, before use.
   */
  public void attach(Scatter scatter, AutoCloseable closeWith) {
    this.scatter = scatter;
    this.closeWith = closeWith;
  }

  @Override
  public <T> Enumerable<T> enumerable(Meta.StatementHandle handle,
      CalcitePrepare.CalciteSignature<T> signature, List<TypedValue> parameterValues)
      throws SQLException {
    Scatter s = scatter;
    if (s == null || signature.sql == null || signature.sql.isEmpty()) {
      // DatabaseMetaData's result sets (no SQL, no sites): not queries of shoal.queries.
      return super.enumerable(handle, signature, parameterValues);
    }
    AvaticaStatement statement = lookupStatement(handle);
    StatementRuns runs = statement instanceof StatementRuns.Holder h ? h.runs() : null;
    QueryRecord record = runs == null ? null : runs.takeStarted();
    if (record == null) {
      record = start(signature.sql);
    }
    QueryRun run;
    try {
      run = new QueryRun(s, record, getCancelFlag(handle));
    } catch (NoSuchStatementException e) {
      record.finish(QueryRun.describe(e));
      throw new SQLException("statement " + handle.id + " is closed", "HY010", e);
    }
    if (runs != null) {
      runs.ran(run);
    }
    try {
      return run.track(super.enumerable(handle, new RunSignature<>(signature, run), parameterValues));
    } catch (SQLException | RuntimeException | Error e) {
      record.finish(QueryRun.describe(e));
      throw e;
    }
  }

  /** Statement.execute(sql): the record starts before planning, so that its errors are kept too. */
  @Override
  protected Meta.ExecuteResult prepareAndExecuteInternal(AvaticaStatement statement, String sql,
      long maxRowCount) throws SQLException, NoSuchStatementException {
    QueryRecord record = null;
    if (scatter != null && statement instanceof StatementRuns.Holder h) {
      record = start(sql);
      h.runs().started(record);
    }
    try {
      return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    } catch (SQLException | RuntimeException | Error e) {
      if (record != null && !record.finished()) {
        record.finish(QueryRun.describe(e));
      }
      throw tooComplexOr(e);
    } finally {
      // A statement that ran no plan (none of Shoal's do) leaves no record open for a later one.
      QueryRecord left = statement instanceof StatementRuns.Holder h ? h.runs().takeStarted() : null;
      if (left != null && !left.finished()) {
        left.finish("ok");
      }
    }
  }

  @Override
  protected ResultSet executeQueryInternal(AvaticaStatement statement, Meta.Signature signature,
      Meta.Frame firstFrame, QueryState state, boolean isUpdate) throws SQLException {
    try {
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    } catch (SQLException | RuntimeException | Error e) {
      throw tooComplexOr(e);
    }
  }

  private QueryRecord start(String sql) {
    QueryRecord record = QueryLog.start(sql, scatter.principal());
    scatter.missingSiteWarnings().forEach(record::warn);
    return record;
  }

  /** A stack overflow or an oversized generated method becomes 54001; anything else is itself. */
  private static SQLException tooComplexOr(Throwable e) throws SQLException {
    Throwable t = TooComplex.orSelf(e);
    if (t instanceof SQLException sql) {
      throw sql;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    throw (Error) t;
  }

  @Override
  public void close() throws SQLException {
    try {
      super.close();
    } finally {
      AutoCloseable c = closeWith;
      closeWith = null;
      if (c != null) {
        try {
          c.close();
        } catch (Exception e) {
          throw new SQLException("closing the federation: " + e.getMessage(), "HY000", e);
        }
      }
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    Scatter s = scatter;
    return iface.isInstance(s) ? iface.cast(s) : super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(scatter) || super.isWrapperFor(iface);
  }

  /**
   * The plan's signature for one execution: the plan binds to the execution's {@link
   * QueryContext}. The signature Calcite prepared (and the plan cache keeps) is shared by every
   * execution; this one lives for one.
   */
  private static final class RunSignature<T> extends CalcitePrepare.CalciteSignature<T> {
    private final CalcitePrepare.CalciteSignature<T> prepared;
    private final QueryRun run;

    RunSignature(CalcitePrepare.CalciteSignature<T> prepared, QueryRun run) {
      super(prepared.sql, prepared.parameters, prepared.internalParameters, prepared.rowType,
          prepared.columns, prepared.cursorFactory, prepared.rootSchema,
          prepared.getCollationList(), -1, null, prepared.statementType);
      this.prepared = prepared;
      this.run = run;
    }

    @Override
    public Enumerable<T> enumerable(DataContext dataContext) {
      return prepared.enumerable(new QueryContext(dataContext, run));
    }
  }
}

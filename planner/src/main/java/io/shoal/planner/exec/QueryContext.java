package io.shoal.planner.exec;

import io.shoal.planner.errors.ShoalException;
import io.shoal.protocol.SqlStates;
import java.lang.reflect.Method;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.schema.SchemaPlus;

/**
 * The data context of one execution: Calcite's (parameter values, cancel flag, time) plus the
 * execution's {@link QueryRun}. The plan's generated code receives it as {@code root} and reaches
 * the run through {@link #RUN}.
 */
public final class QueryContext implements DataContext {
  /** {@link #run(DataContext)}, for generated code. */
  public static final Method RUN = Types.lookupMethod(QueryContext.class, "run", DataContext.class);

  private final DataContext calcite;
  private final QueryRun run;

  public QueryContext(DataContext calcite, QueryRun run) {
    this.calcite = calcite;
    this.run = run;
  }

  /** The run of the execution whose context {@code root} is. */
  public static QueryRun run(DataContext root) {
    if (root instanceof QueryContext q) {
      return q.run;
    }
    // Only a Shoal connection executes plans with site fragments; anything else is a bug.
    throw new ShoalException(SqlStates.INTERNAL_ERROR,
        "a plan that reads sites ran outside a Shoal connection's execution");
  }

  @Override
  public SchemaPlus getRootSchema() {
    return calcite.getRootSchema();
  }

  @Override
  public JavaTypeFactory getTypeFactory() {
    return calcite.getTypeFactory();
  }

  @Override
  public QueryProvider getQueryProvider() {
    return calcite.getQueryProvider();
  }

  @Override
  public Object get(String name) {
    return calcite.get(name);
  }
}

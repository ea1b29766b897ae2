package org.apache.calcite.jdbc;

import io.shoal.planner.exec.QueryRun;
import io.shoal.planner.system.QueryRecord;
import java.sql.SQLWarning;

/**
 * What a statement of a federation connection knows of its executions: the run of the latest one
 * (for {@code getWarnings()} and {@code unwrap(QueryRecord.class)}), and, between a
 * {@code Statement.execute(sql)} and its plan's first run, the record the execution started before
 * planning, so that planning time and planning errors are in {@code shoal.queries}.
 */
final class StatementRuns {
  /** A statement that has them. */
  interface Holder {
    StatementRuns runs();
  }

  private volatile QueryRun latest;
  private volatile QueryRecord started;

  QueryRun latest() {
    return latest;
  }

  void ran(QueryRun run) {
    latest = run;
  }

  void clear() {
    latest = null;
  }

  /** Hands over the record an execution started before planning (null: none). */
  QueryRecord takeStarted() {
    QueryRecord r = started;
    started = null;
    return r;
  }

  void started(QueryRecord record) {
    started = record;
  }

  /**
   * The warnings of a run (groups a site suppressed, sites left out under partialResults, noise
   * added). They arrive with the sites' batches, so they are complete once the rows have been read.
   */
  static SQLWarning warnings(QueryRun run) {
    return run == null ? null : run.record().warnings();
  }

  /** Whether {@code unwrap(iface)} answers the record of {@code run}. */
  static boolean unwrapsRecord(Class<?> iface, QueryRun run) {
    return iface == QueryRecord.class && run != null;
  }
}

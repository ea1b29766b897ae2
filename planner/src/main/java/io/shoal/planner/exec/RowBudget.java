package io.shoal.planner.exec;

/**
 * The rows a bare LIMIT (offset + fetch) needs from a group of fragments taken together: once that
 * many have arrived from them, the others stop. One object per LIMIT of the plan; its identity is
 * the group.
 */
public final class RowBudget {
  private final long rows;

  public RowBudget(long rows) {
    this.rows = rows;
  }

  public long rows() {
    return rows;
  }

  @Override
  public String toString() {
    return "stop after " + rows + " rows";
  }
}

package io.shoal.planner.exec;

import org.apache.calcite.DataContext;

/**
 * A fragment's SQL for its site. Without dynamic parameters it is one text; with them, each
 * execution renders it with that execution's values as literals of the parameters' types (the
 * dialect renders them, see {@code pushdown.FragmentStatement}).
 */
public interface FragmentSql {
  /** The SQL, with {@code ?} where a dynamic parameter goes (for EXPLAIN and the plan's key). */
  String text();

  /** The SQL to send for the execution whose context is {@code root}. */
  String bind(DataContext root);
}

package io.shoal.planner.exec;

import java.util.List;

/**
 * The distinct fragments of one plan, each with how many places of the plan read it: at run time
 * the first fragment bound starts them all, and the first reader of a shared one knows whether to
 * keep its rows for the others. Built once per plan, before it is implemented.
 */
public record FragmentPlan(List<PlannedFragment> fragments) {
  public FragmentPlan {
    fragments = List.copyOf(fragments);
  }
}

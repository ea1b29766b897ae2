package io.shoal.planner.plans;

import java.util.List;

/**
 * Whether the coordinator computes nothing but the gather, in the spirit of Trino's {@code
 * isFullyPushedDown()}: a query is fully pushed down when its EXPLAIN plan is exactly
 *
 * <ul>
 *   <li>one {@code SiteToEnumerableConverter} (one site's fragment is the whole answer), or
 *   <li>an {@code EnumerableUnion(all=[true])} whose inputs are all {@code
 *       SiteToEnumerableConverter}s (the sites' fragments, concatenated),
 * </ul>
 *
 * <p>and nothing else above them: no coordinator-side project or calc (not even a rename or a
 * cast), filter, join, aggregate, sort, limit or window. (Each converter's own inputs, printed
 * below it, are its fragment's plan.) Everything the query computes is then in the fragments'
 * SQL, which is where a regression that moves work to the coordinator shows.
 */
public final class FullyPushedDown {
  private static final String CONVERTER = "SiteToEnumerableConverter(";
  private static final String UNION_ALL = "EnumerableUnion(all=[true])";

  private FullyPushedDown() {}

  /** Whether the EXPLAIN text {@code plan} is fully pushed down (see the class comment). */
  public static boolean isFullyPushedDown(String plan) {
    List<String> lines = plan.strip().lines().toList();
    if (lines.get(0).startsWith(CONVERTER)) {
      return true; // every other line is its fragment's plan, indented below it
    }
    if (!lines.get(0).equals(UNION_ALL)) {
      return false;
    }
    for (String l : lines.subList(1, lines.size())) {
      // The union's inputs (indented by 2) are converters; deeper lines are their fragments.
      boolean input = l.startsWith("  ") && !l.startsWith("   ");
      if (input && !l.startsWith("  " + CONVERTER)) {
        return false;
      }
    }
    return true;
  }

  /** Fails, showing the plan, unless {@code plan} is fully pushed down. */
  public static void assertFullyPushedDown(String query, String plan) {
    if (!isFullyPushedDown(plan)) {
      throw new AssertionError("expected the coordinator to only gather the sites' fragments for "
          + query + ", but it plans:\n" + plan);
    }
  }

  /** Fails, showing the plan, when {@code plan} is fully pushed down. */
  public static void assertNotFullyPushedDown(String query, String plan) {
    if (isFullyPushedDown(plan)) {
      throw new AssertionError("expected work at the coordinator for " + query
          + ", but the sites' fragments are the whole plan:\n" + plan);
    }
  }
}

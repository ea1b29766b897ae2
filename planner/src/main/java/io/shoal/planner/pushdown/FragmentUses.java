package io.shoal.planner.pushdown;

import io.shoal.planner.exec.FragmentPlan;
import io.shoal.planner.exec.PlannedFragment;
import io.shoal.planner.exec.RowBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableCorrelate;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.Program;

/**
 * How the coordinator's final plan reads each site's fragment, decided from the plan's shape and
 * marked on its {@link SiteToEnumerableConverter}s before the plan is implemented:
 *
 * <ul>
 *   <li><b>spooled</b>: under the right side of a nested-loop join, a batched nested-loop join or a
 *       correlate, Calcite enumerates its input again for every outer row. Each enumeration used
 *       to send the fragment again: 15,001 fetches per site for a COUNT(*) over an OR join of
 *       orders and customer at TPC-H SF 0.01 (186 s). A spooled fragment is fetched once and its
 *       rows are replayed to every later enumeration.
 *   <li><b>row budget</b>: under a bare LIMIT (no ORDER BY) straight over the sites' union, the
 *       coordinator needs only offset + fetch rows from all the sites together; once that many
 *       have arrived every site's fragment stops (the site LIMIT alone lets each site send n:
 *       LIMIT 400000 over a per-site cross join moved 1,022,230 rows).
 * </ul>
 */
public final class FragmentUses {
  private FragmentUses() {}

  /** The program step that marks the final plan (returned unchanged otherwise). */
  public static Program program() {
    return (planner, rel, traits, materializations, lattices) -> {
      mark(rel);
      return rel;
    };
  }

  static void mark(RelNode root) {
    Map<SiteToEnumerableConverter, Integer> places = new IdentityHashMap<>();
    count(root, places);
    walk(root, false, places);
    plan(root, places);
  }

  /**
   * The plan's distinct fragments (same site, SQL, row format and LIMIT budget), each read from as
   * many places as paths from the root reach its converters: Calcite implements a shared subtree
   * once per parent, and TPC-H Q15 reads its view from two. Every converter gets its fragment and
   * the whole list, which the first fragment bound at run time starts.
   */
  private static void plan(RelNode root, Map<SiteToEnumerableConverter, Integer> places) {
    Map<PlannedFragment.Key, PlannedFragment> distinct = new LinkedHashMap<>();
    Map<SiteToEnumerableConverter, PlannedFragment.Key> keys = new IdentityHashMap<>();
    // In the order of a walk from the root, so the fragments start in the same order every time.
    List<SiteToEnumerableConverter> order = new ArrayList<>();
    inOrder(root, order, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    for (SiteToEnumerableConverter c : order) {
      int n = places.get(c);
      PlannedFragment f = c.describe();
      PlannedFragment.Key key = f.key(f.sql().text());
      keys.put(c, key);
      for (int i = 0; i < n; i++) {
        distinct.merge(key, f.withOneMoreUser(c.spool),
            (was, one) -> was.withOneMoreUser(c.spool));
      }
    }
    FragmentPlan plan = new FragmentPlan(new ArrayList<>(distinct.values()));
    keys.forEach((c, key) -> {
      c.planned = distinct.get(key);
      c.plan = plan;
    });
  }

  /** How many paths from the root reach each converter (a shared subtree is reached by several). */
  private static void count(RelNode rel, Map<SiteToEnumerableConverter, Integer> places) {
    if (rel instanceof SiteToEnumerableConverter c) {
      places.merge(c, 1, Integer::sum);
      return;
    }
    for (RelNode in : rel.getInputs()) {
      count(in, places);
    }
  }

  private static void inOrder(RelNode rel, List<SiteToEnumerableConverter> out,
      java.util.Set<SiteToEnumerableConverter> seen) {
    if (rel instanceof SiteToEnumerableConverter c) {
      if (seen.add(c)) out.add(c);
      return;
    }
    for (RelNode in : rel.getInputs()) {
      inOrder(in, out, seen);
    }
  }

  private static void walk(RelNode rel, boolean reread, Map<SiteToEnumerableConverter, Integer> places) {
    if (rel instanceof SiteToEnumerableConverter c) {
      // A fragment that reads the outer row (a correlation variable) differs per outer row: it
      // must run again for each one, so it is never spooled.
      if (reread && !correlated(c.getInput())) {
        c.spool = true;
      }
      return;
    }
    if (rel instanceof EnumerableLimit limit) {
      budget(limit, places);
    }
    List<RelNode> inputs = rel.getInputs();
    boolean loops = rel instanceof EnumerableNestedLoopJoin
        || rel instanceof EnumerableBatchNestedLoopJoin || rel instanceof EnumerableCorrelate;
    for (int i = 0; i < inputs.size(); i++) {
      // The right input of a loop is enumerated once per outer row (or batch of them).
      walk(inputs.get(i), reread || (loops && i == 1), places);
    }
  }

  /** A LIMIT over the sites' union (or one site) with literal bounds gives its fragments a budget. */
  private static void budget(EnumerableLimit limit, Map<SiteToEnumerableConverter, Integer> places) {
    Long fetch = literal(limit.fetch);
    Long offset = limit.offset == null ? Long.valueOf(0) : literal(limit.offset);
    if (fetch == null || offset == null) {
      return;
    }
    RelNode in = skipProjections(limit.getInput());
    // Exactly a plain UNION ALL: EnumerableMergeUnion (a subclass) merges the sites' top-N under an
    // ORDER BY, and needs every site's n rows.
    List<RelNode> branches = in.getClass() == EnumerableUnion.class && ((EnumerableUnion) in).all
        ? in.getInputs() : List.of(in);
    List<SiteToEnumerableConverter> fragments = new ArrayList<>();
    for (RelNode b : branches) {
      // Only where every row that arrives is a row the LIMIT counts: no filter, join or aggregate
      // between them; and a converter the plan reads elsewhere too keeps all its rows.
      if (!(skipProjections(b) instanceof SiteToEnumerableConverter c) || places.get(c) != 1) {
        return;
      }
      fragments.add(c);
    }
    RowBudget budget = new RowBudget(Math.addExact(fetch, offset));
    for (SiteToEnumerableConverter c : fragments) {
      c.budget = budget;
    }
  }

  private static boolean correlated(RelNode rel) {
    boolean[] found = {false};
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitCorrelVariable(RexCorrelVariable v) {
        found[0] = true;
        return v;
      }
    };
    rel.accept(finder);
    for (RelNode in : rel.getInputs()) {
      found[0] |= correlated(in);
    }
    return found[0] || !rel.getVariablesSet().isEmpty();
  }

  private static RelNode skipProjections(RelNode rel) {
    while (rel instanceof EnumerableCalc calc && calc.getProgram().getCondition() == null) {
      rel = calc.getInput();
    }
    return rel;
  }

  private static Long literal(RexNode n) {
    return n instanceof RexLiteral l ? l.getValueAs(Long.class) : null;
  }
}

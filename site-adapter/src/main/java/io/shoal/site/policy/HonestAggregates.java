package io.shoal.site.policy;

import io.shoal.site.SiteException;
import io.shoal.site.bound.Lineage;
import io.shoal.site.table.ParsedFragment;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The cheap channels out of an aggregates-only table, closed on what the binder resolved (the
 * fragment's {@link Lineage}), so that renames, CTEs and subqueries cannot hide them:
 *
 * <ul>
 *   <li>no conditional expression (CASE, IF, COALESCE, a comparison, a boolean cast, FILTER) and
 *       no parameter inside an aggregate argument: {@code sum(CASE WHEN id = 17 THEN amount END)}
 *       is one row's value with a group of thousands around it;
 *   <li>an identifying column (a key-domain column, a declared identifier or the privacy unit)
 *       is never compared with a constant in a filter or join, and never inside an aggregate
 *       argument other than COUNT: together these stop singling one person out by their id.
 * </ul>
 *
 * What remains (trackers over other columns, joins that repeat rows) is listed in the README;
 * {@code export: private} is the mode that bounds it.
 */
final class HonestAggregates {
  private HonestAggregates() {}

  static void check(
      ParsedFragment fragment,
      Policy policy,
      List<String> restricted,
      Map<String, Set<String>> keyColumns,
      BiFunction<String, String, SiteException> refused)
      throws SiteException {
    Lineage lineage = fragment.lineage();
    String tables = String.join(", ", restricted);
    if (lineage == null) throw refused.apply("aggregates-only", "the site could not trace what " + tables + "'s aggregates read");
    Set<String> identifying = new TreeSet<>();
    for (String t : restricted) {
      for (String c : keyColumns.getOrDefault(t, Set.of())) identifying.add(t + "." + c.toLowerCase(Locale.ROOT));
      for (String c : policy.identifiers(t)) identifying.add(t + "." + c);
    }
    for (Lineage.Aggregate a : lineage.aggregates()) {
      Lineage.Value v = a.arguments();
      if (v.conditional() || v.parameter()) {
        throw refused.apply("conditional-aggregate", tables + " may only be exported as aggregates:"
            + " conditional expressions (CASE, IF, COALESCE, comparisons, FILTER) and parameters are not allowed"
            + " inside aggregate arguments, because they can single out one row; filter with WHERE instead");
      }
      if (!a.function().equals("count") && !a.function().equals("count_star")) {
        Set<String> hit = new TreeSet<>(v.origins());
        hit.retainAll(identifying);
        if (!hit.isEmpty()) {
          throw refused.apply("identifier", "column " + columns(hit) + " identifies a row or person:"
              + " it may not be used inside an aggregate argument other than COUNT");
        }
      }
    }
    for (Lineage.Value f : lineage.filters()) {
      Set<String> hit = new TreeSet<>(f.pinned());
      hit.retainAll(identifying);
      if (!hit.isEmpty()) {
        throw refused.apply("identifier", "column " + columns(hit) + " identifies a row or person:"
            + " it may not be compared with a constant or parameter (by equality, range or IN)");
      }
    }
  }

  private static String columns(Set<String> qualified) {
    return String.join(", ", qualified);
  }
}

package io.shoal.planner.residency;

import io.shoal.planner.errors.ShoalException;
import io.shoal.planner.functions.DuckDbAggregates;
import io.shoal.planner.pushdown.SitePolicies;
import io.shoal.planner.pushdown.SiteTableScan;
import io.shoal.planner.pushdown.SiteToEnumerableConverter;
import io.shoal.protocol.FragmentFunctions;
import io.shoal.protocol.PolicySummary;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.SqlStates;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * The coordinator's residency check (DESIGN.md, path of a query, step 4): walks the final plan and
 * checks every fragment, the subtree below a {@link SiteToEnumerableConverter}, against the policy
 * its site published in {@code shoal.site-info} for this principal. A fragment that would use a
 * denied column, read a table the site does not export, or pull rows (rather than aggregates) of an
 * aggregates-only table fails the query before anything runs, with SQLState 42501 and a message
 * naming the table, the column or rule, and the region.
 *
 * <p>This is for early and clear errors only: the site checks every fragment again and its check
 * (which also enforces the minimum group size and the filter complement rule, both of which need
 * the data) is the final word.
 */
public final class ResidencyCheck {
  private ResidencyCheck() {}

  /**
   * The DuckDB name of an aggregate call, as the fragment will spell it: the shared allow-list
   * ({@link FragmentFunctions}) decides, so the coordinator refuses exactly what the site would.
   */
  static String duckDbName(AggregateCall call) {
    String name = call.getAggregation().getName().toLowerCase(Locale.ROOT);
    return switch (call.getAggregation().getKind()) {
      case SUM0 -> "sum";
      case COUNT -> "count";
      default -> name;
    };
  }

  /** The program step to run after the optimizer: checks the plan and returns it unchanged. */
  public static Program program() {
    return (planner, rel, traits, materializations, lattices) -> {
      check(rel);
      return rel;
    };
  }

  /** Throws a {@link ShoalException} (42501) for the first fragment the policies forbid. */
  public static void check(RelNode plan) {
    List<SiteToEnumerableConverter> fragments = new ArrayList<>();
    Set<String> holistic = new java.util.TreeSet<>();
    collect(plan, fragments, new HashSet<>(), holistic);
    for (SiteToEnumerableConverter f : fragments) {
      checkFragment(f, holistic);
    }
  }

  /**
   * The program step to run before the optimizer: refuses a DISTINCT aggregate other than COUNT
   * over rows of an aggregates-only table. The optimizer would split it into distinct keys grouped
   * at each site and an aggregate at the coordinator; the site's threshold keeps that safe, but the
   * answer would silently leave out the keys of small groups, and the site refuses the same
   * aggregate when it is sent whole. Refusing it here, with the site's words, gives one answer.
   */
  public static Program logicalProgram() {
    return (planner, rel, traits, materializations, lattices) -> {
      checkDistinctAggregates(rel, new HashSet<>());
      return rel;
    };
  }

  /**
   * Over a private table only COUNT, SUM and AVG are answered, as the user wrote them: the
   * optimizer would otherwise split STDDEV or VAR into sums that the sites answer with noise, and
   * the coordinator would return the square root of a noisy difference (often NaN).
   */
  private static void checkPrivateKind(Aggregate agg, AggregateCall call) {
    SqlKind kind = call.getAggregation().getKind();
    if (kind == SqlKind.COUNT || kind == SqlKind.SUM || kind == SqlKind.SUM0 || kind == SqlKind.AVG) {
      return;
    }
    List<SiteTableScan> below = new ArrayList<>();
    scans(agg, below);
    for (SiteTableScan scan : below) {
      SiteInfo info = SitePolicies.siteInfo(scan);
      PolicySummary policy = info == null ? null : info.policy();
      String t = scan.siteTable().info().name();
      if (policy != null && "private".equalsIgnoreCase(SitePolicies.export(policy, t))) {
        throw forbidden(scan.site(), call.getAggregation().getName().toUpperCase(Locale.ROOT)
            + " is not a differentially private aggregate (COUNT, SUM and AVG are): site " + scan.site()
            + " exports table " + t + " only as differentially private aggregates (export: private)");
      }
    }
  }

  private static void checkDistinctAggregates(RelNode node, Set<RelNode> seen) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof Aggregate agg) {
      for (AggregateCall call : agg.getAggCallList()) {
        checkPrivateKind(agg, call);
        if (!call.isDistinct() || call.getAggregation().getKind() == SqlKind.COUNT) {
          continue;
        }
        List<SiteTableScan> below = new ArrayList<>();
        scans(agg, below);
        for (SiteTableScan scan : below) {
          List<String> restricted = restrictedTables(scan.site(), List.of(scan));
          if (!restricted.isEmpty()) {
            String fn = call.getAggregation().getName().toUpperCase(Locale.ROOT);
            throw forbidden(scan.site(), fn + "(DISTINCT ...) can reveal single values; only COUNT(DISTINCT) is"
                + " allowed: site " + scan.site() + " exports " + String.join(", ", restricted) + " as aggregates only");
          }
        }
      }
    }
    for (RelNode in : node.getInputs()) {
      checkDistinctAggregates(in, seen);
    }
  }

  /** Which of these scans of one site read aggregates-only tables, by the site's published policy. */
  private static List<String> restrictedTables(String site, List<SiteTableScan> scans) {
    List<String> out = new ArrayList<>();
    if (scans.isEmpty()) {
      return out;
    }
    SiteInfo info = SitePolicies.siteInfo(scans.get(0));
    PolicySummary policy = info == null ? null : info.policy();
    if (policy == null) {
      return out;
    }
    for (SiteTableScan s : scans) {
      String t = s.siteTable().info().name();
      String export = SitePolicies.export(policy, t);
      if (("aggregates".equalsIgnoreCase(export) || "private".equalsIgnoreCase(export)) && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** The fragments, and the aggregates at the coordinator that need every value of a group. */
  private static void collect(RelNode node, List<SiteToEnumerableConverter> out, Set<RelNode> seen,
      Set<String> holistic) {
    if (!seen.add(node)) {
      return;
    }
    if (node instanceof SiteToEnumerableConverter c) {
      out.add(c);
      return;
    }
    if (node instanceof Aggregate agg) {
      for (AggregateCall call : agg.getAggCallList()) {
        if (call.getAggregation() instanceof DuckDbAggregates.Holistic) {
          holistic.add(call.getAggregation().getName().toUpperCase(Locale.ROOT));
        }
      }
    }
    for (RelNode in : node.getInputs()) {
      collect(in, out, seen, holistic);
    }
  }

  /** A column of a table read by the fragment. */
  record Origin(String table, String column) {}

  private static void checkFragment(SiteToEnumerableConverter converter, Set<String> holistic) {
    String site = converter.site();
    RelNode fragment = converter.getInput();
    List<SiteTableScan> scans = new ArrayList<>();
    scans(fragment, scans);
    if (scans.isEmpty()) {
      return;
    }
    SiteInfo info = SitePolicies.siteInfo(scans.get(0));
    PolicySummary policy = info == null ? null : info.policy();
    if (policy == null) {
      return; // unrestricted (or unknown: the site decides alone)
    }
    String where = "site " + site + (info.region() == null ? "" : " (" + info.region() + ")");

    Set<String> tables = new TreeSet<>();
    for (SiteTableScan s : scans) {
      tables.add(s.siteTable().info().name());
    }
    List<String> restricted = new ArrayList<>();
    List<String> privateTables = new ArrayList<>();
    for (String t : tables) {
      String export = SitePolicies.export(policy, t);
      if ("none".equalsIgnoreCase(export)) {
        throw forbidden(site, "table " + t + " of " + where
            + " is not exported to anyone outside the region (policy export: none)");
      }
      if ("aggregates".equalsIgnoreCase(export)) {
        restricted.add(t);
      }
      if ("private".equalsIgnoreCase(export)) {
        restricted.add(t);
        privateTables.add(t);
      }
    }

    Analysis a = new Analysis();
    List<Set<Origin>> out = a.origins(fragment);
    Set<Origin> touched = new LinkedHashSet<>(a.used);
    out.forEach(touched::addAll);
    for (Origin o : touched) {
      if (denied(policy, o.table(), o.column())) {
        throw forbidden(site, "column " + o.column() + " of table " + o.table() + " at " + where
            + " is denied by its residency policy: it may not leave the region nor be used in"
            + " the output, filters, joins, grouping, ordering or aggregate arguments");
      }
    }
    if (restricted.isEmpty()) {
      return;
    }
    String names = String.join(", ", restricted);
    String rule = !privateTables.isEmpty()
        ? where + " exports table " + String.join(", ", privateTables) + " only as differentially private aggregates"
            + " (export: private)"
        : where + " exports table" + (restricted.size() == 1 ? " " : "s ") + names
            + " as aggregates only (min-group-size " + policy.minGroupSize() + ")";
    RelNode top = fragment;
    while (top instanceof Project || top instanceof Filter || top instanceof Sort
        || top instanceof Calc) {
      top = top.getInput(0);
    }
    if (!(top instanceof Aggregate)) {
      // Issue 16: say why, when it is an aggregate that cannot run as a part per site.
      String why = holistic.isEmpty() ? "" : String.join(", ", holistic)
          + " does not split into a part per site (it needs every value of its group in one"
          + " place), so ";
      throw forbidden(site, why + "the query would pull rows of " + names + " out of region "
          + region(info) + ": " + rule + "; aggregate them (GROUP BY with COUNT, SUM or AVG)"
          + " so that the aggregation runs at the site");
    }
    String construct = forbiddenConstruct(fragment);
    if (construct != null) {
      throw forbidden(site, construct + ": " + rule);
    }
    if (!privateTables.isEmpty()) {
      checkPrivateAggregates(site, (Aggregate) top, rule);
    }
  }

  /**
   * A private table answers COUNT, SUM and AVG (the coordinator's split of them included, FILTER
   * too), each without DISTINCT, grouped by plain columns; anything else is refused here, before
   * any site runs it or spends budget on it.
   */
  private static void checkPrivateAggregates(String site, Aggregate aggregate, String rule) {
    if (aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      throw forbidden(site, "ROLLUP, CUBE and GROUPING SETS are not answered: " + rule);
    }
    for (org.apache.calcite.rel.core.AggregateCall call : aggregate.getAggCallList()) {
      org.apache.calcite.sql.SqlKind kind = call.getAggregation().getKind();
      boolean allowed = kind == org.apache.calcite.sql.SqlKind.COUNT || kind == org.apache.calcite.sql.SqlKind.SUM
          || kind == org.apache.calcite.sql.SqlKind.SUM0 || kind == org.apache.calcite.sql.SqlKind.AVG;
      if (!allowed || call.isDistinct() || !call.collation.getFieldCollations().isEmpty()) {
        throw forbidden(site, call.getAggregation().getName()
            + (call.isDistinct() ? "(DISTINCT ...)" : "")
            + " is not a differentially private aggregate (COUNT, SUM and AVG are): " + rule);
      }
    }
  }



  /** A construct that can reveal single rows or values of an aggregates-only table, or null. */
  private static String forbiddenConstruct(RelNode node) {
    if (node instanceof Aggregate agg) {
      for (AggregateCall call : agg.getAggCallList()) {
        String fn = call.getAggregation().getName().toUpperCase(Locale.ROOT);
        if (!FragmentFunctions.summarises(duckDbName(call))) {
          return fn + " reveals single values";
        }
        if (call.isDistinct() && call.getAggregation().getKind() != SqlKind.COUNT) {
          return fn + "(DISTINCT ...) can reveal single values; only COUNT(DISTINCT) is allowed";
        }
      }
    }
    if (node instanceof Window) {
      return "window functions are not allowed";
    }
    if (node instanceof SetOp) {
      return "UNION, INTERSECT and EXCEPT are not allowed";
    }
    for (RelNode in : node.getInputs()) {
      String f = forbiddenConstruct(in);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static String region(SiteInfo info) {
    return info.region() == null ? info.name() : info.region();
  }



  static boolean denied(PolicySummary p, String table, String column) {
    PolicySummary.TablePolicy t = SitePolicies.tablePolicy(p, table);
    if (t == null || t.deniedColumns() == null) {
      return false;
    }
    for (String c : t.deniedColumns()) {
      if (c.equalsIgnoreCase(column)) {
        return true;
      }
    }
    return false;
  }

  private static ShoalException forbidden(String site, String message) {
    String text = "residency: " + message;
    return new ShoalException(SqlStates.POLICY_FORBIDS, site, text,
        new SQLException(text, SqlStates.POLICY_FORBIDS));
  }

  private static void scans(RelNode node, List<SiteTableScan> out) {
    if (node instanceof SiteTableScan s) {
      out.add(s);
    }
    for (RelNode in : node.getInputs()) {
      scans(in, out);
    }
  }



  /**
   * Which table columns each output field of a subtree comes from, and which table columns its
   * expressions use (filters, join conditions, grouping, ordering, aggregate arguments). Unknown
   * operators are treated conservatively: every output may come from every input column.
   */
  static final class Analysis {
    final Set<Origin> used = new LinkedHashSet<>();

    List<Set<Origin>> origins(RelNode node) {
      if (node instanceof TableScan scan) {
        List<Set<Origin>> out = new ArrayList<>();
        String table = scan instanceof SiteTableScan s ? s.siteTable().info().name()
            : String.join(".", scan.getTable().getQualifiedName());
        for (String f : scan.getRowType().getFieldNames()) {
          out.add(Set.of(new Origin(table, f)));
        }
        return out;
      }
      if (node instanceof Values) {
        List<Set<Origin>> out = new ArrayList<>();
        node.getRowType().getFieldList().forEach(f -> out.add(Set.of()));
        return out;
      }
      List<Set<Origin>> in = new ArrayList<>();
      List<List<Set<Origin>>> perInput = new ArrayList<>();
      for (RelNode i : node.getInputs()) {
        List<Set<Origin>> o = origins(i);
        perInput.add(o);
        in.addAll(o);
      }
      if (node instanceof Project p) {
        List<Set<Origin>> out = new ArrayList<>();
        for (RexNode e : p.getProjects()) {
          out.add(refs(e, in));
        }
        return out;
      }
      if (node instanceof Calc c) {
        var program = c.getProgram();
        if (program.getCondition() != null) {
          used.addAll(refs(program.expandLocalRef(program.getCondition()), in));
        }
        List<Set<Origin>> out = new ArrayList<>();
        for (var ref : program.getProjectList()) {
          out.add(refs(program.expandLocalRef(ref), in));
        }
        return out;
      }
      if (node instanceof Filter f) {
        used.addAll(refs(f.getCondition(), in));
        return in;
      }
      if (node instanceof Sort s) {
        for (RelFieldCollation fc : s.getCollation().getFieldCollations()) {
          used.addAll(in.get(fc.getFieldIndex()));
        }
        if (s.offset != null) {
          used.addAll(refs(s.offset, in));
        }
        if (s.fetch != null) {
          used.addAll(refs(s.fetch, in));
        }
        return in;
      }
      if (node instanceof Join j) {
        used.addAll(refs(j.getCondition(), in));
        return j.getJoinType().projectsRight() ? in : perInput.get(0);
      }
      if (node instanceof Aggregate a) {
        List<Set<Origin>> out = new ArrayList<>();
        for (int k : a.getGroupSet()) {
          used.addAll(in.get(k));
          out.add(in.get(k));
        }
        for (AggregateCall call : a.getAggCallList()) {
          Set<Origin> args = new LinkedHashSet<>();
          for (int k : call.getArgList()) {
            args.addAll(in.get(k));
          }
          if (call.filterArg >= 0) {
            used.addAll(in.get(call.filterArg));
          }
          for (RelFieldCollation fc : call.getCollation().getFieldCollations()) {
            used.addAll(in.get(fc.getFieldIndex()));
          }
          used.addAll(args);
          out.add(args);
        }
        // GROUPING() / $g columns of grouping sets: derived from the group keys.
        while (out.size() < a.getRowType().getFieldCount()) {
          out.add(Set.of());
        }
        return out;
      }
      if (node instanceof SetOp) {
        List<Set<Origin>> out = new ArrayList<>();
        for (int k = 0; k < node.getRowType().getFieldCount(); k++) {
          Set<Origin> s = new LinkedHashSet<>();
          for (List<Set<Origin>> branch : perInput) {
            if (k < branch.size()) {
              s.addAll(branch.get(k));
            }
          }
          out.add(s);
        }
        return out;
      }
      // Anything else (windows, correlates, ...): every output may depend on every input column.
      Set<Origin> all = new LinkedHashSet<>();
      in.forEach(all::addAll);
      used.addAll(all);
      List<Set<Origin>> out = new ArrayList<>();
      node.getRowType().getFieldList().forEach(f -> out.add(all));
      return out;
    }

    private static Set<Origin> refs(RexNode e, List<Set<Origin>> in) {
      Set<Origin> out = new LinkedHashSet<>();
      e.accept(new RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          if (ref.getIndex() < in.size()) {
            out.addAll(in.get(ref.getIndex()));
          }
          return ref;
        }
      });
      return out;
    }
  }
}

package io.shoal.planner.plans;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A golden plan file in the spirit of Calcite's Quidem {@code .iq} scripts. Lines starting with
 * {@code #} are comments; a case is a query (one or more lines, the last ending with {@code ;}),
 * then its expected EXPLAIN plan, then the line {@code !plan}, then optionally {@code
 * !fully-pushed} or {@code !not-fully-pushed} (see {@link FullyPushedDown}). A case is named by the
 * last comment line before it of the form {@code # name: title}.
 *
 * <pre>
 * # c01: filter and project on one partitioned table
 * SELECT c_custkey, c_name FROM customer WHERE c_custkey &lt; 20;
 * EnumerableUnion(all=[true])
 *   SiteToEnumerableConverter(site=[eu], sql=[SELECT ...])
 *   ...
 * !plan
 * !fully-pushed
 * </pre>
 *
 * <p>Everything but the plans is kept as written when the file is {@link #render rendered} again,
 * so regenerating a file changes nothing but plans.
 */
final class PlanScript {
  static final String PLAN = "!plan";
  static final String FULLY_PUSHED = "!fully-pushed";
  static final String NOT_FULLY_PUSHED = "!not-fully-pushed";
  private static final Pattern NAME = Pattern.compile("^#\\s*([\\w.-]+):");

  /** What the file says about one query; {@code line} is where its SQL starts (1-based). */
  static final class Case {
    final String name;
    final int line;
    final String sql;
    final List<String> sqlLines;
    String plan;
    final List<String> assertions;

    Case(String name, int line, List<String> sqlLines, String plan, List<String> assertions) {
      this.name = name;
      this.line = line;
      this.sqlLines = sqlLines;
      String text = String.join("\n", sqlLines).strip();
      this.sql = text.substring(0, text.length() - 1).strip(); // without the ';'
      this.plan = plan;
      this.assertions = assertions;
    }
  }

  /** A comment or blank line, or a case, in file order. */
  private final List<Object> items = new ArrayList<>();

  private PlanScript() {}

  static PlanScript parse(String file, String text) {
    PlanScript s = new PlanScript();
    List<String> lines = text.lines().toList();
    String name = null;
    int i = 0;
    while (i < lines.size()) {
      String l = lines.get(i);
      if (l.isBlank() || l.startsWith("#")) {
        Matcher m = NAME.matcher(l);
        if (m.find()) {
          name = m.group(1);
        }
        s.items.add(l);
        i++;
        continue;
      }
      if (l.startsWith("!")) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + l + " without a query");
      }
      int start = i;
      List<String> sql = new ArrayList<>();
      while (i < lines.size() && !lines.get(i).strip().endsWith(";")) {
        sql.add(lines.get(i++));
      }
      if (i == lines.size()) {
        throw new IllegalArgumentException(file + ":" + (start + 1) + ": query without ';'");
      }
      sql.add(lines.get(i++));
      List<String> plan = new ArrayList<>();
      while (i < lines.size() && !lines.get(i).equals(PLAN)) {
        String p = lines.get(i++);
        if (p.isBlank() || p.startsWith("#")) {
          throw new IllegalArgumentException(
              file + ":" + i + ": the plan of the query at line " + (start + 1) + " has no !plan");
        }
        plan.add(p);
      }
      if (i == lines.size()) {
        throw new IllegalArgumentException(file + ":" + (start + 1) + ": query without !plan");
      }
      i++;
      List<String> assertions = new ArrayList<>();
      while (i < lines.size()
          && (lines.get(i).equals(FULLY_PUSHED) || lines.get(i).equals(NOT_FULLY_PUSHED))) {
        assertions.add(lines.get(i++));
      }
      String caseName = name == null ? "line " + (start + 1) : name;
      s.items.add(new Case(caseName, start + 1, sql, String.join("\n", plan), assertions));
      name = null;
    }
    return s;
  }

  List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof Case c) {
        out.add(c);
      }
    }
    return out;
  }

  /** The file's text with each case's current plan. */
  String render() {
    StringBuilder b = new StringBuilder();
    for (Object o : items) {
      if (o instanceof Case c) {
        c.sqlLines.forEach(l -> b.append(l).append('\n'));
        if (!c.plan.isEmpty()) {
          b.append(c.plan).append('\n');
        }
        b.append(PLAN).append('\n');
        c.assertions.forEach(a -> b.append(a).append('\n'));
      } else {
        b.append(o).append('\n');
      }
    }
    return b.toString();
  }
}

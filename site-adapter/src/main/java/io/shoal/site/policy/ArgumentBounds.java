package io.shoal.site.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The range a SUM or AVG argument over a private table can take for one row, by interval
 * arithmetic on DuckDB's syntax tree from the {@code bounds:} of the columns it reads.
 *
 * <p>Privacy never rests on this being tight, nor even right: the site clamps every row's argument
 * to the range found here before summing, so a wrong range costs accuracy, not privacy. What it
 * must do is refuse what it cannot bound (a column without bounds, a parameter used as a value, a
 * function it does not know), because there the clamp would have no range to use.
 */
final class ArgumentBounds {

  /** A closed range of values. */
  record Range(BigDecimal lower, BigDecimal upper) {
    static Range of(BigDecimal a, BigDecimal b) {
      return a.compareTo(b) <= 0 ? new Range(a, b) : new Range(b, a);
    }

    Range hull(Range o) {
      return new Range(lower.min(o.lower), upper.max(o.upper));
    }

    BigDecimal magnitude() {
      return lower.abs().max(upper.abs());
    }
  }

  /** Why an argument has no range: the message of the refusal. */
  static final class Unbounded extends Exception {
    Unbounded(String why) {
      super(why, null, false, false);
    }
  }

  /** Functions that skip NULL arguments rather than return NULL. */
  private static final Set<String> NULL_SKIPPING = Set.of("coalesce", "ifnull", "nvl", "least", "greatest");

  private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

  private final Map<String, Range> columns;

  /** @param columns the table's {@code bounds:} by lower-cased column name */
  ArgumentBounds(Map<String, Range> columns) {
    this.columns = columns;
  }

  /** The range of {@code expression}, or why it has none. NULL literals have no range of their own. */
  Range of(JsonNode expression) throws Unbounded {
    Optional<Range> r = range(expression);
    if (r.isEmpty()) throw new Unbounded("the argument is always NULL");
    return r.get();
  }

  private Optional<Range> range(JsonNode e) throws Unbounded {
    String cls = e.path("class").asText("");
    switch (cls) {
      case "COLUMN_REF": {
        JsonNode names = e.path("column_names");
        String column = names.get(names.size() - 1).asText().toLowerCase(Locale.ROOT);
        Range r = columns.get(column);
        if (r == null) throw new Unbounded("column " + column + " has no bounds");
        return Optional.of(r);
      }
      case "CONSTANT": {
        JsonNode literal = e.path("literal");
        String kind = literal.path("kind").asText("");
        if (kind.startsWith("NULL") || literal.path("is_null").asBoolean(false)) return Optional.empty();
        if (kind.equals("STRING")) throw new Unbounded("the constant '" + literal.path("text").asText() + "' is not a number");
        try {
          BigDecimal v = new BigDecimal(literal.path("text").asText());
          return Optional.of(new Range(v, v));
        } catch (NumberFormatException notANumber) {
          throw new Unbounded("the constant " + literal.path("text").asText() + " is not a number");
        }
      }
      case "CAST":
        return range(e.path("child")).map(r -> integral(e.path("type_expr")) ? widenToIntegers(r) : r);
      case "COMPARISON":
      case "CONJUNCTION":
        return Optional.of(new Range(BigDecimal.ZERO, BigDecimal.ONE)); // a boolean sums as 0 or 1
      case "CASE": {
        Optional<Range> out = Optional.empty();
        for (JsonNode check : e.path("case_checks")) out = hull(out, range(check.path("then_expr")));
        JsonNode otherwise = e.path("else_expr");
        if (otherwise.isObject()) out = hull(out, range(otherwise));
        return out;
      }
      case "FUNCTION":
        return function(e.path("function_name").asText("").toLowerCase(Locale.ROOT), arguments(e));
      case "PARAMETER":
        throw new Unbounded("a parameter used as a value has no bounds");
      default:
        throw new Unbounded(cls.toLowerCase(Locale.ROOT) + " expressions cannot be bounded");
    }
  }

  private List<JsonNode> arguments(JsonNode function) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : function.path("arguments")) out.add(a.has("expression") ? a.path("expression") : a);
    return out;
  }

  private Optional<Range> function(String name, List<JsonNode> args) throws Unbounded {
    List<Range> in = new ArrayList<>();
    for (JsonNode a : args) {
      Optional<Range> r = range(a);
      if (r.isEmpty()) {
        // NULL in arithmetic gives NULL; in coalesce/least/greatest it is skipped
        if (NULL_SKIPPING.contains(name)) continue;
        return Optional.empty();
      }
      in.add(r.get());
    }
    if (in.isEmpty()) return Optional.empty();
    Range a = in.get(0);
    switch (name) {
      case "+":
        return Optional.of(in.size() == 1 ? a : new Range(a.lower.add(in.get(1).lower), a.upper.add(in.get(1).upper)));
      case "-":
        return Optional.of(in.size() == 1
            ? new Range(a.upper.negate(), a.lower.negate())
            : new Range(a.lower.subtract(in.get(1).upper), a.upper.subtract(in.get(1).lower)));
      case "*":
        return Optional.of(products(a, in.get(1)));
      case "/": {
        Range b = in.get(1);
        if (b.lower.signum() <= 0 && b.upper.signum() >= 0) throw new Unbounded("a divisor that can be 0 has no bounds");
        Range inverse = Range.of(BigDecimal.ONE.divide(b.lower, PRECISION), BigDecimal.ONE.divide(b.upper, PRECISION));
        return Optional.of(products(a, inverse));
      }
      case "abs":
        if (a.lower.signum() >= 0) return Optional.of(a);
        if (a.upper.signum() <= 0) return Optional.of(new Range(a.upper.negate(), a.lower.negate()));
        return Optional.of(new Range(BigDecimal.ZERO, a.magnitude()));
      case "round", "floor", "ceil", "ceiling", "trunc":
        return Optional.of(widenToIntegers(a));
      case "coalesce", "ifnull", "nvl", "least", "greatest": {
        Range out = a;
        for (Range r : in) out = out.hull(r);
        return Optional.of(out);
      }
      case "nullif":
        return Optional.of(a);
      default:
        throw new Unbounded("the function " + name + " cannot be bounded");
    }
  }

  private static Range products(Range a, Range b) {
    BigDecimal[] p = {
      a.lower.multiply(b.lower), a.lower.multiply(b.upper), a.upper.multiply(b.lower), a.upper.multiply(b.upper)
    };
    BigDecimal lo = p[0];
    BigDecimal hi = p[0];
    for (BigDecimal v : p) {
      lo = lo.min(v);
      hi = hi.max(v);
    }
    return new Range(lo, hi);
  }

  private static Range widenToIntegers(Range r) {
    return new Range(r.lower.setScale(0, RoundingMode.FLOOR), r.upper.setScale(0, RoundingMode.CEILING));
  }

  private static boolean integral(JsonNode type) {
    String name = type.path("type_name").asText("").toUpperCase(Locale.ROOT);
    return name.contains("INT");
  }

  private static Optional<Range> hull(Optional<Range> a, Optional<Range> b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return Optional.of(a.get().hull(b.get()));
  }
}

package io.shoal.site.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Builds an Iceberg scan filter from a fragment's DuckDB syntax tree, CONSERVATIVELY: a wrong filter
 * drops files and so gives wrong results, a missing one only reads more. Only top-level AND-ed
 * comparisons between a column of this table and a constant of a matching kind in the WHERE of the
 * outermost SELECT whose FROM is this table alone are used; everything else becomes alwaysTrue.
 */
final class IcebergPredicates {

  private static final DateTimeFormatter STRICT_DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

  private IcebergPredicates() {}

  /**
   * The filter for {@code tableName} in {@code statement}, with column names of {@code
   * snapshotSchema} (the scan binds against the pinned snapshot's schema). {@code currentSchema}
   * resolves the names the SQL uses (the view exposes the current names).
   */
  static Expression fromFragment(
      JsonNode statement, String tableName, Schema currentSchema, Schema snapshotSchema) {
    if (statement == null) {
      return Expressions.alwaysTrue();
    }
    // The fragment's connection defines ONE view for this table, shared by every reference to it:
    // pruning for the outer WHERE would also starve a subquery or self-join reading the table.
    if (countReferences(statement, tableName) != 1) {
      return Expressions.alwaysTrue();
    }
    JsonNode node = statement.path("node");
    if (!"SELECT_NODE".equals(node.path("type").asText())) {
      return Expressions.alwaysTrue(); // set operations etc.: not worth the risk
    }
    for (JsonNode cte : node.path("cte_map").path("map")) {
      if (cte.path("key").asText().equalsIgnoreCase(tableName)) {
        return Expressions.alwaysTrue(); // the FROM name would mean the CTE, not the table
      }
    }
    JsonNode from = node.path("from_table");
    if (!"BASE_TABLE".equals(from.path("type").asText())
        || !from.path("table_name").asText().equalsIgnoreCase(tableName)
        || !from.path("schema_name").asText("").isEmpty()
        || !from.path("catalog_name").asText("").isEmpty()
        || !isNull(from.path("sample"))
        || !isNull(node.path("sample"))
        || !isNull(from.path("at_clause"))) {
      return Expressions.alwaysTrue();
    }
    String alias = from.path("alias").asText("");
    String qualifier = alias.isEmpty() ? from.path("table_name").asText() : alias;
    // DuckDB lets WHERE use select-list aliases: a name that is also an alias is ambiguous to us.
    Set<String> selectAliases = new HashSet<>();
    for (JsonNode item : node.path("select_list")) {
      String a = item.path("alias").asText("");
      if (!a.isEmpty()) {
        selectAliases.add(a.toLowerCase(Locale.ROOT));
      }
    }
    JsonNode where = node.path("where_clause");
    if (isNull(where)) {
      return Expressions.alwaysTrue();
    }
    Context ctx = new Context(qualifier, selectAliases, currentSchema, snapshotSchema);
    List<JsonNode> conjuncts = new ArrayList<>();
    flattenAnd(where, conjuncts);
    Expression result = Expressions.alwaysTrue();
    for (JsonNode conjunct : conjuncts) {
      Expression e;
      try {
        e = ctx.convert(conjunct);
      } catch (RuntimeException ex) {
        e = null; // anything unexpected in the tree: do not prune on it
      }
      if (e != null) {
        result = Expressions.and(result, e);
      }
    }
    return result;
  }

  /** How often the tree names {@code tableName} as a base table, anywhere (CTEs, subqueries). */
  static int countReferences(JsonNode n, String tableName) {
    int count = 0;
    if (n.isObject()) {
      if ("BASE_TABLE".equals(n.path("type").asText())
          && n.path("table_name").asText().equalsIgnoreCase(tableName)) {
        count++;
      }
      for (JsonNode child : n) {
        count += countReferences(child, tableName);
      }
    } else if (n.isArray()) {
      for (JsonNode child : n) {
        count += countReferences(child, tableName);
      }
    }
    return count;
  }

  private static boolean isNull(JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull();
  }

  private static void flattenAnd(JsonNode e, List<JsonNode> out) {
    if ("CONJUNCTION_AND".equals(e.path("type").asText())) {
      for (JsonNode child : e.path("children")) {
        flattenAnd(child, out);
      }
    } else {
      out.add(e);
    }
  }

  /** A constant of the SQL, by the kind DuckDB gave it. */
  private enum Kind {
    INTEGER,
    NUMERIC,
    STRING,
    BOOLEAN,
    DATE,
    TIMESTAMP
  }

  private record Const(Kind kind, Object value) {}

  private record Column(String snapshotName, Type type) {}

  private static final class Context {
    private final String qualifier;
    private final Set<String> selectAliases;
    private final Schema current;
    private final Schema snapshot;

    Context(String qualifier, Set<String> selectAliases, Schema current, Schema snapshot) {
      this.qualifier = qualifier;
      this.selectAliases = selectAliases;
      this.current = current;
      this.snapshot = snapshot;
    }

    /** The predicate for one conjunct, or null when it must not be used for pruning. */
    Expression convert(JsonNode e) {
      String type = e.path("type").asText();
      switch (type) {
        case "COMPARE_EQUAL":
        case "COMPARE_LESSTHAN":
        case "COMPARE_LESSTHANOREQUALTO":
        case "COMPARE_GREATERTHAN":
        case "COMPARE_GREATERTHANOREQUALTO":
          return comparison(type, e.path("left"), e.path("right"));
        case "COMPARE_IN":
          return in(e.path("children"));
        case "COMPARE_BETWEEN":
          {
            // x BETWEEN a AND b is x >= a AND x <= b; either half alone is still safe.
            Expression lower =
                comparison("COMPARE_GREATERTHANOREQUALTO", e.path("input"), e.path("lower"));
            Expression upper =
                comparison("COMPARE_LESSTHANOREQUALTO", e.path("input"), e.path("upper"));
            if (lower == null) {
              return upper;
            }
            return upper == null ? lower : Expressions.and(lower, upper);
          }
        case "OPERATOR_IS_NULL":
        case "OPERATOR_IS_NOT_NULL":
          {
            JsonNode children = e.path("children");
            if (children.size() != 1) {
              return null;
            }
            Column c = column(children.get(0));
            if (c == null) {
              return null;
            }
            return type.equals("OPERATOR_IS_NULL")
                ? Expressions.isNull(c.snapshotName())
                : Expressions.notNull(c.snapshotName());
          }
        default:
          return null;
      }
    }

    private Expression comparison(String op, JsonNode left, JsonNode right) {
      Column c = column(left);
      JsonNode constNode = right;
      if (c == null) {
        c = column(right);
        constNode = left;
        op = flip(op);
      }
      if (c == null) {
        return null;
      }
      Object v = value(constant(constNode), c.type());
      if (v == null) {
        return null;
      }
      String n = c.snapshotName();
      switch (op) {
        case "COMPARE_EQUAL":
          return Expressions.equal(n, v);
        case "COMPARE_LESSTHAN":
          return Expressions.lessThan(n, v);
        case "COMPARE_LESSTHANOREQUALTO":
          return Expressions.lessThanOrEqual(n, v);
        case "COMPARE_GREATERTHAN":
          return Expressions.greaterThan(n, v);
        case "COMPARE_GREATERTHANOREQUALTO":
          return Expressions.greaterThanOrEqual(n, v);
        default:
          return null;
      }
    }

    private Expression in(JsonNode children) {
      if (children.size() < 2) {
        return null;
      }
      Column c = column(children.get(0));
      if (c == null) {
        return null;
      }
      List<Object> values = new ArrayList<>();
      for (int i = 1; i < children.size(); i++) {
        Object v = value(constant(children.get(i)), c.type());
        if (v == null) {
          return null;
        }
        values.add(v);
      }
      return Expressions.in(c.snapshotName(), values);
    }

    private static String flip(String op) {
      switch (op) {
        case "COMPARE_LESSTHAN":
          return "COMPARE_GREATERTHAN";
        case "COMPARE_LESSTHANOREQUALTO":
          return "COMPARE_GREATERTHANOREQUALTO";
        case "COMPARE_GREATERTHAN":
          return "COMPARE_LESSTHAN";
        case "COMPARE_GREATERTHANOREQUALTO":
          return "COMPARE_LESSTHANOREQUALTO";
        default:
          return op;
      }
    }

    /** A top-level primitive column of this table, named as in the pinned snapshot, or null. */
    private Column column(JsonNode e) {
      if (!"COLUMN_REF".equals(e.path("type").asText())) {
        return null;
      }
      JsonNode names = e.path("column_names");
      String name;
      if (names.size() == 1) {
        name = names.get(0).asText();
      } else if (names.size() == 2 && names.get(0).asText().equalsIgnoreCase(qualifier)) {
        name = names.get(1).asText();
      } else {
        return null;
      }
      if (names.size() == 1 && selectAliases.contains(name.toLowerCase(Locale.ROOT))) {
        return null;
      }
      Types.NestedField field = null;
      for (Types.NestedField f : current.columns()) {
        if (f.name().equalsIgnoreCase(name)) {
          if (field != null) {
            return null; // two columns differing only in case: ambiguous
          }
          field = f;
        }
      }
      if (field == null || !field.type().isPrimitiveType()) {
        return null;
      }
      // The scan binds names against the snapshot's schema; map by field id across renames.
      Types.NestedField old = snapshot.findField(field.fieldId());
      if (old == null || !old.type().isPrimitiveType()) {
        return null;
      }
      String oldName = snapshot.findColumnName(field.fieldId());
      if (oldName == null || oldName.contains(".")) {
        return null;
      }
      return new Column(oldName, old.type());
    }

    private static Const constant(JsonNode e) {
      String cls = e.path("class").asText();
      if (cls.equals("CONSTANT")) {
        JsonNode lit = e.path("literal");
        String kind = lit.path("kind").asText();
        String text = lit.path("text").asText();
        switch (kind) {
          case "INTEGER":
            return new Const(Kind.INTEGER, new BigInteger(text));
          case "NUMERIC":
            return new Const(Kind.NUMERIC, new BigDecimal(text));
          case "STRING":
            return new Const(Kind.STRING, text);
          case "BOOLEAN":
            return new Const(Kind.BOOLEAN, Boolean.parseBoolean(text));
          default:
            return null; // NULL literal and anything unknown
        }
      }
      if (cls.equals("CAST") && !e.path("try_cast").asBoolean(false)) {
        Const inner = constant(e.path("child"));
        JsonNode typeExpr = e.path("type_expr");
        if (inner == null || typeExpr.path("children").size() > 0) {
          return null;
        }
        String target = typeExpr.path("type_name").asText().toUpperCase(Locale.ROOT);
        switch (target) {
          case "DATE":
            if (inner.kind() == Kind.STRING) {
              LocalDate d = parseDate((String) inner.value());
              return d == null ? null : new Const(Kind.DATE, d);
            }
            return inner.kind() == Kind.DATE ? inner : null;
          case "TIMESTAMP":
            if (inner.kind() == Kind.STRING) {
              LocalDateTime ts = parseTimestamp((String) inner.value());
              return ts == null ? null : new Const(Kind.TIMESTAMP, ts);
            }
            return inner.kind() == Kind.TIMESTAMP ? inner : null;
          case "BIGINT":
          case "INTEGER":
          case "INT":
            return inner.kind() == Kind.INTEGER ? inner : null;
          case "VARCHAR":
            return inner.kind() == Kind.STRING ? inner : null;
          default:
            return null;
        }
      }
      return null;
    }

    /** The constant as a Java value of the column's Iceberg type, or null if not exact. */
    private static Object value(Const c, Type type) {
      if (c == null) {
        return null;
      }
      switch (type.typeId()) {
        case INTEGER:
          {
            BigInteger i = integral(c);
            if (i == null || i.bitLength() > 31) {
              return null;
            }
            return i.intValueExact();
          }
        case LONG:
          {
            BigInteger i = integral(c);
            if (i == null || i.bitLength() > 63) {
              return null;
            }
            return i.longValueExact();
          }
        case DECIMAL:
          {
            Types.DecimalType dt = (Types.DecimalType) type;
            BigDecimal d;
            if (c.kind() == Kind.INTEGER) {
              d = new BigDecimal((BigInteger) c.value());
            } else if (c.kind() == Kind.NUMERIC) {
              d = (BigDecimal) c.value();
            } else {
              return null;
            }
            if (d.scale() > dt.scale()) {
              d = d.stripTrailingZeros();
              if (d.scale() > dt.scale()) {
                return null; // would round: DuckDB compares exactly
              }
            }
            d = d.setScale(dt.scale());
            return d.precision() <= dt.precision() ? d : null;
          }
        case STRING:
          return c.kind() == Kind.STRING ? c.value() : null;
        case BOOLEAN:
          return c.kind() == Kind.BOOLEAN ? c.value() : null;
        case DATE:
          {
            LocalDate d = null;
            if (c.kind() == Kind.DATE) {
              d = (LocalDate) c.value();
            } else if (c.kind() == Kind.STRING) {
              d = parseDate((String) c.value());
            }
            return d == null ? null : (int) d.toEpochDay();
          }
        case TIMESTAMP:
          {
            if (((Types.TimestampType) type).shouldAdjustToUTC()) {
              return null; // depends on the session time zone
            }
            LocalDateTime ts = null;
            if (c.kind() == Kind.TIMESTAMP) {
              ts = (LocalDateTime) c.value();
            } else if (c.kind() == Kind.DATE) {
              ts = ((LocalDate) c.value()).atStartOfDay();
            } else if (c.kind() == Kind.STRING) {
              ts = parseTimestamp((String) c.value());
            }
            return ts == null ? null : toMicros(ts);
          }
        default:
          return null; // float/double (no bounds written), time, binary, uuid...
      }
    }

    private static BigInteger integral(Const c) {
      if (c.kind() == Kind.INTEGER) {
        return (BigInteger) c.value();
      }
      if (c.kind() == Kind.NUMERIC) {
        BigDecimal d = ((BigDecimal) c.value()).stripTrailingZeros();
        return d.scale() <= 0 ? d.toBigIntegerExact() : null;
      }
      return null;
    }
  }

  static LocalDate parseDate(String text) {
    try {
      return LocalDate.parse(text.trim(), STRICT_DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Parses DuckDB's timestamp text ({@code 2020-01-01 10:00:00[.ffffff]} or a date), or null. */
  static LocalDateTime parseTimestamp(String text) {
    String t = text.trim();
    try {
      if (t.length() == 10) {
        LocalDate d = parseDate(t);
        return d == null ? null : d.atStartOfDay();
      }
      if (t.length() > 10 && (t.charAt(10) == ' ' || t.charAt(10) == 'T')) {
        LocalDate d = parseDate(t.substring(0, 10));
        if (d == null) {
          return null;
        }
        return LocalDateTime.of(d, java.time.LocalTime.parse(t.substring(11)));
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  static long toMicros(LocalDateTime ts) {
    return ChronoUnit.MICROS.between(EPOCH, ts);
  }

  static long toMicros(java.time.OffsetDateTime ts) {
    return ChronoUnit.MICROS.between(EPOCH.atOffset(ZoneOffset.UTC), ts);
  }
}

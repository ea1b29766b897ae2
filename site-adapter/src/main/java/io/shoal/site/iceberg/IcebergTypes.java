package io.shoal.site.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Maps Iceberg types to DuckDB type names and back. */
public final class IcebergTypes {

  private IcebergTypes() {}

  /** The DuckDB type name for an Iceberg type, e.g. {@code DECIMAL(12,2)} or {@code BIGINT[]}. */
  public static String toDuckDb(Type type) {
    switch (type.typeId()) {
      case BOOLEAN:
        return "BOOLEAN";
      case INTEGER:
        return "INTEGER";
      case LONG:
        return "BIGINT";
      case FLOAT:
        return "FLOAT";
      case DOUBLE:
        return "DOUBLE";
      case DATE:
        return "DATE";
      case TIME:
        return "TIME";
      case TIMESTAMP:
        return ((Types.TimestampType) type).shouldAdjustToUTC()
            ? "TIMESTAMP WITH TIME ZONE"
            : "TIMESTAMP";
      case TIMESTAMP_NANO:
        return ((Types.TimestampNanoType) type).shouldAdjustToUTC()
            ? "TIMESTAMP WITH TIME ZONE"
            : "TIMESTAMP_NS";
      case STRING:
        return "VARCHAR";
      case UUID:
        return "UUID";
      case FIXED:
      case BINARY:
        return "BLOB";
      case DECIMAL:
        Types.DecimalType d = (Types.DecimalType) type;
        return "DECIMAL(" + d.precision() + "," + d.scale() + ")";
      case LIST:
        return toDuckDb(((Types.ListType) type).elementType()) + "[]";
      case MAP:
        Types.MapType m = (Types.MapType) type;
        return "MAP(" + toDuckDb(m.keyType()) + ", " + toDuckDb(m.valueType()) + ")";
      case STRUCT:
        StringBuilder sb = new StringBuilder("STRUCT(");
        List<Types.NestedField> fields = ((Types.StructType) type).fields();
        for (int i = 0; i < fields.size(); i++) {
          if (i > 0) {
            sb.append(", ");
          }
          sb.append(quoteIdent(fields.get(i).name())).append(' ');
          sb.append(toDuckDb(fields.get(i).type()));
        }
        return sb.append(')').toString();
      default:
        throw new IllegalArgumentException("Iceberg type " + type + " has no DuckDB equivalent");
    }
  }

  /**
   * The Iceberg type for a DuckDB type name (as DESCRIBE prints it). Nested field ids are numbered
   * from 1; use {@link #fromDuckDb(String, IntSupplier)} when building a whole schema.
   */
  public static Type fromDuckDb(String duckType) {
    AtomicInteger ids = new AtomicInteger(1);
    return fromDuckDb(duckType, ids::getAndIncrement);
  }

  /** As {@link #fromDuckDb(String)}, taking nested field ids from {@code nextId}. */
  public static Type fromDuckDb(String duckType, IntSupplier nextId) {
    Parser p = new Parser(duckType, nextId);
    Type t = p.type();
    p.skipSpaces();
    if (!p.atEnd()) {
      throw new IllegalArgumentException("cannot parse DuckDB type '" + duckType + "'");
    }
    return t;
  }

  static String quoteIdent(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static Type primitive(String name, List<Integer> args, String whole) {
    switch (name) {
      case "BOOLEAN":
      case "BOOL":
        return Types.BooleanType.get();
      case "TINYINT":
      case "SMALLINT":
      case "INTEGER":
      case "INT":
      case "INT4":
      case "UTINYINT":
      case "USMALLINT":
        return Types.IntegerType.get();
      case "BIGINT":
      case "INT8":
      case "LONG":
      case "UINTEGER":
        return Types.LongType.get();
      case "HUGEINT":
      case "UBIGINT":
      case "UHUGEINT":
        return Types.DecimalType.of(38, 0);
      case "FLOAT":
      case "REAL":
      case "FLOAT4":
        return Types.FloatType.get();
      case "DOUBLE":
      case "FLOAT8":
        return Types.DoubleType.get();
      case "DECIMAL":
      case "NUMERIC":
        if (args.isEmpty()) {
          return Types.DecimalType.of(18, 3); // DuckDB's default DECIMAL
        }
        return Types.DecimalType.of(args.get(0), args.size() > 1 ? args.get(1) : 0);
      case "VARCHAR":
      case "TEXT":
      case "STRING":
      case "CHAR":
      case "BPCHAR":
        return Types.StringType.get();
      case "DATE":
        return Types.DateType.get();
      case "TIME":
        return Types.TimeType.get();
      case "TIMESTAMP":
      case "DATETIME":
      case "TIMESTAMP_S":
      case "TIMESTAMP_MS":
      case "TIMESTAMP_US":
        return Types.TimestampType.withoutZone();
      case "TIMESTAMP_NS":
        // Stored as microseconds: Iceberg v2 has no nanosecond timestamps.
        return Types.TimestampType.withoutZone();
      case "TIMESTAMP WITH TIME ZONE":
      case "TIMESTAMPTZ":
        return Types.TimestampType.withZone();
      case "BLOB":
      case "BYTEA":
      case "VARBINARY":
        return Types.BinaryType.get();
      case "UUID":
        return Types.UUIDType.get();
      default:
        throw new IllegalArgumentException(
            "DuckDB type '" + whole + "' cannot be stored in an Iceberg table");
    }
  }

  /** Recursive descent over DuckDB type names: T[], T[n], STRUCT(a T, ...), MAP(K, V). */
  private static final class Parser {
    private final String s;
    private final IntSupplier ids;
    private int pos;

    Parser(String s, IntSupplier ids) {
      this.s = s.trim();
      this.ids = ids;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    void skipSpaces() {
      while (!atEnd() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    Type type() {
      skipSpaces();
      String word = word();
      String upper = word.toUpperCase(Locale.ROOT);
      // Multi-word names.
      if (upper.equals("TIMESTAMP") || upper.equals("TIME")) {
        int save = pos;
        skipSpaces();
        String rest = s.substring(pos).toUpperCase(Locale.ROOT);
        if (rest.startsWith("WITH TIME ZONE")) {
          pos += "WITH TIME ZONE".length();
          upper = upper.equals("TIME") ? "TIMETZ" : "TIMESTAMP WITH TIME ZONE";
        } else {
          pos = save;
        }
      } else if (upper.equals("DOUBLE")) {
        int save = pos;
        skipSpaces();
        if (s.substring(pos).toUpperCase(Locale.ROOT).startsWith("PRECISION")) {
          pos += "PRECISION".length();
        } else {
          pos = save;
        }
      }
      Type t;
      skipSpaces();
      if (upper.equals("STRUCT") || upper.equals("ROW")) {
        t = struct();
      } else if (upper.equals("MAP")) {
        expect('(');
        int keyId = ids.getAsInt();
        int valueId = ids.getAsInt();
        Type k = type();
        expect(',');
        Type v = type();
        expect(')');
        t = Types.MapType.ofOptional(keyId, valueId, k, v);
      } else {
        List<Integer> args = new ArrayList<>();
        if (!atEnd() && s.charAt(pos) == '(') {
          pos++;
          while (true) {
            skipSpaces();
            args.add(Integer.parseInt(word().trim()));
            skipSpaces();
            if (peek() == ',') {
              pos++;
            } else {
              break;
            }
          }
          expect(')');
        }
        t = primitive(upper, args, s);
      }
      // Array suffixes: T[] (list) or T[n] (fixed array, stored as a list).
      while (true) {
        skipSpaces();
        if (peek() != '[') {
          return t;
        }
        pos++;
        while (peek() != ']') {
          if (atEnd()) {
            throw new IllegalArgumentException("cannot parse DuckDB type '" + s + "'");
          }
          pos++;
        }
        pos++;
        t = Types.ListType.ofOptional(ids.getAsInt(), t);
      }
    }

    private Type struct() {
      expect('(');
      List<Types.NestedField> fields = new ArrayList<>();
      while (true) {
        skipSpaces();
        String name;
        if (peek() == '"') {
          name = quoted();
        } else {
          name = word();
        }
        int id = ids.getAsInt();
        Type ft = type();
        fields.add(Types.NestedField.optional(id, name, ft));
        skipSpaces();
        if (peek() == ',') {
          pos++;
        } else {
          break;
        }
      }
      expect(')');
      return Types.StructType.of(fields);
    }

    private String quoted() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (!atEnd()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          if (peek() == '"') {
            sb.append('"');
            pos++;
          } else {
            return sb.toString();
          }
        } else {
          sb.append(c);
        }
      }
      throw new IllegalArgumentException("cannot parse DuckDB type '" + s + "'");
    }

    private char peek() {
      return atEnd() ? '\0' : s.charAt(pos);
    }

    private String word() {
      int start = pos;
      while (!atEnd()) {
        char c = s.charAt(pos);
        if (Character.isLetterOrDigit(c) || c == '_') {
          pos++;
        } else {
          break;
        }
      }
      if (start == pos) {
        throw new IllegalArgumentException("cannot parse DuckDB type '" + s + "'");
      }
      return s.substring(start, pos);
    }

    private void expect(char c) {
      skipSpaces();
      if (peek() != c) {
        throw new IllegalArgumentException(
            "cannot parse DuckDB type '" + s + "': expected '" + c + "' at " + pos);
      }
      pos++;
    }
  }
}

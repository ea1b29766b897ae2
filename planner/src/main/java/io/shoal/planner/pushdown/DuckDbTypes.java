package io.shoal.planner.pushdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Turns DuckDB type names as sites report them ({@code BIGINT}, {@code DECIMAL(15,2)},
 * {@code INTEGER[]}, {@code STRUCT(a INTEGER, b VARCHAR)}, ...) into Calcite types.
 */
public final class DuckDbTypes {
  private DuckDbTypes() {}

  /** Parses {@code duckDbType}; throws IllegalArgumentException naming the type when unknown. */
  public static RelDataType toRelType(RelDataTypeFactory f, String duckDbType, boolean nullable) {
    Parser p = new Parser(duckDbType);
    RelDataType t = p.type(f);
    p.skipWs();
    if (!p.atEnd()) {
      throw new IllegalArgumentException("cannot parse DuckDB type '" + duckDbType + "'");
    }
    return f.createTypeWithNullability(t, nullable);
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    void skipWs() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean peek(char c) {
      skipWs();
      return pos < s.length() && s.charAt(pos) == c;
    }

    void expect(char c) {
      if (!peek(c)) {
        throw new IllegalArgumentException(
            "cannot parse DuckDB type '" + s + "': expected '" + c + "' at " + pos);
      }
      pos++;
    }

    /** An identifier or a double-quoted name. */
    String name() {
      skipWs();
      if (peek('"')) {
        pos++;
        StringBuilder b = new StringBuilder();
        while (pos < s.length()) {
          char c = s.charAt(pos++);
          if (c == '"') {
            if (pos < s.length() && s.charAt(pos) == '"') {
              b.append('"');
              pos++;
            } else {
              return b.toString();
            }
          } else {
            b.append(c);
          }
        }
        throw new IllegalArgumentException("cannot parse DuckDB type '" + s + "': open quote");
      }
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new IllegalArgumentException(
            "cannot parse DuckDB type '" + s + "': expected a name at " + pos);
      }
      return s.substring(start, pos);
    }

    int number() {
      skipWs();
      int start = pos;
      while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
        pos++;
      }
      return Integer.parseInt(s.substring(start, pos));
    }

    /** Consumes the following words if they match (case-insensitively). */
    boolean words(String... words) {
      int save = pos;
      for (String w : words) {
        skipWs();
        if (s.regionMatches(true, pos, w, 0, w.length())
            && (pos + w.length() == s.length()
                || !Character.isLetterOrDigit(s.charAt(pos + w.length())))) {
          pos += w.length();
        } else {
          pos = save;
          return false;
        }
      }
      return true;
    }

    RelDataType type(RelDataTypeFactory f) {
      RelDataType t = base(f);
      // Array suffixes: INTEGER[] or INTEGER[3], possibly nested.
      while (peek('[')) {
        pos++;
        if (!peek(']')) {
          number();
        }
        expect(']');
        t = f.createArrayType(f.createTypeWithNullability(t, true), -1);
      }
      return t;
    }

    private RelDataType base(RelDataTypeFactory f) {
      String n = name().toUpperCase(Locale.ROOT);
      switch (n) {
        case "STRUCT":
        case "ROW":
          {
            expect('(');
            List<String> names = new ArrayList<>();
            List<RelDataType> types = new ArrayList<>();
            while (true) {
              names.add(name());
              types.add(f.createTypeWithNullability(type(f), true));
              if (peek(',')) {
                pos++;
                continue;
              }
              expect(')');
              break;
            }
            return f.createStructType(types, names);
          }
        case "MAP":
          {
            expect('(');
            RelDataType k = type(f);
            expect(',');
            RelDataType v = f.createTypeWithNullability(type(f), true);
            expect(')');
            return f.createMapType(k, v);
          }
        case "LIST":
          {
            expect('(');
            RelDataType e = type(f);
            expect(')');
            return f.createArrayType(f.createTypeWithNullability(e, true), -1);
          }
        case "DECIMAL":
        case "NUMERIC":
          {
            int p = 18;
            int sc = 3;
            if (peek('(')) {
              pos++;
              p = number();
              sc = 0;
              if (peek(',')) {
                pos++;
                sc = number();
              }
              expect(')');
            }
            return f.createSqlType(SqlTypeName.DECIMAL, p, sc);
          }
        case "VARCHAR":
        case "CHAR":
        case "BPCHAR":
        case "TEXT":
        case "STRING":
        case "UUID":
        case "JSON":
          skipLength();
          return f.createSqlType(SqlTypeName.VARCHAR);
        case "ENUM":
          skipParens();
          return f.createSqlType(SqlTypeName.VARCHAR);
        case "BOOLEAN":
        case "BOOL":
        case "LOGICAL":
          return f.createSqlType(SqlTypeName.BOOLEAN);
        case "TINYINT":
        case "INT1":
          return f.createSqlType(SqlTypeName.TINYINT);
        case "SMALLINT":
        case "INT2":
        case "SHORT":
        case "UTINYINT":
          return f.createSqlType(SqlTypeName.SMALLINT);
        case "INTEGER":
        case "INT":
        case "INT4":
        case "SIGNED":
        case "USMALLINT":
          return f.createSqlType(SqlTypeName.INTEGER);
        case "BIGINT":
        case "INT8":
        case "LONG":
        case "UINTEGER":
          return f.createSqlType(SqlTypeName.BIGINT);
        case "UBIGINT":
          return f.createSqlType(SqlTypeName.DECIMAL, 20, 0);
        case "HUGEINT":
        case "INT128":
        case "UHUGEINT":
          return f.createSqlType(SqlTypeName.DECIMAL, 38, 0);
        case "FLOAT":
        case "FLOAT4":
        case "REAL":
          return f.createSqlType(SqlTypeName.REAL);
        case "DOUBLE":
        case "FLOAT8":
          return f.createSqlType(SqlTypeName.DOUBLE);
        case "DATE":
          return f.createSqlType(SqlTypeName.DATE);
        case "TIME":
          if (words("WITH", "TIME", "ZONE")) {
            return f.createSqlType(SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE);
          }
          return f.createSqlType(SqlTypeName.TIME);
        case "TIMETZ":
          return f.createSqlType(SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE);
        case "TIMESTAMP":
        case "DATETIME":
          if (words("WITH", "TIME", "ZONE")) {
            return f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
          }
          return f.createSqlType(SqlTypeName.TIMESTAMP);
        case "TIMESTAMP_S":
        case "TIMESTAMP_MS":
        case "TIMESTAMP_NS":
          return f.createSqlType(SqlTypeName.TIMESTAMP);
        case "TIMESTAMPTZ":
          return f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        case "BLOB":
        case "BYTEA":
        case "BINARY":
        case "VARBINARY":
          return f.createSqlType(SqlTypeName.VARBINARY);
        default:
          throw new IllegalArgumentException("unsupported DuckDB type '" + s + "'");
      }
    }

    private void skipLength() {
      if (peek('(')) {
        skipParens();
      }
    }

    private void skipParens() {
      expect('(');
      int depth = 1;
      boolean quoted = false;
      while (pos < s.length() && depth > 0) {
        char c = s.charAt(pos++);
        if (c == '\'') {
          quoted = !quoted;
        } else if (!quoted && c == '(') {
          depth++;
        } else if (!quoted && c == ')') {
          depth--;
        }
      }
    }
  }
}

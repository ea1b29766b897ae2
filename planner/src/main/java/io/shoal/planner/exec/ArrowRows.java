package io.shoal.planner.exec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.util.Text;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts Arrow batches to rows in the representation Calcite's enumerable runtime expects for
 * each SQL type: DATE int days, TIME int millis, TIMESTAMP long millis, DECIMAL BigDecimal,
 * VARCHAR String, BINARY ByteString, ARRAY List, MAP Map. Converts by the type the coordinator
 * planned (e.g. DuckDB's HUGEINT for SUM(BIGINT) becomes the planned long).
 */
public final class ArrowRows {
  /** The type code that rows are converted by: SQL type name, {@code :scale} for DECIMAL. */
  public static String typeCode(RelDataType t) {
    SqlTypeName n = t.getSqlTypeName();
    if (n == SqlTypeName.DECIMAL) {
      return "DECIMAL:" + t.getScale();
    }
    return n.getName();
  }

  private ArrowRows() {}

  /**
   * Rows of one batch: Object[] per row, or the bare value when {@code scalar}.
   *
   * @param types per column, a {@link #typeCode} string
   */
  public static List<Object> convert(VectorSchemaRoot root, String[] types, boolean scalar) {
    int n = root.getRowCount();
    List<FieldVector> vectors = root.getFieldVectors();
    if (vectors.size() < types.length) {
      throw new IllegalStateException("site returned " + vectors.size() + " columns, expected "
          + types.length);
    }
    List<Object> rows = new ArrayList<>(n);
    if (scalar) {
      Column col = column(vectors.get(0), types[0]);
      for (int i = 0; i < n; i++) {
        rows.add(col.get(i));
      }
      return rows;
    }
    Object[][] out = new Object[n][types.length];
    for (int c = 0; c < types.length; c++) {
      Column col = column(vectors.get(c), types[c]);
      for (int i = 0; i < n; i++) {
        out[i][c] = col.get(i);
      }
    }
    for (Object[] r : out) {
      rows.add(r);
    }
    return rows;
  }

  /** Reads one column's values, as {@link #value} would. */
  @FunctionalInterface
  interface Column {
    Object get(int i);
  }

  /**
   * A reader for one column of a batch, chosen once per batch: the common vector/type pairs read
   * the vector directly (no type-string parsing, no Arrow {@code Text} or boxing detours per
   * value); any other pair goes through {@link #value}. TPC-H Q15's coordinator spent 27% of its
   * CPU converting the sites' 30,000 rows value by value.
   */
  static Column column(FieldVector v, String type) {
    int colon = type.indexOf(':');
    String base = colon > 0 ? type.substring(0, colon) : type;
    int scale = colon > 0 ? Integer.parseInt(type.substring(colon + 1)) : -1;
    // These vectors' own objects already are what Calcite expects (Long, Integer, Double, int days).
    boolean asIs = switch (base) {
      case "BIGINT" -> v instanceof BigIntVector;
      case "INTEGER" -> v instanceof IntVector;
      case "FLOAT", "DOUBLE" -> v instanceof Float8Vector;
      case "DATE" -> v instanceof DateDayVector;
      default -> false;
    };
    if (asIs) {
      return v::getObject;
    }
    if ((base.equals("VARCHAR") || base.equals("CHAR")) && v instanceof VarCharVector strings) {
      // The bytes straight to a String: getObject's Text would decode them a second time.
      return i -> strings.isNull(i) ? null : new String(strings.get(i), StandardCharsets.UTF_8);
    }
    if (base.equals("DECIMAL") && v instanceof DecimalVector decimals) {
      return i -> decimals.isNull(i) ? null : rescale(decimals.getObject(i), scale);
    }
    return i -> value(v, i, type);
  }

  static Object value(FieldVector v, int i, String type) {
    if (v.isNull(i)) {
      return null;
    }
    String base = type;
    int scale = -1;
    int colon = type.indexOf(':');
    if (colon > 0) {
      base = type.substring(0, colon);
      scale = Integer.parseInt(type.substring(colon + 1));
    }
    switch (base) {
      case "DATE":
        if (v instanceof DateDayVector) {
          return ((DateDayVector) v).get(i);
        }
        if (v instanceof DateMilliVector) {
          return (int) Math.floorDiv(((DateMilliVector) v).get(i), 86_400_000L);
        }
        return (int) toLocalDate(v.getObject(i)).toEpochDay();
      case "TIME":
      case "TIME_WITH_LOCAL_TIME_ZONE":
        return timeMillis(v, i);
      case "TIMESTAMP":
      case "TIMESTAMP_WITH_LOCAL_TIME_ZONE":
        return timestampMillis(v, i);
      default:
        return convert(v.getObject(i), base, scale);
    }
  }

  private static int timeMillis(FieldVector v, int i) {
    if (v instanceof TimeMicroVector) {
      return (int) (((TimeMicroVector) v).get(i) / 1000);
    }
    if (v instanceof TimeNanoVector) {
      return (int) (((TimeNanoVector) v).get(i) / 1_000_000);
    }
    if (v instanceof TimeMilliVector) {
      return ((TimeMilliVector) v).get(i);
    }
    if (v instanceof TimeSecVector) {
      return ((TimeSecVector) v).get(i) * 1000;
    }
    Object o = v.getObject(i);
    if (o instanceof LocalTime) {
      return (int) (((LocalTime) o).toNanoOfDay() / 1_000_000);
    }
    return ((Number) o).intValue();
  }

  private static long timestampMillis(FieldVector v, int i) {
    if (v instanceof TimeStampVector) {
      long raw = ((TimeStampVector) v).get(i);
      ArrowType.Timestamp t = (ArrowType.Timestamp) v.getField().getType();
      switch (t.getUnit()) {
        case SECOND:
          return raw * 1000;
        case MILLISECOND:
          return raw;
        case MICROSECOND:
          return Math.floorDiv(raw, 1000L);
        case NANOSECOND:
          return Math.floorDiv(raw, 1_000_000L);
        default:
          throw new IllegalStateException("unknown time unit " + t.getUnit());
      }
    }
    if (v instanceof DateDayVector) {
      return ((DateDayVector) v).get(i) * 86_400_000L;
    }
    if (v instanceof DateMilliVector) {
      return ((DateMilliVector) v).get(i);
    }
    Object o = v.getObject(i);
    if (o instanceof LocalDateTime) {
      return ((LocalDateTime) o).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return ((Number) o).longValue();
  }

  private static LocalDate toLocalDate(Object o) {
    if (o instanceof LocalDate) {
      return (LocalDate) o;
    }
    if (o instanceof LocalDateTime) {
      return ((LocalDateTime) o).toLocalDate();
    }
    return LocalDate.ofEpochDay(((Number) o).longValue());
  }

  /** A value from {@code getObject} in the representation for {@code base}. */
  static Object convert(Object o, String base, int scale) {
    if (o == null) {
      return null;
    }
    switch (base) {
      case "BOOLEAN":
        return o instanceof Boolean ? o : Boolean.valueOf(o.toString());
      case "TINYINT":
        return number(o).byteValue();
      case "SMALLINT":
        return number(o).shortValue();
      case "INTEGER":
        return number(o).intValue();
      case "BIGINT":
        {
          Number n = number(o);
          if (n instanceof BigDecimal) {
            return ((BigDecimal) n).longValueExact();
          }
          if (n instanceof BigInteger) {
            return ((BigInteger) n).longValueExact();
          }
          return n.longValue();
        }
      case "DECIMAL":
        return rescale(decimal(o), scale);
      case "REAL":
        return number(o).floatValue();
      case "FLOAT":
      case "DOUBLE":
        return number(o).doubleValue();
      case "CHAR":
      case "VARCHAR":
        return o instanceof Text ? o.toString() : o instanceof byte[] ? new String((byte[]) o,
            java.nio.charset.StandardCharsets.UTF_8) : o.toString();
      case "BINARY":
      case "VARBINARY":
        return o instanceof byte[] ? new ByteString((byte[]) o) : o;
      default:
        return generic(o);
    }
  }

  /** {@code d} at the planned scale ({@code scale < 0}: as it is). */
  private static BigDecimal rescale(BigDecimal d, int scale) {
    return scale >= 0 && d.scale() != scale ? d.setScale(scale, RoundingMode.HALF_UP) : d;
  }

  private static Number number(Object o) {
    if (o instanceof Number) {
      return (Number) o;
    }
    if (o instanceof Boolean) {
      return ((Boolean) o) ? 1 : 0;
    }
    return new BigDecimal(o.toString());
  }

  private static BigDecimal decimal(Object o) {
    if (o instanceof BigDecimal) {
      return (BigDecimal) o;
    }
    if (o instanceof BigInteger) {
      return new BigDecimal((BigInteger) o);
    }
    if (o instanceof Double || o instanceof Float) {
      return BigDecimal.valueOf(((Number) o).doubleValue());
    }
    if (o instanceof Number) {
      return BigDecimal.valueOf(((Number) o).longValue());
    }
    return new BigDecimal(o.toString());
  }

  /** Nested values (lists, structs, maps): Java equivalents without Arrow's wrapper types. */
  private static Object generic(Object o) {
    if (o instanceof Text) {
      return o.toString();
    }
    if (o instanceof byte[]) {
      return new ByteString((byte[]) o);
    }
    if (o instanceof LocalDateTime) {
      return ((LocalDateTime) o).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (o instanceof LocalDate) {
      return (int) ((LocalDate) o).toEpochDay();
    }
    if (o instanceof Map) {
      Map<Object, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        m.put(generic(e.getKey()), generic(e.getValue()));
      }
      return m;
    }
    if (o instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object e : (List<?>) o) {
        l.add(generic(e));
      }
      return l;
    }
    return o;
  }
}

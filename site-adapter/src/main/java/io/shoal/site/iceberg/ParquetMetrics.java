package io.shoal.site.iceberg;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Metrics;
import org.apache.iceberg.Schema;
import org.apache.iceberg.expressions.Literal;
import org.apache.iceberg.types.Comparators;
import org.apache.iceberg.types.Conversions;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.UnicodeUtil;

/**
 * Iceberg column metrics of a Parquet file that DuckDB wrote, from {@code parquet_metadata()}.
 * Bounds must never be tighter than the data (files would be pruned wrongly), so whenever a
 * statistic is missing, inexact or of a type we do not parse, the bound is left out.
 */
final class ParquetMetrics {

  /** Iceberg's default truncation of string bounds. */
  private static final int STRING_BOUND_LENGTH = 16;

  private ParquetMetrics() {}

  /** One Parquet leaf column in file order. */
  private record Leaf(int fieldId, Type type, boolean topLevel) {}

  static Metrics read(Connection duck, String file, Schema schema, long rowCount)
      throws SQLException {
    List<Leaf> leaves = new ArrayList<>();
    for (Types.NestedField f : schema.columns()) {
      collectLeaves(f, true, leaves);
    }
    Map<Integer, Long> sizes = new HashMap<>();
    Map<Integer, Long> values = new HashMap<>();
    Map<Integer, Long> nulls = new HashMap<>();
    Map<Integer, Object> lower = new HashMap<>();
    Map<Integer, Object> upper = new HashMap<>();
    Set<Integer> noNulls = new HashSet<>();
    Set<Integer> noLower = new HashSet<>();
    Set<Integer> noUpper = new HashSet<>();
    String sql =
        "SELECT column_id, num_values, stats_null_count, stats_min_value, stats_max_value,"
            + " min_is_exact, max_is_exact, total_compressed_size FROM parquet_metadata(?)";
    try (PreparedStatement ps = duck.prepareStatement(sql)) {
      ps.setString(1, file);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int leafIndex = rs.getInt(1);
          if (leafIndex < 0 || leafIndex >= leaves.size()) {
            continue;
          }
          Leaf leaf = leaves.get(leafIndex);
          int fid = leaf.fieldId();
          sizes.merge(fid, rs.getLong(8), Long::sum);
          if (!leaf.topLevel()) {
            continue; // repetition makes nested counts mean something else: leave them out
          }
          long numValues = rs.getLong(2);
          values.merge(fid, numValues, Long::sum);
          long nullCount = rs.getLong(3);
          boolean nullKnown = !rs.wasNull();
          if (nullKnown) {
            nulls.merge(fid, nullCount, Long::sum);
          } else {
            noNulls.add(fid);
          }
          boolean allNull = nullKnown && nullCount == numValues;
          if (allNull) {
            continue; // no values: no bounds from this row group, none needed
          }
          Boolean minExact = (Boolean) rs.getObject(6);
          Boolean maxExact = (Boolean) rs.getObject(7);
          Object min = parse(leaf.type(), rs.getString(4), minExact, false);
          Object max = parse(leaf.type(), rs.getString(5), maxExact, true);
          Comparator<Object> cmp = comparator(leaf.type());
          if (min == null || cmp == null) {
            noLower.add(fid);
          } else {
            lower.merge(fid, min, (a, b) -> cmp.compare(a, b) <= 0 ? a : b);
          }
          if (max == null || cmp == null) {
            noUpper.add(fid);
          } else {
            upper.merge(fid, max, (a, b) -> cmp.compare(a, b) >= 0 ? a : b);
          }
        }
      }
    }
    noNulls.forEach(nulls::remove);
    noLower.forEach(lower::remove);
    noUpper.forEach(upper::remove);
    return new Metrics(
        rowCount,
        sizes,
        values,
        nulls,
        null,
        toBuffers(schema, lower, false),
        toBuffers(schema, upper, true));
  }

  private static void collectLeaves(Types.NestedField f, boolean topLevel, List<Leaf> out) {
    Type t = f.type();
    if (t.isPrimitiveType()) {
      out.add(new Leaf(f.fieldId(), t, topLevel));
      return;
    }
    for (Types.NestedField child : t.asNestedType().fields()) {
      collectLeaves(child, false, out);
    }
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Object> comparator(Type type) {
    if (!type.isPrimitiveType()) {
      return null;
    }
    return (Comparator<Object>) (Comparator<?>) Comparators.forType(type.asPrimitiveType());
  }

  /** A statistic as an Iceberg value, or null when it cannot serve as a bound. */
  private static Object parse(Type type, String text, Boolean exact, boolean isMax) {
    if (text == null) {
      return null;
    }
    try {
      switch (type.typeId()) {
        case BOOLEAN:
          if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
          }
          return null;
        case INTEGER:
          return Integer.parseInt(text);
        case LONG:
          return Long.parseLong(text);
        case DECIMAL:
          {
            BigDecimal d = new BigDecimal(text);
            int scale = ((Types.DecimalType) type).scale();
            return d.scale() == scale ? d : d.setScale(scale); // throws if it would round
          }
        case DATE:
          {
            LocalDate d = IcebergPredicates.parseDate(text);
            return d == null ? null : (int) d.toEpochDay();
          }
        case TIMESTAMP:
          {
            if (((Types.TimestampType) type).shouldAdjustToUTC()) {
              return null; // printed in the session time zone: not worth parsing
            }
            LocalDateTime ts = IcebergPredicates.parseTimestamp(text);
            return ts == null ? null : IcebergPredicates.toMicros(ts);
          }
        case STRING:
          {
            // DuckDB truncates string statistics (to 256 bytes). A truncated max is a prefix and
            // so LESS than the real max; we truncate further to 16 code points and increment,
            // which is only sound when the text is longer than what we keep (plus a possibly cut
            // last character).
            boolean isExact = Boolean.TRUE.equals(exact);
            int len = text.codePointCount(0, text.length());
            if (!isExact && len <= STRING_BOUND_LENGTH + 1) {
              return null;
            }
            return text;
          }
        default:
          return null; // float/double (NaN ordering), time, uuid, binary: no bounds
      }
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Map<Integer, ByteBuffer> toBuffers(
      Schema schema, Map<Integer, Object> bounds, boolean isUpper) {
    Map<Integer, ByteBuffer> out = new HashMap<>();
    for (Map.Entry<Integer, Object> e : bounds.entrySet()) {
      Type type = schema.findType(e.getKey());
      Object v = e.getValue();
      if (type.typeId() == Type.TypeID.STRING) {
        Literal<CharSequence> lit = Literal.of((CharSequence) v);
        Literal<CharSequence> truncated =
            isUpper
                ? UnicodeUtil.truncateStringMax(lit, STRING_BOUND_LENGTH)
                : UnicodeUtil.truncateStringMin(lit, STRING_BOUND_LENGTH);
        if (truncated == null) {
          continue;
        }
        v = truncated.value();
      }
      out.put(e.getKey(), Conversions.toByteBuffer(type, v));
    }
    return out;
  }
}

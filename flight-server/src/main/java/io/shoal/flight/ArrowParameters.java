package io.shoal.flight;

import io.shoal.site.Site;
import io.shoal.site.SiteException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeMilliVector;
import org.apache.arrow.vector.TimeNanoVector;
import org.apache.arrow.vector.TimeSecVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.Text;

/** Prepared-statement parameters as Arrow carries them: their schema for clients, and values read from a bound batch. */
final class ArrowParameters {
  private ArrowParameters() {}

  /**
   * The parameter schema clients bind against. The Flight SQL JDBC driver converts a setInt/setString
   * according to these types, so they are the types DuckDB inferred.
   */
  static Schema schemaOf(Site.Fragment fragment) throws SiteException {
    return fragment.parameterSchema();
  }

  /** Row {@code row} of a parameter batch as Java values DuckDB's JDBC driver accepts. */
  static List<Object> row(VectorSchemaRoot root, int row) {
    List<Object> values = new ArrayList<>();
    for (FieldVector v : root.getFieldVectors()) values.add(value(v, row));
    return values;
  }

  static Object value(FieldVector v, int row) {
    if (v.isNull(row)) return null;
    // getObject gives epoch counts for some temporal vectors: turn them into java.time values.
    if (v instanceof DateDayVector d) return LocalDate.ofEpochDay(d.get(row));
    if (v instanceof DateMilliVector d) return d.getObject(row).toLocalDate();
    if (v instanceof TimeSecVector t) return LocalTime.ofSecondOfDay(t.get(row));
    if (v instanceof TimeMilliVector t) return LocalTime.ofNanoOfDay(t.get(row) * 1_000_000L);
    if (v instanceof TimeMicroVector t) return LocalTime.ofNanoOfDay(t.get(row) * 1_000L);
    if (v instanceof TimeNanoVector t) return LocalTime.ofNanoOfDay(t.get(row));
    if (v instanceof TimeStampVector ts) {
      ArrowType.Timestamp type = (ArrowType.Timestamp) v.getField().getType();
      Instant instant = instant(ts.get(row), type.getUnit());
      if (type.getTimezone() == null) return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
      return instant.atOffset(ZoneOffset.UTC);
    }
    Object o = v.getObject(row);
    if (o instanceof Text t) return t.toString();
    return o;
  }

  private static Instant instant(long value, TimeUnit unit) {
    return switch (unit) {
      case SECOND -> Instant.ofEpochSecond(value);
      case MILLISECOND -> Instant.ofEpochMilli(value);
      case MICROSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
      case NANOSECOND -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
    };
  }
}

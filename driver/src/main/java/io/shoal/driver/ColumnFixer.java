package io.shoal.driver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Corrects Calcite's {@code getColumns} rows to what JDBC specifies and tools rely on: TYPE_NAME
 * without " NOT NULL" or the precision ("TIMESTAMP", matching getTypeInfo), COLUMN_SIZE as the
 * precision for numbers and the display length for date/times (Calcite gives -1 for INTEGER and
 * the fraction digits for TIMESTAMP(3)), DECIMAL_DIGITS as the scale/fraction digits.
 */
final class ColumnFixer implements ShoalResultSet.RowFixer {
  static final ColumnFixer INSTANCE = new ColumnFixer();

  private static final int DATA_TYPE = 5;
  private static final int TYPE_NAME = 6;
  private static final int COLUMN_SIZE = 7;
  private static final int DECIMAL_DIGITS = 9;
  private static final int NUM_PREC_RADIX = 10;
  private static final int CHAR_OCTET_LENGTH = 16;
  private static final Pattern NAME = Pattern.compile("^([A-Z_ ]+?)\\s*(?:\\((\\d+)(?:\\s*,\\s*(\\d+))?\\))?(?: NOT NULL)?$");

  @Override
  public Map<Integer, Object> fix(ResultSet rs) throws SQLException {
    int type = rs.getInt(DATA_TYPE);
    String typeName = rs.getString(TYPE_NAME);
    Map<Integer, Object> out = new HashMap<>();
    String base = typeName;
    Integer p = null;
    Integer s = null;
    if (typeName != null) {
      Matcher m = NAME.matcher(typeName.trim());
      if (m.matches()) {
        base = m.group(1).trim();
        p = m.group(2) == null ? null : Integer.valueOf(m.group(2));
        s = m.group(3) == null ? null : Integer.valueOf(m.group(3));
      } else if (typeName.endsWith(" NOT NULL")) {
        base = typeName.substring(0, typeName.length() - " NOT NULL".length());
      }
      out.put(TYPE_NAME, base);
    }
    int given = rs.getInt(COLUMN_SIZE);
    Integer givenSize = rs.wasNull() ? null : given;
    Integer size;
    Integer digits = null;
    Integer radix = null;
    switch (type) {
      case Types.TINYINT: size = 3; digits = 0; radix = 10; break;
      case Types.SMALLINT: size = 5; digits = 0; radix = 10; break;
      case Types.INTEGER: size = 10; digits = 0; radix = 10; break;
      case Types.BIGINT: size = 19; digits = 0; radix = 10; break;
      case Types.REAL: size = 7; radix = 10; break;
      case Types.FLOAT:
      case Types.DOUBLE: size = 15; radix = 10; break;
      case Types.DECIMAL:
      case Types.NUMERIC:
        size = p != null ? p : givenSize;
        digits = s != null ? s : 0;
        radix = 10;
        break;
      case Types.BOOLEAN:
      case Types.BIT: size = 1; break;
      case Types.DATE: size = 10; break;
      case Types.TIME:
      case Types.TIME_WITH_TIMEZONE: {
        int f = p == null ? 0 : p;
        size = 8 + (f > 0 ? f + 1 : 0);
        digits = f;
        break;
      }
      case Types.TIMESTAMP:
      case Types.TIMESTAMP_WITH_TIMEZONE: {
        int f = p == null ? 0 : p;
        size = 19 + (f > 0 ? f + 1 : 0);
        digits = f;
        break;
      }
      case Types.CHAR:
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.BINARY:
      case Types.VARBINARY:
        size = p != null ? p : (givenSize == null || givenSize < 0 ? Integer.MAX_VALUE : givenSize);
        out.put(CHAR_OCTET_LENGTH, size == Integer.MAX_VALUE ? Integer.MAX_VALUE : size * 4);
        break;
      default:
        size = givenSize == null || givenSize < 0 ? null : givenSize;
    }
    out.put(COLUMN_SIZE, size);
    out.put(DECIMAL_DIGITS, digits);
    out.put(NUM_PREC_RADIX, radix);
    return out;
  }
}

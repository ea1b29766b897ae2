package io.shoal.flight;

import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Result types a site refuses to send because common Flight SQL clients read them as wrong values:
 * the Flight SQL JDBC driver shows an ENUM (dictionary-encoded) as its index, an unsigned integer
 * above the signed range as a negative number, and DuckDB's opaque extension types (VARINT) as raw
 * bytes. A clear error that says which cast to add is better than a silently wrong answer.
 */
final class CarriedTypes {
  private CarriedTypes() {}

  /** The schema if every column can be carried faithfully, else INVALID_ARGUMENT naming the column. */
  static Schema require(Schema schema) {
    String problem = problem(schema);
    if (problem != null) {
      throw CallStatus.INVALID_ARGUMENT
          .withDescription(problem)
          .withMetadata(FlightErrors.sqlStateMetadata(io.shoal.protocol.SqlStates.FEATURE_NOT_SUPPORTED))
          .toRuntimeException();
    }
    return schema;
  }

  /** Null when every column can be carried, else a one-line message naming the first bad column. */
  static String problem(Schema schema) {
    for (Field f : schema.getFields()) {
      String p = problem(f, f.getName());
      if (p != null) return p;
    }
    return null;
  }

  private static String problem(Field f, String path) {
    if (f.getDictionary() != null) {
      return refuse(path, "ENUM (dictionary-encoded)", "clients read it as the index", "VARCHAR");
    }
    Map<String, String> md = f.getMetadata();
    String ext = md == null ? null : md.get("ARROW:extension:name");
    if (ext != null && !ext.equals("arrow.uuid") && !ext.equals("arrow.json")) {
      String duck = md.getOrDefault("ARROW:extension:metadata", ext);
      return refuse(path, "extension " + duck, "clients read it as raw bytes", "VARCHAR");
    }
    if (f.getType() instanceof ArrowType.Int i && !i.getIsSigned()) {
      String cast = switch (i.getBitWidth()) {
        case 8 -> "SMALLINT";
        case 16 -> "INTEGER";
        case 32 -> "BIGINT";
        default -> "DECIMAL(20,0)";
      };
      return refuse(path, "unsigned " + i.getBitWidth() + "-bit integer",
          "clients read values above the signed range as negative numbers", cast);
    }
    List<Field> children = f.getChildren();
    if (children != null) {
      for (Field c : children) {
        String p = problem(c, path + "." + c.getName());
        if (p != null) return p;
      }
    }
    return null;
  }

  private static String refuse(String column, String type, String why, String cast) {
    return "column \"" + column + "\" has type " + type + ", which this site does not send because " + why
        + "; cast it in the query, e.g. CAST(... AS " + cast + ")";
  }
}

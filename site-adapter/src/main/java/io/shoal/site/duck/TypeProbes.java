package io.shoal.site.duck;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBResultSet;

/**
 * What DuckDB can tell of a prepared fragment's types before it runs: the Arrow schema of its
 * result and of its parameters, from DuckDB's own Arrow export of an empty result, so that a
 * client binds and reads exactly what the run will send.
 */
public final class TypeProbes {
  private TypeProbes() {}

  /**
   * The result's Arrow schema. LIMIT 0 around the fragment gives DuckDB's Arrow types without
   * running it; DuckDB renames duplicate column names inside a subquery, so the names come from
   * {@code statement} itself.
   */
  static Schema resultSchema(
      Connection conn, BufferAllocator allocator, String sql, PreparedStatement statement, int parameters)
      throws SQLException, IOException {
    String probe = "SELECT * FROM (" + sql + ") AS shoal_probe LIMIT 0";
    try (PreparedStatement ps = conn.prepareStatement(probe)) {
      for (int i = 1; i <= parameters; i++) ps.setObject(i, null);
      try (ResultSet rs = ps.executeQuery();
          ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 1)) {
        Schema raw = reader.getVectorSchemaRoot().getSchema();
        ResultSetMetaData md = statement.getMetaData();
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < raw.getFields().size(); i++) {
          Field f = raw.getFields().get(i);
          String name = i < md.getColumnCount() ? md.getColumnLabel(i + 1) : f.getName();
          fields.add(new Field(name, f.getFieldType(), f.getChildren()));
        }
        return new Schema(fields, raw.getCustomMetadata());
      }
    }
  }

  /** The parameters as Arrow fields {@code parameter_1..n}; a parameter DuckDB leaves open is VARCHAR. */
  static Schema parameterSchema(Connection conn, BufferAllocator allocator, PreparedStatement statement, int n)
      throws SQLException, IOException {
    StringBuilder probe = new StringBuilder("SELECT ");
    var md = statement.getParameterMetaData();
    for (int i = 1; i <= n; i++) {
      String type = md.getParameterTypeName(i);
      if (type == null || type.isBlank() || type.equalsIgnoreCase("UNKNOWN") || type.equalsIgnoreCase("NULL")) {
        type = "VARCHAR";
      }
      probe.append(i > 1 ? ", " : "").append("CAST(NULL AS ").append(type).append(") AS parameter_").append(i);
    }
    try (var st = conn.createStatement();
        ResultSet rs = st.executeQuery(probe.toString());
        ArrowReader reader = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 1)) {
      return reader.getVectorSchemaRoot().getSchema();
    }
  }

  /**
   * The first {@code ?} DuckDB gave no type (it says INVALID, as for {@code sum(x * ?)}), or 0. Such
   * a statement fails on its result schema with "Attempted to dereference unique_ptr that is NULL".
   */
  public static int untypedParameter(PreparedStatement ps) throws SQLException {
    var md = ps.getParameterMetaData();
    for (int i = 1; i <= md.getParameterCount(); i++) {
      if ("INVALID".equalsIgnoreCase(md.getParameterTypeName(i))) return i;
    }
    return 0;
  }
}

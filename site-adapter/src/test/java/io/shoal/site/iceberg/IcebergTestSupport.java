package io.shoal.site.iceberg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shoal.protocol.Distribution;
import io.shoal.site.SiteException;
import io.shoal.site.table.ParsedFragment;
import io.shoal.site.table.QueryBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/** Small helpers shared by the Iceberg tests: fragments, running a binding, CSV files. */
final class IcebergTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();

  private IcebergTestSupport() {}

  /** Parses a fragment like the lead's parser does: DuckDB's tree, the table set {"t"}. */
  static ParsedFragment fragment(Connection duck, String sql, String... tables)
      throws SQLException, IOException {
    try (PreparedStatement ps = duck.prepareStatement("SELECT json_serialize_sql(?)")) {
      ps.setString(1, sql);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        JsonNode root = JSON.readTree(rs.getString(1));
        if (root.path("error").asBoolean()) {
          throw new IllegalArgumentException("does not parse: " + sql + ": " + root);
        }
        return new ParsedFragment(sql, root.path("statements").get(0), Set.of(tables));
      }
    }
  }

  /** Binds {@code sql} against {@code source} and runs it in DuckDB, like a site would. */
  static List<List<Object>> run(Connection duck, IcebergTableSource source, String sql)
      throws Exception {
    QueryBinding b = source.bind(fragment(duck, sql, source.name())).orElseThrow();
    createView(duck, source.name(), b);
    return rows(duck, sql);
  }

  static void createView(Connection duck, String name, QueryBinding b) throws SQLException {
    try (Statement st = duck.createStatement()) {
      st.execute("CREATE OR REPLACE TEMP VIEW \"" + name + "\" AS " + b.viewSql());
    }
  }

  static List<List<Object>> rows(Connection duck, String sql) throws SQLException {
    List<List<Object>> out = new ArrayList<>();
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getObject(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  static long scalar(Connection duck, String sql) throws SQLException {
    try (Statement st = duck.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Path write(Path dir, String name, String... lines) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  static IcebergTableSource source(Catalog catalog, TableIdentifier id) {
    return new IcebergTableSource("t", catalog, id, Distribution.PARTITIONED, Map.of("id", "thing"));
  }

  static SiteException.Kind kindOf(Throwable t) {
    return ((SiteException) t).kind();
  }
}

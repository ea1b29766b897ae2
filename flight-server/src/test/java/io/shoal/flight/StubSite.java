package io.shoal.flight;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.Distribution;
import io.shoal.protocol.SiteInfo;
import io.shoal.protocol.TableInfo;
import io.shoal.site.FragmentRun;
import io.shoal.site.Site;
import io.shoal.site.SiteException;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/** TEMPORARY stand-in for DuckSite until it lands on main. */
final class StubSite implements Site {
  final DuckDBConnection conn;
  final BufferAllocator allocator = new RootAllocator();

  StubSite(String... setup) throws SQLException {
    conn = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    for (String s : setup) try (var st = conn.createStatement()) { st.execute(s); }
  }

  @Override
  public SiteInfo info() {
    List<TableInfo> tables = new ArrayList<>();
    try (var st = conn.createStatement(); var rs = st.executeQuery("select table_name from duckdb_tables() union all select view_name from duckdb_views() where not internal")) {
      while (rs.next()) tables.add(new TableInfo(rs.getString(1), "duckdb", List.of(), -1, Distribution.PARTITIONED, Map.of(), null));
    } catch (SQLException e) { throw new RuntimeException(e); }
    return new SiteInfo("stub", "here", "0.1", tables, null);
  }

  @Override
  public Schema tableSchema(String table) throws SiteException {
    return prepare("select * from " + table, FragmentContext.anonymous("x")).resultSchema();
  }

  @Override
  public Fragment prepare(String sql, FragmentContext context) throws SiteException {
    if (!sql.strip().toLowerCase().startsWith("select")) throw new SiteException(SiteException.Kind.REFUSED, "only SELECT");
    try {
      DuckDBConnection c = (DuckDBConnection) conn.duplicate();
      PreparedStatement ps = c.prepareStatement(sql);
      return new Fragment() {
        public Schema resultSchema() throws SiteException {
          try (PreparedStatement p = c.prepareStatement("select * from (" + sql + ") limit 0")) {
            for (int i = 1; i <= parameterCount(); i++) p.setObject(i, null);
            try (ResultSet rs = p.executeQuery(); ArrowReader r = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 1)) {
              return r.getVectorSchemaRoot().getSchema();
            }
          } catch (Exception e) { throw new SiteException(SiteException.Kind.INVALID_SQL, e.getMessage(), e); }
        }
        public Schema parameterSchema() throws SiteException {
          try {
            var md = ps.getParameterMetaData();
            StringBuilder sb = new StringBuilder("select ");
            for (int i = 1; i <= md.getParameterCount(); i++) sb.append(i > 1 ? ", " : "").append("cast(null as ").append(md.getParameterTypeName(i)).append(") as parameter_").append(i);
            if (md.getParameterCount() == 0) return new Schema(List.of());
            try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sb.toString()); ArrowReader r = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 1)) {
              return r.getVectorSchemaRoot().getSchema();
            }
          } catch (Exception e) { throw new SiteException(SiteException.Kind.INVALID_SQL, e.getMessage(), e); }
        }
        public int parameterCount() {
          try { return ps.getParameterMetaData().getParameterCount(); } catch (SQLException e) { return 0; }
        }
        public FragmentRun run(List<Object> parameters) throws SiteException {
          try {
            for (int i = 0; i < parameters.size(); i++) ps.setObject(i + 1, parameters.get(i));
            ResultSet rs = ps.executeQuery();
            ArrowReader r = (ArrowReader) ((DuckDBResultSet) rs).arrowExportStream(allocator, 65536);
            return new FragmentRun() {
              public ArrowReader reader() { return r; }
              public void cancel() { try { ps.cancel(); } catch (SQLException ignored) {} }
              public Map<String, Long> snapshots() { return Map.of(); }
              public void close() { try { r.close(); rs.close(); } catch (Exception ignored) {} }
            };
          } catch (SQLException e) { throw new SiteException(SiteException.Kind.INVALID_SQL, e.getMessage(), e); }
        }
        public void close() { try { ps.close(); c.close(); } catch (SQLException ignored) {} }
      };
    } catch (SQLException e) {
      throw new SiteException(SiteException.Kind.INVALID_SQL, e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try { conn.close(); } catch (SQLException ignored) {}
  }
}

package io.shoal.planner.system;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code shoal.queries}: the coordinator's recent queries ({@link QueryLog}), one row per query
 * and site asked (a query that asked no site has one row with a null site). {@code rows_received}
 * and {@code bytes} are what arrived from the site, counted as the site's audit log counts them;
 * {@code store_bytes} is what the site fetched from object storage for the query (0 when its file
 * cache had every file), as in its audit log; {@code fragments} is how many fragments were sent to
 * the site (a fragment replayed to a second place of the plan, or spooled for a nested loop, counts
 * once). No column name is a reserved word.
 */
public final class QueriesTable extends AbstractTable implements ScannableTable {

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataType varchar = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true);
    RelDataType bigint = f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), true);
    return f.builder()
        .add("query_id", f.createSqlType(SqlTypeName.VARCHAR))
        .add("query_text", varchar)
        .add("principal", varchar)
        .add("started", f.createSqlType(SqlTypeName.TIMESTAMP, 3))
        .add("millis", f.createSqlType(SqlTypeName.BIGINT))
        .add("status", f.createSqlType(SqlTypeName.VARCHAR))
        .add("site", varchar)
        .add("rows_received", bigint)
        .add("bytes", bigint)
        .add("site_millis", bigint)
        .add("suppressed_groups", bigint)
        .add("site_status", varchar)
        .add("store_bytes", bigint)
        .add("fragments", bigint)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (QueryRecord r : QueryLog.recent()) {
      rows.addAll(r.rows());
    }
    return Linq4j.asEnumerable(rows);
  }
}

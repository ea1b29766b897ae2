package io.shoal.planner.system;

import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** {@code shoal.sites}: name, region, uri, status, last_latency_ms of every configured site. */
public final class SitesTable extends AbstractTable implements ScannableTable {
  private final Supplier<List<Object[]>> rows;

  public SitesTable(Supplier<List<Object[]>> rows) {
    this.rows = rows;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    RelDataType varchar = f.createSqlType(SqlTypeName.VARCHAR);
    return f.builder()
        .add("name", varchar)
        .add("region", f.createTypeWithNullability(varchar, true))
        .add("uri", varchar)
        .add("status", varchar)
        .add("last_latency_ms", f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), true))
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.get());
  }
}

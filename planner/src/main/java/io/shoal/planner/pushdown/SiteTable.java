package io.shoal.planner.pushdown;

import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** A table as one site serves it; scanning it means a fragment at that site. */
public final class SiteTable extends AbstractTable implements TranslatableTable {
  private final TableAtSite table;
  private final TableInfo info;

  public SiteTable(String site, TableInfo info, SiteConvention convention) {
    this.table = new TableAtSite(site, info, convention);
    this.info = info;
  }

  /** The table as a scan reads it. */
  public TableAtSite at() {
    return table;
  }

  public String site() {
    return table.site();
  }

  public TableInfo info() {
    return info;
  }

  public SiteConvention convention() {
    return table.convention();
  }

  public boolean replicated() {
    return table.replicated();
  }

  /** The key domain of a column (case-insensitive), or null. */
  public String keyDomain(String column) {
    return table.keyDomain(column);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    List<RelDataType> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ColumnInfo c : info.columns()) {
      names.add(c.name());
      types.add(columnType(f, c));
    }
    return f.createStructType(types, names);
  }

  public static RelDataType columnType(RelDataTypeFactory f, ColumnInfo c) {
    try {
      return DuckDbTypes.toRelType(f, c.type(), c.nullable());
    } catch (IllegalArgumentException e) {
      // An exotic column must not make the whole table unusable; its values pass through as-is.
      return f.createTypeWithNullability(f.createSqlType(SqlTypeName.ANY), true);
    }
  }

  @Override
  public Statistic getStatistic() {
    return Statistics.of(info.rowCount() >= 0 ? info.rowCount() : 1_000_000d, List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new SiteTableScan(context.getCluster(), relOptTable, table);
  }

  @Override
  public String toString() {
    return table.site() + "." + info.name().toLowerCase(Locale.ROOT);
  }
}

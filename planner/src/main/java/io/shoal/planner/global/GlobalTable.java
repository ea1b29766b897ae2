package io.shoal.planner.global;

import io.shoal.planner.pushdown.SiteTable;
import io.shoal.planner.errors.ShoalException;
import io.shoal.planner.prepare.ShoalTypeSystem;
import io.shoal.planner.pushdown.SiteTableScan;
import io.shoal.protocol.ColumnInfo;
import io.shoal.protocol.SqlStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * A table of the {@code global} schema: the UNION ALL of the same-named table at every site that
 * has it (one site for a replicated table), plus {@code _site}. Columns are merged by name to a
 * common type; a site lacking a column contributes NULLs.
 */
public final class GlobalTable extends AbstractTable implements TranslatableTable {
  public static final String SITE_COLUMN = "_site";

  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl(ShoalTypeSystem.INSTANCE);

  private final String name;
  /** The site tables read, in site order (one for a replicated table). */
  private final List<SiteTable> members;
  private final List<String> columnNames;
  private final List<RelDataType> columnTypes;
  /** Set when the sites' tables cannot be merged: every query on the table fails with it. */
  private final String error;

  private GlobalTable(
      String name,
      List<SiteTable> members,
      List<String> columnNames,
      List<RelDataType> columnTypes,
      String error) {
    this.name = name;
    this.members = members;
    this.columnNames = columnNames;
    this.columnTypes = columnTypes;
    this.error = error;
  }

  /** Merges the same-named tables of several sites (given in site order). */
  public static GlobalTable merge(String name, List<SiteTable> all) {
    long replicated = all.stream().filter(SiteTable::replicated).count();
    if (replicated > 0 && replicated < all.size()) {
      return broken(name, all,
          "global table " + name + " is replicated at "
              + sites(all.stream().filter(SiteTable::replicated).collect(Collectors.toList()))
              + " but partitioned at "
              + sites(all.stream().filter(t -> !t.replicated()).collect(Collectors.toList()))
              + "; every site must declare the same distribution");
    }
    List<SiteTable> members = replicated > 0 ? List.of(all.get(0)) : all;

    // Column name (lower case) -> per member: column or null.
    Map<String, String> spelled = new LinkedHashMap<>();
    Map<String, Map<SiteTable, ColumnInfo>> byName = new LinkedHashMap<>();
    for (SiteTable t : members) {
      for (ColumnInfo c : t.info().columns()) {
        String key = c.name().toLowerCase(Locale.ROOT);
        if (key.equals(SITE_COLUMN)) {
          continue;
        }
        spelled.putIfAbsent(key, c.name());
        byName.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(t, c);
      }
    }
    List<String> names = new ArrayList<>();
    List<RelDataType> types = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Map<SiteTable, ColumnInfo>> e : byName.entrySet()) {
      Map<SiteTable, ColumnInfo> cols = e.getValue();
      List<RelDataType> colTypes = new ArrayList<>();
      boolean nullable = cols.size() < members.size();
      for (Map.Entry<SiteTable, ColumnInfo> c : cols.entrySet()) {
        RelDataType t = SiteTable.columnType(TYPES, c.getValue());
        nullable |= t.isNullable();
        colTypes.add(TYPES.createTypeWithNullability(t, false));
      }
      RelDataType merged = colTypes.stream().distinct().count() == 1
          ? colTypes.get(0)
          : sameFamily(colTypes) ? TYPES.leastRestrictive(colTypes) : null;
      if (merged == null) {
        problems.add("column " + spelled.get(e.getKey()) + " is "
            + cols.entrySet().stream()
                .map(c -> c.getValue().type() + " at " + c.getKey().site())
                .collect(Collectors.joining(", ")));
        continue;
      }
      names.add(spelled.get(e.getKey()));
      types.add(TYPES.createTypeWithNullability(merged, nullable));
    }
    if (!problems.isEmpty()) {
      return broken(name, members, "global table " + name
          + " cannot be formed: the sites' columns have no common type: "
          + String.join("; ", problems));
    }
    names.add(SITE_COLUMN);
    types.add(TYPES.createSqlType(SqlTypeName.VARCHAR));
    return new GlobalTable(name, members, names, types, null);
  }

  /**
   * Whether the types may be merged at all: Calcite's leastRestrictive is lenient across families
   * (it would merge INTEGER with DATE), which would silently change values.
   */
  private static boolean sameFamily(List<RelDataType> types) {
    RelDataType first = types.get(0);
    for (RelDataType t : types) {
      boolean ok = SqlTypeUtil.isNumeric(first) ? SqlTypeUtil.isNumeric(t)
          : SqlTypeUtil.inCharFamily(first) ? SqlTypeUtil.inCharFamily(t)
          : SqlTypeUtil.isBinary(first) ? SqlTypeUtil.isBinary(t)
          : t.getSqlTypeName() == first.getSqlTypeName();
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static GlobalTable broken(String name, List<SiteTable> members, String error) {
    return new GlobalTable(name, members,
        List.of(SITE_COLUMN), List.of(TYPES.createSqlType(SqlTypeName.VARCHAR)), error);
  }

  private static String sites(List<SiteTable> ts) {
    return ts.stream().map(SiteTable::site).collect(Collectors.joining(", "));
  }

  public String name() {
    return name;
  }

  public List<SiteTable> members() {
    return members;
  }

  /** Null when the table is usable; otherwise why not. */
  public String error() {
    return error;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory f) {
    List<RelDataType> copies = new ArrayList<>();
    for (RelDataType t : columnTypes) {
      copies.add(f.copyType(t));
    }
    return f.createStructType(copies, columnNames);
  }

  @Override
  public Statistic getStatistic() {
    double rows = 0;
    for (SiteTable t : members) {
      rows += t.getStatistic().getRowCount();
    }
    return Statistics.of(rows, List.of());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    if (error != null) {
      throw new ShoalException(SqlStates.DATA_EXCEPTION, error);
    }
    RelOptCluster cluster = context.getCluster();
    RelDataType rowType = getRowType(cluster.getTypeFactory());
    List<RelNode> branches = new ArrayList<>();
    for (SiteTable member : members) {
      RelOptTable table = relOptTable.getRelOptSchema()
          .getTableForMember(List.of(member.site(), member.info().name()));
      if (table == null) {
        throw new ShoalException(SqlStates.INTERNAL_ERROR, "table " + member + " vanished");
      }
      branches.add(branch(cluster, new SiteTableScan(cluster, table, member.at()), rowType));
    }
    if (branches.size() == 1) {
      return branches.get(0);
    }
    return LogicalUnion.create(branches, true);
  }

  /** One site's rows in the global table's shape: columns by name, casts, NULLs, {@code _site}. */
  static RelNode branch(RelOptCluster cluster, SiteTableScan scan, RelDataType rowType) {
    RexBuilder rex = cluster.getRexBuilder();
    RelDataType scanType = scan.getRowType();
    List<RexNode> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      names.add(f.getName());
      RexNode e;
      if (f.getName().equals(SITE_COLUMN)) {
        // A CAST keeps the type VARCHAR (a bare literal is CHAR(n), and the union would widen it).
        e = rex.makeAbstractCast(f.getType(), rex.makeLiteral(scan.site()), false);
      } else {
        RelDataTypeField src = scanType.getField(f.getName(), false, false);
        if (src == null) {
          e = rex.makeNullLiteral(f.getType());
        } else {
          e = rex.makeInputRef(scan, src.getIndex());
          RelDataType want = cluster.getTypeFactory()
              .createTypeWithNullability(f.getType(), src.getType().isNullable());
          if (!src.getType().equals(want)) {
            e = rex.makeAbstractCast(want, e, false);
          }
        }
      }
      exprs.add(e);
    }
    return LogicalProject.create(scan, List.of(), exprs, names, java.util.Set.of());
  }
}

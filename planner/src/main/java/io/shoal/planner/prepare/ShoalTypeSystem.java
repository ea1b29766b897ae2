package io.shoal.planner.prepare;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Result types as DuckDB (the single-database oracle) gives them, so that splitting an aggregate
 * across sites cannot change a type or overflow: SUM of small integers is BIGINT, SUM of DECIMAL
 * widens to precision 38, AVG/STDDEV/VAR are DOUBLE.
 */
public final class ShoalTypeSystem extends RelDataTypeSystemImpl {
  public static final ShoalTypeSystem INSTANCE = new ShoalTypeSystem();

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return 38;
    }
    return super.getMaxPrecision(typeName);
  }

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    if (typeName == SqlTypeName.DECIMAL) {
      return 38;
    }
    return super.getMaxScale(typeName);
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory f, RelDataType argumentType) {
    RelDataType t;
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        t = f.createSqlType(SqlTypeName.BIGINT);
        break;
      case DECIMAL:
        t = f.createSqlType(SqlTypeName.DECIMAL, 38, argumentType.getScale());
        break;
      case REAL:
      case FLOAT:
        t = f.createSqlType(SqlTypeName.DOUBLE);
        break;
      default:
        return super.deriveSumType(f, argumentType);
    }
    return f.createTypeWithNullability(t, argumentType.isNullable());
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory f, RelDataType argumentType) {
    if (SqlTypeUtil.isNumeric(argumentType)) {
      return f.createTypeWithNullability(
          f.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(f, argumentType);
  }

  /**
   * CASE/UNION over string literals of different lengths is VARCHAR, as in DuckDB, not a CHAR(n)
   * that pads {@code 'mid'} to {@code 'mid  '}.
   */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}

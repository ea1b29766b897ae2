package io.shoal.planner.functions;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * The functions analysts and BI tools write, under DuckDB's names and with DuckDB's meaning, so
 * that a fragment says what the query said and the coordinator computes what DuckDB would.
 *
 * <p>Where Calcite has a function with DuckDB's meaning (its PostgreSQL, MySQL or BigQuery
 * library), it is used as it is: Calcite implements it at the coordinator and the dialect writes
 * it under DuckDB's name. The rest are {@link DuckDb} functions: a name, a type, and a Java
 * implementation in {@link DuckDbRuntime}; in a fragment they are written as called.
 */
public final class DuckDbFunctions {
  private DuckDbFunctions() {}

  /** A DuckDB function the coordinator implements itself; written in fragments under its name. */
  public static final class DuckDb extends SqlUserDefinedFunction {
    DuckDb(String name, SqlFunctionCategory category, SqlReturnTypeInference ret,
        SqlOperandTypeChecker operands, Method impl) {
      // Not a user-defined category: Calcite's JDBC rules push only built-in categories.
      super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ret, null,
          new Operands(operands), ScalarFunctionImpl.createUnsafe(impl), category,
          SqlSyntax.FUNCTION);
    }
  }

  private static Method method(String name, int args) {
    for (Method m : DuckDbRuntime.class.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args) {
        return m;
      }
    }
    throw new IllegalStateException("no DuckDbRuntime." + name + "/" + args);
  }

  private static final SqlOperandTypeChecker PART_AND_DATETIME =
      OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME);

  private static final SqlReturnTypeInference TIMESTAMP =
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP).andThen(
          org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE);

  /** date_part is a BIGINT, except date_part('epoch', ...): DuckDB's seconds as a DOUBLE. */
  private static final SqlReturnTypeInference DATE_PART_TYPE = b -> {
    boolean epoch = b.isOperandLiteral(0, false)
        && "epoch".equalsIgnoreCase(b.getOperandLiteralValue(0, String.class));
    return (epoch ? ReturnTypes.DOUBLE_NULLABLE : ReturnTypes.BIGINT_NULLABLE).inferReturnType(b);
  };

  public static final DuckDb DATE_TRUNC = new DuckDb("date_trunc", SqlFunctionCategory.TIMEDATE,
      TIMESTAMP, PART_AND_DATETIME, method("dateTrunc", 2));
  public static final DuckDb DATE_PART = new DuckDb("date_part", SqlFunctionCategory.TIMEDATE,
      DATE_PART_TYPE, PART_AND_DATETIME, method("datePart", 2));
  public static final DuckDb DATEPART = new DuckDb("datepart", SqlFunctionCategory.TIMEDATE,
      DATE_PART_TYPE, PART_AND_DATETIME, method("datePart", 2));
  public static final DuckDb EPOCH = new DuckDb("epoch", SqlFunctionCategory.TIMEDATE,
      ReturnTypes.DOUBLE_NULLABLE, OperandTypes.DATETIME, method("epoch", 1));
  private static final SqlOperandTypeChecker PART_DATETIME_DATETIME = OperandTypes.family(
      SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME);
  public static final DuckDb DATE_DIFF = new DuckDb("date_diff", SqlFunctionCategory.TIMEDATE,
      ReturnTypes.BIGINT_NULLABLE, PART_DATETIME_DATETIME, method("dateDiff", 3));
  public static final DuckDb DATEDIFF = new DuckDb("datediff", SqlFunctionCategory.TIMEDATE,
      ReturnTypes.BIGINT_NULLABLE, PART_DATETIME_DATETIME, method("dateDiff", 3));
  public static final DuckDb STRFTIME = new DuckDb("strftime", SqlFunctionCategory.TIMEDATE,
      ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.CHARACTER), method("strftime", 2));
  public static final DuckDb MAKE_DATE = new DuckDb("make_date", SqlFunctionCategory.TIMEDATE,
      ReturnTypes.DATE_NULLABLE, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
          SqlTypeFamily.INTEGER), method("makeDate", 3));
  public static final DuckDb REGEXP_MATCHES = new DuckDb("regexp_matches",
      SqlFunctionCategory.STRING, ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING,
      method("regexpMatches", 2));
  public static final DuckDb REGEXP_REPLACE = new DuckDb("regexp_replace",
      SqlFunctionCategory.STRING, ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING_STRING_STRING,
      method("regexpReplace", 3));
  public static final DuckDb REGEXP_REPLACE_OPTIONS = new DuckDb("regexp_replace",
      SqlFunctionCategory.STRING, ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.STRING_STRING_STRING_STRING, method("regexpReplace", 4));
  public static final DuckDb REGEXP_EXTRACT = new DuckDb("regexp_extract",
      SqlFunctionCategory.STRING, ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING_STRING,
      method("regexpExtract", 2));
  public static final DuckDb REGEXP_EXTRACT_GROUP = new DuckDb("regexp_extract",
      SqlFunctionCategory.STRING, ReturnTypes.VARCHAR_NULLABLE, OperandTypes.STRING_STRING_INTEGER,
      method("regexpExtract", 3));
  public static final DuckDb CONTAINS = new DuckDb("contains", SqlFunctionCategory.STRING,
      ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.STRING_STRING, method("contains", 2));

  /** {@code now()}: the statement's timestamp, as CURRENT_TIMESTAMP. */
  static final SqlFunction NOW = new Alias("now", SqlFunctionCategory.TIMEDATE,
      OperandTypes.NILADIC, b -> b.getTypeFactory().createSqlType(SqlTypeName.TIMESTAMP));

  /** {@code date_add(ts, interval)}: ts + interval, a TIMESTAMP even for a DATE, as in DuckDB. */
  static final SqlFunction DATE_ADD = new Alias("date_add", SqlFunctionCategory.TIMEDATE,
      OperandTypes.DATETIME_INTERVAL, TIMESTAMP);

  /** Functions Calcite's libraries have with DuckDB's meaning; the dialect writes DuckDB's names. */
  static final List<SqlOperator> FROM_LIBRARIES = List.of(
      SqlLibraryOperators.LENGTH, SqlLibraryOperators.LEN, SqlLibraryOperators.LEFT,
      SqlLibraryOperators.RIGHT, SqlLibraryOperators.SUBSTR_BIG_QUERY,
      SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL, SqlLibraryOperators.CONCAT_WS,
      SqlLibraryOperators.LTRIM, SqlLibraryOperators.RTRIM, SqlLibraryOperators.STRPOS,
      SqlLibraryOperators.INSTR, SqlLibraryOperators.SPLIT_PART, SqlLibraryOperators.LPAD,
      SqlLibraryOperators.RPAD, SqlLibraryOperators.STARTS_WITH, SqlLibraryOperators.ENDS_WITH,
      SqlLibraryOperators.REPEAT, SqlLibraryOperators.REVERSE, SqlLibraryOperators.ILIKE,
      SqlLibraryOperators.NOT_ILIKE, SqlLibraryOperators.GREATEST_PG, SqlLibraryOperators.LEAST_PG,
      SqlLibraryOperators.LOG_POSTGRES, SqlLibraryOperators.LOG2, SqlLibraryOperators.POW,
      SqlLibraryOperators.IFNULL, SqlLibraryOperators.NVL, SqlLibraryOperators.TRY_CAST,
      SqlLibraryOperators.INFIX_CAST, SqlLibraryOperators.MONTHNAME, SqlLibraryOperators.DAYNAME,
      SqlLibraryOperators.CHR, SqlLibraryOperators.BOOL_AND, SqlLibraryOperators.BOOL_OR,
      SqlLibraryOperators.STRING_AGG);

  /**
   * What {@code DatabaseMetaData.getNumericFunctions} and its siblings report: the JDBC escape
   * names ({@code {fn ...}}) that work, then DuckDB's own names that work. BI tools read these
   * to decide which SQL to generate.
   */
  public static final String NUMERIC_FUNCTIONS = String.join(",", "ABS", "ACOS", "ASIN", "ATAN",
      "ATAN2", "CEILING", "COS", "COT", "DEGREES", "EXP", "FLOOR", "LOG", "LOG10", "MOD", "PI",
      "POWER", "RADIANS", "RAND", "ROUND", "SIGN", "SIN", "SQRT", "TAN", "TRUNCATE", "CEIL", "LN",
      "POW", "LOG2", "GREATEST", "LEAST");
  public static final String STRING_FUNCTIONS = String.join(",", "ASCII", "CHAR", "CONCAT",
      "INSERT", "LCASE", "LEFT", "LENGTH", "LOCATE", "LTRIM", "REPEAT", "REPLACE", "RIGHT", "RTRIM",
      "SUBSTRING", "UCASE", "LOWER", "UPPER", "TRIM", "POSITION", "STRPOS", "INSTR", "SUBSTR",
      "CONCAT_WS", "SPLIT_PART", "LPAD", "RPAD", "STARTS_WITH", "ENDS_WITH", "CONTAINS",
      "REGEXP_MATCHES", "REGEXP_REPLACE", "REGEXP_EXTRACT", "REVERSE", "CHAR_LENGTH", "LEN");
  public static final String TIME_DATE_FUNCTIONS = String.join(",", "CURDATE", "CURTIME",
      "DAYNAME", "DAYOFMONTH", "DAYOFWEEK", "DAYOFYEAR", "HOUR", "MINUTE", "MONTH", "MONTHNAME",
      "NOW", "QUARTER", "SECOND", "TIMESTAMPADD", "TIMESTAMPDIFF", "WEEK", "YEAR", "CURRENT_DATE",
      "CURRENT_TIMESTAMP", "EXTRACT", "DATE_TRUNC", "DATE_PART", "DATEPART", "DATE_DIFF",
      "DATEDIFF", "DATE_ADD", "STRFTIME", "MAKE_DATE", "EPOCH");
  public static final String SYSTEM_FUNCTIONS = String.join(",", "IFNULL", "USER", "COALESCE",
      "NULLIF", "NVL", "TRY_CAST", "CAST");

  /** Every function this class adds, for the validator. */
  public static final SqlOperatorTable TABLE = SqlOperatorTables.of(all());

  private static List<SqlOperator> all() {
    List<SqlOperator> out = new ArrayList<>(FROM_LIBRARIES);
    out.addAll(List.of(DATE_TRUNC, DATE_PART, DATEPART, EPOCH, DATE_DIFF, DATEDIFF, STRFTIME,
        MAKE_DATE, REGEXP_MATCHES, REGEXP_REPLACE, REGEXP_REPLACE_OPTIONS, REGEXP_EXTRACT,
        REGEXP_EXTRACT_GROUP, CONTAINS, NOW, DATE_ADD));
    out.addAll(DuckDbAggregates.NAMED);
    return out;
  }

  /**
   * EXTRACT units whose meaning differs between Calcite and DuckDB (DOW is 1-7 from Sunday in
   * Calcite, 0-6 in DuckDB...): these become DuckDB's {@code date_part}, computed as DuckDB does
   * wherever they run. EPOCH, fractional seconds in DuckDB and a BIGINT in Calcite, is made
   * {@code date_part('epoch', x)} before validation (ShoalValidator), so it is typed DOUBLE.
   */
  private static final Set<TimeUnitRange> DUCKDB_UNITS = Set.of(TimeUnitRange.DOW,
      TimeUnitRange.ISODOW, TimeUnitRange.DOY, TimeUnitRange.WEEK, TimeUnitRange.QUARTER,
      TimeUnitRange.DECADE, TimeUnitRange.CENTURY, TimeUnitRange.MILLENNIUM,
      TimeUnitRange.ISOYEAR, TimeUnitRange.MILLISECOND, TimeUnitRange.MICROSECOND);

  /** Calcite's convertlets, plus those of the functions here and of EXTRACT's DuckDB units. */
  public static SqlRexConvertletTable convertlets(SqlRexConvertletTable std) {
    return call -> {
      SqlOperator op = call.getOperator();
      if (op instanceof DuckDb) {
        return DuckDbFunctions::convertDuckDb;
      }
      if (op == NOW) {
        return (cx, c) -> cx.getRexBuilder().makeCall(SqlStdOperatorTable.CURRENT_TIMESTAMP);
      }
      if (op == DATE_ADD) {
        return DuckDbFunctions::convertDateAdd;
      }
      if (op.getKind() == SqlKind.EXTRACT && extractUnit(call) != null
          && DUCKDB_UNITS.contains(extractUnit(call))) {
        return DuckDbFunctions::convertExtract;
      }
      return std.get(call);
    };
  }

  private static TimeUnitRange extractUnit(SqlCall call) {
    SqlNode unit = call.operand(0);
    if (unit instanceof SqlIntervalQualifier q) {
      return q.timeUnitRange;
    }
    if (unit instanceof org.apache.calcite.sql.SqlLiteral l
        && l.getValue() instanceof TimeUnitRange r) {
      return r;
    }
    return null;
  }

  /** DuckDB's functions take TIMESTAMPs: a DATE argument is cast, as DuckDB casts it. */
  private static RexNode convertDuckDb(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    List<RexNode> args = new ArrayList<>();
    for (SqlNode operand : call.getOperandList()) {
      args.add(timestampIfDate(rex, cx.convertExpression(operand)));
    }
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    SqlOperator op = call.getOperator();
    if ((op == DATE_PART || op == DATEPART)
        && type.getSqlTypeName() == SqlTypeName.DOUBLE) {
      return rex.makeCall(type, EPOCH, List.of(args.get(1)));
    }
    return rex.makeCall(type, op, args);
  }

  private static RexNode timestampIfDate(RexBuilder rex, RexNode e) {
    if (e.getType().getSqlTypeName() != SqlTypeName.DATE) {
      return e;
    }
    RelDataTypeFactory f = rex.getTypeFactory();
    return rex.makeCast(f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP),
        e.getType().isNullable()), e);
  }

  private static RexNode convertDateAdd(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode ts = timestampIfDate(rex, cx.convertExpression(call.operand(0)));
    RexNode interval = cx.convertExpression(call.operand(1));
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    return rex.makeCall(type, SqlStdOperatorTable.DATETIME_PLUS, List.of(ts, interval));
  }

  private static RexNode convertExtract(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    TimeUnitRange unit = extractUnit(call);
    RexNode value = timestampIfDate(rex, cx.convertExpression(call.operand(1)));
    boolean nullable = value.getType().isNullable();
    RelDataTypeFactory f = rex.getTypeFactory();
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    RexLiteral part = rex.makeLiteral(unit.name().toLowerCase(Locale.ROOT));
    RelDataType bigint = f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), nullable);
    RexNode call2 = rex.makeCall(bigint, DATE_PART, List.of(part, value));
    // EXTRACT is typed by the validator (BIGINT in Calcite): keep the call's type.
    return rex.makeCast(type, call2, false, false);
  }

  /** A DuckDB name that converts to one of Calcite's own expressions (see convertlets). */
  private static final class Alias extends SqlFunction {
    Alias(String name, SqlFunctionCategory category, SqlOperandTypeChecker operands,
        SqlReturnTypeInference ret) {
      super(name, SqlKind.OTHER_FUNCTION, ret, null, operands, category);
    }
  }

  /** A type checker as the metadata SqlUserDefinedFunction wants; no named parameters. */
  record Operands(SqlOperandTypeChecker checker) implements SqlOperandMetadata {
    @Override
    public List<RelDataType> paramTypes(RelDataTypeFactory typeFactory) {
      return List.of();
    }

    @Override
    public List<String> paramNames() {
      return List.of();
    }

    @Override
    public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      return checker.checkOperandTypes(binding, throwOnFailure);
    }

    @Override
    public SqlOperandCountRange getOperandCountRange() {
      return checker.getOperandCountRange();
    }

    @Override
    public String getAllowedSignatures(SqlOperator op, String opName) {
      return checker.getAllowedSignatures(op, opName);
    }

    @Override
    public boolean isOptional(int i) {
      return checker.isOptional(i);
    }

    @Override
    public Consistency getConsistency() {
      return checker.getConsistency();
    }
  }
}

package io.shoal.protocol;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The functions a fragment may call, in DuckDB's names: one list that the site's guard enforces and
 * the coordinator's residency check reads, so the two cannot disagree about what a fragment may do.
 *
 * <p>It is an allow-list on purpose. DuckDB grows functions with every release ({@code
 * current_setting}, {@code query}, {@code read_*}, {@code duckdb_*} among them) and a deny-list
 * would let each new one through. What is here is what a federated query needs (what the
 * coordinator's DuckDB dialect renders) plus the everyday functions analysts and BI tools write;
 * none of them reads a file, a setting, the catalog or another table.
 */
public final class FragmentFunctions {
  private FragmentFunctions() {}

  /** Operators, as DuckDB's parser names them ({@code LIKE} is {@code ~~}). */
  static final Set<String> OPERATORS =
      Set.of(
          "+", "-", "*", "/", "//", "%", "**", "^", "||", "&", "|", "<<", ">>", "~", "@",
          "~~", "!~~", "~~*", "!~~*", "~~~", "!~~~", "^@", "->", "->>", "&&", "@>", "<@");

  /** Scalar functions: pure computations over the values they are given. */
  static final Set<String> SCALARS =
      names(
          // numbers
          "abs", "ceil", "ceiling", "floor", "round", "round_even", "trunc", "sqrt", "cbrt", "power",
          "pow", "exp", "ln", "log", "log10", "log2", "mod", "sign", "greatest", "least", "pi",
          "degrees", "radians", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "cot",
          "isnan", "isinf", "isfinite", "gcd", "lcm", "factorial", "even", "fdiv", "fmod",
          "divide", "add", "subtract", "multiply", "bit_count", "xor",
          // strings
          "length", "len", "char_length", "character_length", "octet_length", "strlen",
          "left", "right", "substr", "substring", "concat", "concat_ws", "lower", "upper", "lcase",
          "ucase", "trim", "ltrim", "rtrim", "replace", "position", "strpos", "instr",
          "split_part", "lpad", "rpad", "starts_with", "ends_with", "prefix", "suffix",
          "contains", "regexp_matches", "regexp_replace", "regexp_extract", "regexp_full_match",
          "like_escape", "not_like_escape", "ilike_escape", "not_ilike_escape", "reverse", "repeat",
          "ascii", "chr", "initcap", "translate", "format", "printf", "string_split",
          "str_split", "split", "array_to_string", "list_aggregate",
          // dates and times
          "date_trunc", "datetrunc", "date_part", "datepart", "extract", "date_diff", "datediff",
          "date_sub", "datesub", "date_add", "strftime", "strptime", "try_strptime", "make_date",
          "make_time", "make_timestamp", "make_timestamptz", "current_date", "current_time",
          "current_timestamp", "now", "today", "get_current_date", "get_current_time",
          "get_current_timestamp", "epoch", "epoch_ms", "epoch_us", "epoch_ns", "to_timestamp",
          "year", "month", "day", "dayofmonth", "dayofweek", "isodow", "dayofyear", "week",
          "weekofyear", "yearweek", "isoyear", "quarter", "hour", "minute", "second",
          "millisecond", "microsecond", "decade", "century", "era", "last_day", "monthname",
          "dayname", "age", "time_bucket", "to_days", "to_hours", "to_minutes", "to_seconds",
          "to_milliseconds", "to_months", "to_years", "to_weeks", "to_microseconds",
          "to_decades", "to_centuries", "to_millennia", "to_quarters",
          // NULLs and conditionals
          "coalesce", "ifnull", "nullif", "nvl", "if", "iff",
          // constructors (their arguments are still checked column by column)
          "struct_pack", "row", "list_value", "array_value", "list_pack", "range",
          "generate_series", "unnest", "list_extract", "array_extract", "list_element",
          "element_at", "array_length", "list_contains", "list_has", "array_contains",
          "array_has", "struct_extract",
          // types
          "try_cast", "typeof");

  /** Aggregates whose every output summarises many rows: the ones an aggregates-only table may use. */
  static final Set<String> SUMMARY_AGGREGATES =
      names(
          "count", "count_star", "sum", "avg", "mean", "stddev", "stddev_samp", "stddev_pop",
          "variance", "var_samp", "var_pop", "fsum", "sumkahan", "kahan_sum", "sum_no_overflow",
          "approx_count_distinct", "regr_count", "covar_pop", "covar_samp", "corr", "count_if",
          "countif");

  /**
   * Aggregates that may return one row's value (MIN, MAX, ANY_VALUE, LIST, quantiles...) or one
   * bit about a single row (BOOL_OR: "is there a row such that..."): allowed only over tables whose
   * rows may leave anyway.
   */
  static final Set<String> REVEALING_AGGREGATES =
      names(
          "min", "max", "any_value", "arbitrary", "first", "last", "arg_min", "arg_max", "argmin",
          "argmax", "min_by", "max_by", "list", "array_agg", "string_agg", "group_concat",
          "listagg", "histogram", "mode", "median", "quantile", "quantile_cont", "quantile_disc",
          "percentile_cont", "percentile_disc", "approx_quantile", "bit_and", "bit_or", "bit_xor",
          "bool_and", "bool_or", "every", "product", "entropy",
          "kurtosis", "kurtosis_pop", "skewness", "mad", "single_value");

  /** Window-only functions; a window's aggregate is checked as an aggregate. */
  static final Set<String> WINDOW_FUNCTIONS =
      names(
          "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead",
          "first_value", "last_value", "nth_value");

  /** Table functions that read no data: generators only. */
  static final Set<String> TABLE_FUNCTIONS = names("range", "generate_series", "unnest");

  /** What kind of call a name is, if a fragment may make it at all. */
  public enum Kind {
    OPERATOR,
    SCALAR,
    SUMMARY_AGGREGATE,
    REVEALING_AGGREGATE,
    WINDOW,
    TABLE_FUNCTION
  }

  /** Whether a fragment may call {@code name} as a scalar function or operator (any case). */
  public static boolean scalarAllowed(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return OPERATORS.contains(n) || SCALARS.contains(n);
  }

  /** Whether {@code name} is an aggregate a fragment may call over tables whose rows may leave. */
  public static boolean aggregateAllowed(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return SUMMARY_AGGREGATES.contains(n) || REVEALING_AGGREGATES.contains(n);
  }

  /** Whether an aggregates-only table may be aggregated with {@code name}. */
  public static boolean summarises(String name) {
    return SUMMARY_AGGREGATES.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Whether a window may compute {@code name}: a window function or an allowed aggregate. */
  public static boolean windowAllowed(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return WINDOW_FUNCTIONS.contains(n) || aggregateAllowed(n);
  }

  /** Whether a fragment may use {@code name} in FROM. */
  public static boolean tableFunctionAllowed(String name) {
    return TABLE_FUNCTIONS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Every name on the list, for documentation and tests. */
  public static Set<String> all() {
    return Stream.of(OPERATORS, SCALARS, SUMMARY_AGGREGATES, REVEALING_AGGREGATES, WINDOW_FUNCTIONS, TABLE_FUNCTIONS)
        .flatMap(Set::stream)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> names(String... names) {
    return Set.of(names);
  }
}

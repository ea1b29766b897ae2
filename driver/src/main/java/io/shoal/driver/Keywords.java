package io.shoal.driver;

/**
 * The words Shoal's parser (Calcite's Babel parser, see ShoalParserFactory) reserves that are not
 * SQL:2003 keywords, as {@link java.sql.DatabaseMetaData#getSQLKeywords} wants them: tools quote
 * an identifier that is one of these. Babel reserves far fewer words than Calcite's core parser
 * ({@code day}, {@code value}, {@code user}, {@code abs} are names), but some the core parser does
 * not ({@code minus}, {@code try_cast}, the weekday names). A constant here, because the
 * remote-only jar carries no parser; KeywordsTest checks it against the parser.
 */
final class Keywords {
  static final String NON_SQL2003 = String.join(",",
      "ASOF", "DATEADD", "DATEDIFF", "DATEPART", "DATETIME", "DATE_PART", "DEFINE", "EXPLAIN",
      "FRIDAY", "JSON_SCOPE", "LIMIT", "MATCH_CONDITION", "MATCH_RECOGNIZE", "MEASURE", "MINUS",
      "MONDAY", "OFFSET", "ORDINAL", "PATTERN", "QUALIFY", "SAFE_CAST", "SAFE_OFFSET",
      "SAFE_ORDINAL", "SATURDAY", "SKIP", "SNAPSHOT", "STREAM", "SUNDAY", "TABLESAMPLE",
      "THURSDAY", "TRY_CAST", "TUESDAY", "UNNEST", "UNSIGNED", "UUID", "VARIANT", "VOLATILE",
      "WEDNESDAY");

  private Keywords() {}
}

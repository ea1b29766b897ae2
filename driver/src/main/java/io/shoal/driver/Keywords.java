package io.shoal.driver;

/**
 * Keywords Calcite's parser reserves beyond SQL:2003, as {@link java.sql.DatabaseMetaData#getSQLKeywords}
 * wants them: tools use the list to decide which identifiers to quote.
 */
final class Keywords {
  static final String NON_SQL2003 = String.join(",",
      "ABS", "ALLOW", "APPLY", "ARRAY_MAX_CARDINALITY", "CLASSIFIER", "CONDITION_NUMBER",
      "CONTAINS", "CURRENT_ROW", "DEFINE", "EMPTY", "EQUALS", "EXPLAIN", "FRAME_ROW",
      "GROUPS", "IMPORT", "INITIAL", "JSON_ARRAY", "JSON_OBJECT", "LIMIT", "MATCHES",
      "MATCH_NUMBER", "MATCH_RECOGNIZE", "MEASURES", "OFFSET", "OMIT", "ONE", "PATTERN",
      "PER", "PERIOD", "PERMUTE", "PORTION", "PRECEDES", "QUALIFY", "RUNNING", "SEEK",
      "SHOW", "SKIP", "SUBSET", "SUCCEEDS", "SYSTEM_TIME", "TABLESAMPLE", "TRUNCATE",
      "UNNEST", "VALUE_OF", "VERSIONING");

  private Keywords() {}
}

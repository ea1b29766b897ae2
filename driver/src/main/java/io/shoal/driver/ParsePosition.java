package io.shoal.driver;

import org.apache.calcite.sql.parser.SqlParseException;

/**
 * Where Calcite's parser stopped. A class of its own so that only a JVM that has Calcite (the
 * embedded driver, the coordinator) ever loads it; {@link Errors} calls it only for a {@link
 * SqlParseException} it found by name.
 */
final class ParsePosition {
  private ParsePosition() {}

  /** "line L, column C", or null. */
  static String of(Throwable parseException) {
    SqlParseException p = (SqlParseException) parseException;
    return p.getPos() == null ? null : "line " + p.getPos().getLineNum() + ", column " + p.getPos().getColumnNum();
  }
}

package io.shoal.site.duck;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.site.SiteException;
import org.junit.jupiter.api.Test;

/** Messages as DuckDB 2.0 writes them (seen on these machines), and what of them a caller gets. */
class ErrorTextTest {

  @Test
  void aConversionErrorNamesTheColumnAndTypeButNotTheValue() {
    String m = ErrorText.forCaller("Conversion Error: Could not convert string 'user1@x.com' to INT32 when casting from"
        + " source column email\n\nLINE 1: SELECT CAST(email AS INTEGER) FROM t\n               ^^^^");
    assertThat(m).isEqualTo("Conversion Error: a value of column email could not be converted to INT32"
        + " (the value is withheld; use TRY_CAST to get NULL instead)");
    assertThat(ErrorText.forCaller("Conversion Error: Could not convert string \"user1@x.com\" to DECIMAL(10,2) when"
        + " casting from source column email")).contains("column email").contains("DECIMAL(10,2)").doesNotContain("user1");
    assertThat(ErrorText.forCaller("Conversion Error: Type INT32 with value 2147483647 can't be cast because the value is"
        + " out of range for the destination type INT8 when casting from source column n")).contains("INT8").doesNotContain("2147483647");
  }

  @Test
  void aValueThatImitatesTheMessageCannotSmuggleItselfOut() {
    String m = ErrorText.forCaller("Conversion Error: Could not convert string 'secret to INT32 when casting from source"
        + " column x' to INT32 when casting from source column email");
    assertThat(m).doesNotContain("secret").contains("column email");
    assertThat(ErrorText.forCaller("Conversion Error: invalid date field format: \"go to HELL\", expected format is"
        + " (YYYY-MM-DD) when casting from source column d")).doesNotContain("HELL").doesNotContain("go to");
  }

  @Test
  void nativeErrorsRaisedWhileStreamingAreUnwrapped() {
    String m = ErrorText.forCaller("[errno -1] CDataJniException{errno=-1, message=Conversion Error: Could not convert"
        + " string 'boom' to INT64\n\nLINE 1: SELECT ...}");
    assertThat(m).startsWith("Conversion Error").doesNotContain("boom");
    assertThat(DuckErrors.classify("[errno -1] CDataJniException{errno=-1, message=Conversion Error: x}", null, "").kind())
        .isEqualTo(SiteException.Kind.CONVERSION);
  }

  @Test
  void overflowAndParseErrorsLoseTheirValues() {
    assertThat(ErrorText.forCaller("Out of Range Error: Overflow in multiplication of INT32 (2147483647 * 1000000)!"))
        .isEqualTo("Out of Range Error: Overflow in multiplication of INT32 (values withheld)");
    assertThat(ErrorText.forCaller("Invalid Input Error: Could not parse string \"user1@x.com\" according to format"
        + " specifier \"%Y\"\nuser1@x.com\n^\nError: Expected a number")).doesNotContain("user1");
  }

  @Test
  void absolutePathsAreCutToTheirLastPart() {
    assertThat(ErrorText.forCaller("IO Error: No files found that match the pattern \"/tmp/shoal-x/data/eu/gone/*.parquet\""))
        .isEqualTo("IO Error: No files found that match the pattern \"…/*.parquet\"");
    assertThat(ErrorText.withoutPaths("a / b and 10/2 and x/y")).isEqualTo("a / b and 10/2 and x/y");
  }

  @Test
  void divisionByZeroAndOverflowAreDataErrorsWithTheirOwnStates() {
    SiteException div = DuckErrors.classify("Invalid Input Error: Division by zero in expression (1 // (id - 70000))."
        + " Use TRY(...) to return NULL for this expression", null, "");
    assertThat(div.kind()).isEqualTo(SiteException.Kind.DATA_VALUE);
    assertThat(div.sqlState()).isEqualTo("22012");
    assertThat(div.getMessage()).startsWith("Invalid Input Error: Division by zero").doesNotContain("70000");
    SiteException overflow = DuckErrors.classify("Out of Range Error: Overflow in addition of INT32 (48 + 2147483600)!", null, "");
    assertThat(overflow.kind()).isEqualTo(SiteException.Kind.DATA_VALUE);
    assertThat(overflow.sqlState()).isEqualTo("22003");
    assertThat(overflow.getMessage()).doesNotContain("2147483600");
    assertThat(DuckErrors.classify("Conversion Error: Could not convert string 'x' to INT32", null, "").sqlState()).isNull();
  }

  @Test
  void anUntypedParameterIsNamedWithTheCastToWrite() {
    SiteException e = DuckErrors.untypedParameter(2);
    assertThat(e.sqlState()).isEqualTo("42P18");
    assertThat(e.getMessage()).contains("parameter 2 (the 2nd ?)", "CAST(? AS");
    assertThat(ErrorText.untypedParameter(11)).contains("11th");
  }
}

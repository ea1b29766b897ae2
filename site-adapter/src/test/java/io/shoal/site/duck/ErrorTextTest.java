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
}

package io.shoal.planner.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The coordinator's whole-group aggregates against figures DuckDB 2.0.0 gave for the same values
 * (run by hand in its JDBC driver, 2026-12-02); the BI corpus checks them through the federation.
 */
class GroupValuesTest {
  private static GroupValues of(Object q, Object... xs) {
    GroupValues g = new GroupValues();
    for (Object x : xs) {
      if (q == null) {
        g.add(x);
      } else {
        g.add(x, q);
      }
    }
    return g;
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  void decimalInterpolationTruncatesTowardZeroInUnscaledIntegers() {
    // quantile_cont(x, 0.5) over DECIMAL(12,2): 1.27 (not 1.28), -1.27; 0.25 and 0.75 of 1.01, 1.04
    assertThat(of(d("0.5"), d("1.25"), d("1.30")).quantileCont(false, GroupValues.CONT_DECIMAL, 2))
        .isEqualTo(d("1.27"));
    assertThat(of(d("0.5"), d("-1.25"), d("-1.30")).quantileCont(false, GroupValues.CONT_DECIMAL, 2))
        .isEqualTo(d("-1.27"));
    assertThat(of(d("0.25"), d("1.01"), d("1.04")).quantileCont(false, GroupValues.CONT_DECIMAL, 2))
        .isEqualTo(d("1.01"));
    assertThat(of(d("0.75"), d("1.01"), d("1.04")).quantileCont(false, GroupValues.CONT_DECIMAL, 2))
        .isEqualTo(d("1.03"));
    // median (no quantile argument) of the same: 1.27
    assertThat(of(null, d("1.25"), d("1.30")).quantileCont(false, GroupValues.CONT_DECIMAL, 2))
        .isEqualTo(d("1.27"));
  }

  @Test
  void doubleInterpolationIsLoTimesOneMinusDPlusHiTimesD() {
    // DuckDB: quantile_cont(i, 0.3) over 1, 2 is 1.2999999999999998 (1 + 0.3 would be 1.3)
    assertThat(of(d("0.3"), 1, 2).quantileCont(false, GroupValues.CONT_DOUBLE, 0))
        .isEqualTo(1.2999999999999998);
    assertThat(of(d("0.3"), 1.5, 2.5).quantileCont(false, GroupValues.CONT_DOUBLE, 0))
        .isEqualTo(1.7999999999999998);
    // percentile_cont(0.3) WITHIN GROUP (ORDER BY i DESC): 1.7
    assertThat(of(d("0.3"), 1, 2).quantileCont(true, GroupValues.CONT_DOUBLE, 0)).isEqualTo(1.7);
  }

  @Test
  void datesInterpolateAsTimestamps() {
    // quantile_cont(dt, 0.3) over 2024-01-01, 2024-01-04: 2024-01-01 21:36:00
    long jan1 = java.time.LocalDate.of(2024, 1, 1).toEpochDay();
    Object ts = of(d("0.3"), (int) jan1, (int) jan1 + 3)
        .quantileCont(false, GroupValues.CONT_DATE, 0);
    assertThat(ts).isEqualTo(jan1 * 86_400_000L + (21 * 60 + 36) * 60_000L);
  }

  @Test
  void discreteIndexIsTheFirstReachingTheQuantile() {
    assertThat(of(d("0.5"), 2, 1).quantileDisc(false)).isEqualTo(1);
    assertThat(of(d("0.3"), d("1.25"), d("1.30")).quantileDisc(true)).isEqualTo(d("1.30"));
    assertThat(of(d("0.3"), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10).quantileDisc(false)).isEqualTo(3);
    assertThat(of(d("0"), 5, 3).quantileDisc(false)).isEqualTo(3);
    assertThat(of(d("1"), 5, 3).quantileDisc(false)).isEqualTo(5);
    assertThat(of(null, "b", "a").quantileDisc(false)).isEqualTo("a"); // median(VARCHAR)
  }

  @Test
  void modeTiesGoToTheSmallestValue() {
    // DuckDB: mode(x) over 3, 1, 3, 1, 2 is 3 (first seen); mode() WITHIN GROUP (ORDER BY x) is 1
    assertThat(of(null, 3, 1, 3, 1, 2).mode()).isEqualTo(1);
    assertThat(of(null, d("1.0"), d("1.00"), d("2")).mode()).isEqualTo(d("1.0"));
    assertThat(of(null, "b", "a", "b").mode()).isEqualTo("b");
  }

  @Test
  void corrIsNanForOnePairOrAConstant() {
    GroupValues one = new GroupValues().add(1, 1.5);
    assertThat(one.corr()).isNaN();
    GroupValues constant = new GroupValues().add(1, 5).add(2, 5);
    assertThat(constant.corr()).isNaN();
    GroupValues line = new GroupValues().add(1, 1.5).add(2, 2.5);
    assertThat(line.corr()).isEqualTo(1.0);
  }

  @Test
  void approxQuantileIsTheExactOneInTheArgumentsType() {
    // DuckDB's T-Digest gave 2 (INTEGER) and 1.28 (DECIMAL) for these; exact: 1.5 -> 2, 1.275 -> 1.28
    assertThat(of(d("0.5"), 1, 2).approxQuantile(GroupValues.CONT_DOUBLE, 0, "java.lang.Integer"))
        .isEqualTo(2);
    assertThat(of(d("0.5"), d("1.25"), d("1.30"))
        .approxQuantile(GroupValues.CONT_DECIMAL, 2, "java.math.BigDecimal")).isEqualTo(d("1.28"));
  }

  @Test
  void aQuantileOutsideZeroToOneFails() {
    assertThatThrownBy(() -> of(d("1.5"), 1, 2).quantileCont(false, GroupValues.CONT_DOUBLE, 0))
        .hasMessageContaining("between 0 and 1");
  }
}

package io.shoal.testsupport;

/** The statistics of repeated noisy answers (differential privacy), as the privacy suites check them. */
public final class Samples {
  private Samples() {}

  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) s += x;
    return s / v.length;
  }

  /** The sample standard deviation (n - 1 in the denominator). */
  public static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return Math.sqrt(s / (v.length - 1));
  }
}

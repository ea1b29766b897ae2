package io.shoal.examples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and percentiles of timings. */
final class Stats {
  private Stats() {}

  /** The median; the mean of the two middle values for an even count. */
  static double median(List<Long> values) {
    if (values.isEmpty()) throw new IllegalArgumentException("median of no values");
    List<Long> s = sorted(values);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2.0;
  }

  /** The nearest-rank percentile {@code p} (0 < p <= 100): the smallest value with p% at or below it. */
  static long percentile(List<Long> values, double p) {
    if (values.isEmpty()) throw new IllegalArgumentException("percentile of no values");
    if (!(p > 0 && p <= 100)) throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
    List<Long> s = sorted(values);
    int rank = (int) Math.ceil(p / 100.0 * s.size());
    return s.get(Math.max(1, rank) - 1);
  }

  private static List<Long> sorted(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    Collections.sort(s);
    return s;
  }
}

package io.shoal.planner.functions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The non-NULL values of one group, as the coordinator gathers them for an aggregate that needs
 * them all ({@link DuckDbAggregates}), and the results computed from them as DuckDB 2.0 computes
 * them: the same interpolation, index rule, rounding and types. Values are in Calcite's internal
 * form (a TIMESTAMP is milliseconds, a DATE days since the epoch). Called by generated code.
 */
public final class GroupValues {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final List<Object> xs = new ArrayList<>();
  private final List<Object> ys = new ArrayList<>();
  private Object parameter;

  /** A value of a one-argument aggregate. */
  public GroupValues add(Object x) {
    xs.add(x);
    return this;
  }

  /** A value and its second argument: the quantile (constant), or the pair's other value. */
  public GroupValues add(Object x, Object y) {
    xs.add(x);
    ys.add(y);
    parameter = y;
    return this;
  }

  /** The quantile as written; DuckDB accepts 0 to 1 (negative ones mean descending: not here). */
  private double quantile() {
    if (parameter == null) {
      return 0.5; // median
    }
    double q = ((Number) parameter).doubleValue();
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("a quantile must be between 0 and 1, got " + parameter);
    }
    return q;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Object> sorted(boolean desc) {
    List<Object> v = new ArrayList<>(xs);
    Comparator<Object> order = (a, b) -> ((Comparable) a).compareTo(b);
    v.sort(desc ? order.reversed() : order);
    return v;
  }

  /**
   * {@code quantile_cont}, {@code median} and {@code percentile_cont ... WITHIN GROUP}: the value
   * at (n - 1) * q in sorted order, interpolated between its neighbours. DuckDB interpolates a
   * DOUBLE as lo * (1 - d) + hi * d, a DECIMAL in its unscaled integers as lo + (hi - lo) * d
   * truncated toward zero (1.25 and 1.30 give 1.27), a TIMESTAMP (and a DATE, which becomes one)
   * in microseconds the same way.
   */
  public Object quantileCont(boolean desc, int kind, int scale) {
    List<Object> v = sorted(desc);
    double rn = (v.size() - 1) * quantile();
    int lo = (int) Math.floor(rn);
    int hi = (int) Math.ceil(rn);
    double d = rn - lo;
    return switch (kind) {
      case CONT_DECIMAL -> {
        BigDecimal a = ((BigDecimal) v.get(lo)).setScale(scale, RoundingMode.UNNECESSARY);
        BigDecimal b = ((BigDecimal) v.get(hi)).setScale(scale, RoundingMode.UNNECESSARY);
        if (lo == hi) {
          yield a;
        }
        double x = a.unscaledValue().doubleValue()
            + b.unscaledValue().subtract(a.unscaledValue()).doubleValue() * d;
        yield BigDecimal.valueOf((long) x, scale); // a cast to an integer truncates, as in C++
      }
      case CONT_TIMESTAMP, CONT_DATE -> {
        long a = micros(v.get(lo), kind);
        long b = micros(v.get(hi), kind);
        long x = lo == hi ? a : (long) (a + (b - a) * d);
        yield Math.floorDiv(x, 1000L);
      }
      default -> interpolate(v, quantile());
    };
  }

  /** DuckDB's interpolation of DOUBLEs at (n - 1) * q: lo * (1 - d) + hi * d. */
  private static double interpolate(List<Object> v, double q) {
    double rn = (v.size() - 1) * q;
    int lo = (int) Math.floor(rn);
    int hi = (int) Math.ceil(rn);
    double d = rn - lo;
    double a = ((Number) v.get(lo)).doubleValue();
    double b = ((Number) v.get(hi)).doubleValue();
    return lo == hi ? a : a * (1 - d) + b * d;
  }

  private static long micros(Object v, int kind) {
    return kind == CONT_DATE ? ((Number) v).longValue() * MICROS_PER_DAY
        : ((Number) v).longValue() * 1000L;
  }

  /** What {@link #quantileCont} interpolates: DOUBLE, DECIMAL, TIMESTAMP, or a DATE's TIMESTAMP. */
  public static final int CONT_DOUBLE = 0;
  public static final int CONT_DECIMAL = 1;
  public static final int CONT_TIMESTAMP = 2;
  public static final int CONT_DATE = 3;

  /**
   * {@code quantile_disc}, {@code quantile}, {@code percentile_disc ... WITHIN GROUP} (and
   * {@code median} of a non-numeric type): the first value whose cumulative share reaches q, at
   * index max(1, n - floor(n - n * q)) - 1 as DuckDB computes it (exactly for a decimal q).
   */
  public Object quantileDisc(boolean desc) {
    List<Object> v = sorted(desc);
    long n = v.size();
    long floored;
    Object p = parameter == null ? new BigDecimal("0.5") : parameter; // median
    if (p instanceof BigDecimal q) {
      quantile();
      BigDecimal nq = BigDecimal.valueOf(n).multiply(q);
      floored = BigDecimal.valueOf(n).subtract(nq).setScale(0, RoundingMode.FLOOR).longValueExact();
    } else {
      floored = (long) Math.floor(n - n * quantile());
    }
    return v.get((int) (Math.max(1, n - floored) - 1));
  }

  /**
   * {@code approx_quantile}: Shoal gives the exact continuous quantile, in the argument's type
   * (rounded to an integer or the decimal's scale half to even, a DATE rounded down), where DuckDB
   * estimates it from a T-Digest. The exact value is within any bound of the estimate's.
   */
  public Object approxQuantile(int kind, int scale, String javaClass) {
    int cont = switch (kind) {
      case CONT_DECIMAL, CONT_TIMESTAMP, CONT_DATE -> kind;
      default -> CONT_DOUBLE;
    };
    if (kind == CONT_DECIMAL) {
      return BigDecimal.valueOf(interpolate(sorted(false), quantile()))
          .setScale(scale, RoundingMode.HALF_EVEN);
    }
    Object exact = quantileCont(false, cont, scale);
    if (kind == CONT_DATE) {
      return (int) Math.floorDiv((Long) exact, 86_400_000L);
    }
    if (kind == CONT_TIMESTAMP) {
      return exact;
    }
    double x = (Double) exact;
    return switch (javaClass) {
      case "java.lang.Byte" -> (byte) Math.rint(x);
      case "java.lang.Short" -> (short) Math.rint(x);
      case "java.lang.Integer" -> (int) Math.rint(x);
      case "java.lang.Long" -> (long) Math.rint(x);
      case "java.lang.Float" -> (float) x;
      default -> x;
    };
  }

  /**
   * {@code mode}: the most frequent value; of equally frequent ones, the smallest. DuckDB takes
   * the one its scan met first, which depends on the order rows arrive in (threads, sites), so
   * Shoal fixes the order: this is DuckDB's {@code mode() WITHIN GROUP (ORDER BY x)}.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Object mode() {
    Map<Object, int[]> counts = new TreeMap<>((a, b) -> ((Comparable) a).compareTo(b));
    for (Object x : xs) {
      counts.computeIfAbsent(x, k -> new int[1])[0]++;
    }
    Object best = null;
    int most = 0;
    for (Map.Entry<Object, int[]> e : counts.entrySet()) {
      if (e.getValue()[0] > most) {
        most = e.getValue()[0];
        best = e.getKey();
      }
    }
    return best;
  }

  /**
   * {@code corr(y, x)} over the pairs where neither is NULL: the population covariance over the
   * product of the population standard deviations, NaN when either is 0 (one pair, or a constant),
   * as in DuckDB.
   */
  public Double corr() {
    int n = xs.size();
    double my = 0;
    double mx = 0;
    for (int i = 0; i < n; i++) {
      my += ((Number) xs.get(i)).doubleValue();
      mx += ((Number) ys.get(i)).doubleValue();
    }
    my /= n;
    mx /= n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < n; i++) {
      double dy = ((Number) xs.get(i)).doubleValue() - my;
      double dx = ((Number) ys.get(i)).doubleValue() - mx;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    double stdX = n > 1 ? Math.sqrt(sxx / n) : 0;
    double stdY = n > 1 ? Math.sqrt(syy / n) : 0;
    return (sxy / n) / (stdX * stdY);
  }

  /** The values in sorted order; for tests. */
  List<Object> values() {
    return Collections.unmodifiableList(sorted(false));
  }
}

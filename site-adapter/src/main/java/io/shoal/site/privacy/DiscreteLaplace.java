package io.shoal.site.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Exact sampling from the discrete Laplace distribution on the integers, P[Z = z] proportional to
 * exp(-|z| / scale) with a rational scale, after Canonne, Kamath and Steinke, "The Discrete Gaussian
 * for Differential Privacy" (NeurIPS 2020), Algorithms 1 and 2.
 *
 * <p>Why not {@code -scale * log(uniform)}: a floating-point Laplace sample has gaps and a
 * non-uniform grid of values, so its low bits tell which true value it was added to (Mironov,
 * "On Significance of the Least Significant Bits for Differential Privacy", CCS 2012). Here every
 * step draws uniform integers and compares them with rationals: no rounding exists to leak
 * anything, and the output is an integer the caller adds to a value snapped to the same grid.
 */
public final class DiscreteLaplace {

  private final Random random;

  /** Samples with a {@link SecureRandom}: what every release of a private answer uses. */
  public DiscreteLaplace() {
    this(new SecureRandom());
  }

  /** Samples with {@code random}: tests that need a fixed seed pass their own. */
  public DiscreteLaplace(Random random) {
    this.random = random;
  }

  /**
   * One sample with scale {@code numerator / denominator} (both positive).
   *
   * <p>Algorithm 2 of Canonne-Kamath-Steinke with t = numerator, s = denominator: draw U uniform
   * in [0, t) and keep it with probability exp(-U/t); add t times a geometric count of
   * Bernoulli(exp(-1)) successes; divide by s (floor); pick the sign, rejecting negative zero so
   * that 0 is not counted twice.
   */
  public BigInteger sample(BigInteger numerator, BigInteger denominator) {
    if (numerator.signum() <= 0 || denominator.signum() <= 0) {
      throw new IllegalArgumentException("the scale must be positive");
    }
    BigInteger t = numerator;
    BigInteger s = denominator;
    while (true) {
      BigInteger u = uniform(t);
      if (!bernoulliExpMinus(u, t)) continue;
      long v = 0;
      while (bernoulliExpMinus(BigInteger.ONE, BigInteger.ONE)) v++;
      BigInteger x = u.add(t.multiply(BigInteger.valueOf(v)));
      BigInteger y = x.divide(s);
      boolean negative = random.nextBoolean();
      if (negative && y.signum() == 0) continue;
      return negative ? y.negate() : y;
    }
  }

  /**
   * Bernoulli(exp(-n/d)) for n/d >= 0, exactly (Algorithm 1): for a rate in [0, 1], the parity of
   * the first failure in a run of Bernoulli(rate/k) trials; larger rates are split into
   * floor(rate) trials at exp(-1) and one at the fractional part.
   */
  boolean bernoulliExpMinus(BigInteger n, BigInteger d) {
    if (n.signum() < 0) throw new IllegalArgumentException("the rate must not be negative");
    if (n.compareTo(d) <= 0) {
      long k = 1;
      while (bernoulli(n, d.multiply(BigInteger.valueOf(k)))) k++;
      return (k & 1) == 1;
    }
    BigInteger[] whole = n.divideAndRemainder(d);
    for (BigInteger i = BigInteger.ZERO; i.compareTo(whole[0]) < 0; i = i.add(BigInteger.ONE)) {
      if (!bernoulliExpMinus(BigInteger.ONE, BigInteger.ONE)) return false;
    }
    return bernoulliExpMinus(whole[1], d);
  }

  /** Bernoulli(n/d) for 0 <= n <= d: a uniform integer below d compared with n. */
  boolean bernoulli(BigInteger n, BigInteger d) {
    return uniform(d).compareTo(n) < 0;
  }

  /** A uniform integer in [0, bound), by rejection of uniform bit strings (no modulo bias). */
  BigInteger uniform(BigInteger bound) {
    int bits = bound.subtract(BigInteger.ONE).bitLength();
    if (bits == 0) return BigInteger.ZERO;
    while (true) {
      BigInteger candidate = new BigInteger(bits, random);
      if (candidate.compareTo(bound) < 0) return candidate;
    }
  }

  /** The variance of the distribution with this scale: 2q / (1 - q)^2 with q = exp(-1/scale). */
  public static double variance(double scale) {
    double q = Math.exp(-1 / scale);
    return 2 * q / ((1 - q) * (1 - q));
  }

  /** P[Z >= k] for k >= 1: q^k / (1 + q) with q = exp(-1/scale). */
  public static double upperTail(double scale, long k) {
    if (k <= 0) throw new IllegalArgumentException("k must be at least 1");
    double q = Math.exp(-1 / scale);
    return Math.pow(q, k) / (1 + q);
  }

  /**
   * The smallest h with P[|Z| >= h] <= 1 - confidence: the half-width of the interval that holds
   * the noise with that confidence (for the 95% interval, confidence 0.95).
   */
  public static long halfWidth(double scale, double confidence) {
    double q = Math.exp(-1 / scale);
    // P[|Z| >= h] = 2 q^h / (1 + q) for h >= 1
    double h = Math.log((1 - confidence) * (1 + q) / 2) / Math.log(q);
    return Math.max(1, (long) Math.ceil(h));
  }
}

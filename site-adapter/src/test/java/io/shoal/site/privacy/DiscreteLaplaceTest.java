package io.shoal.site.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The sampler against the distribution it claims, with the site's own SecureRandom (no fixed seed:
 * the bounds are wide enough, at 6 standard errors, that a correct sampler fails about once in
 * 10^8 runs, while a sampler off by a few percent in variance or tail fails every time).
 */
class DiscreteLaplaceTest {

  private static final int N = 200_000;

  @ParameterizedTest(name = "scale {0}/{1}")
  @CsvSource({"1,1", "7,2", "10,1", "1000,3"})
  void meanVarianceAndTailsMatchTheDistribution(long numerator, long denominator) {
    double scale = (double) numerator / denominator;
    DiscreteLaplace sampler = new DiscreteLaplace(new SecureRandom());
    double sum = 0;
    double sumSquares = 0;
    double sumFourth = 0;
    long[] atLeast = new long[4];
    long[] thresholds = {1, Math.max(2, Math.round(scale)), Math.max(3, Math.round(2 * scale)), Math.max(4, Math.round(3 * scale))};
    for (int i = 0; i < N; i++) {
      long z = sampler.sample(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator)).longValueExact();
      sum += z;
      sumSquares += (double) z * z;
      sumFourth += (double) z * z * z * z;
      for (int j = 0; j < thresholds.length; j++) if (z >= thresholds[j]) atLeast[j]++;
    }
    double variance = DiscreteLaplace.variance(scale);
    double mean = sum / N;
    assertTrue(Math.abs(mean) < 6 * Math.sqrt(variance / N), "mean " + mean + " for variance " + variance);

    double secondMoment = sumSquares / N;
    // the standard error of the second moment is sqrt((E[Z^4] - Var^2) / N), estimated from the sample
    double spread = Math.sqrt(Math.max(sumFourth / N - secondMoment * secondMoment, 1e-12) / N);
    assertTrue(Math.abs(secondMoment - variance) < 6 * spread,
        "variance " + secondMoment + ", expected " + variance + " (standard error " + spread + ")");

    for (int j = 0; j < thresholds.length; j++) {
      double p = DiscreteLaplace.upperTail(scale, thresholds[j]);
      double observed = (double) atLeast[j] / N;
      double error = Math.sqrt(p * (1 - p) / N);
      assertTrue(Math.abs(observed - p) < 6 * error + 1e-9,
          "P[Z >= " + thresholds[j] + "] = " + observed + ", expected " + p);
    }
  }

  @Test
  void sampleFrequenciesPassAChiSquareTest() {
    // scale 2: bins -6..6 plus two tails; 14 degrees of freedom, critical value 36.1 at p = 0.001
    DiscreteLaplace sampler = new DiscreteLaplace(new SecureRandom());
    double scale = 2;
    int span = 6;
    long[] counts = new long[2 * span + 3];
    for (int i = 0; i < N; i++) {
      long z = sampler.sample(BigInteger.TWO, BigInteger.ONE).longValueExact();
      int bin = z < -span ? 0 : z > span ? counts.length - 1 : (int) z + span + 1;
      counts[bin]++;
    }
    double q = Math.exp(-1 / scale);
    double norm = (1 - q) / (1 + q);
    double chi = 0;
    for (int bin = 0; bin < counts.length; bin++) {
      double p;
      if (bin == 0 || bin == counts.length - 1) {
        p = DiscreteLaplace.upperTail(scale, span + 1);
      } else {
        p = norm * Math.pow(q, Math.abs(bin - span - 1));
      }
      double expected = p * N;
      chi += (counts[bin] - expected) * (counts[bin] - expected) / expected;
    }
    assertTrue(chi < 36.1, "chi-square " + chi + " over " + counts.length + " bins");
  }

  @Test
  void bernoulliOfExpMinusGammaHasThatProbability() {
    DiscreteLaplace sampler = new DiscreteLaplace(new SecureRandom());
    for (long[] gamma : new long[][] {{1, 3}, {1, 1}, {5, 2}}) {
      int hits = 0;
      for (int i = 0; i < N; i++) {
        if (sampler.bernoulliExpMinus(BigInteger.valueOf(gamma[0]), BigInteger.valueOf(gamma[1]))) hits++;
      }
      double p = Math.exp(-(double) gamma[0] / gamma[1]);
      double observed = (double) hits / N;
      assertTrue(Math.abs(observed - p) < 6 * Math.sqrt(p * (1 - p) / N),
          "exp(-" + gamma[0] + "/" + gamma[1] + "): " + observed + " vs " + p);
    }
  }

  @Test
  void aFixedSeedGivesTheSameSamples() {
    // Only reproducibility needs a seed: the same seed, the same draws.
    DiscreteLaplace a = new DiscreteLaplace(new Random(42));
    DiscreteLaplace b = new DiscreteLaplace(new Random(42));
    for (int i = 0; i < 100; i++) {
      assertEquals(a.sample(BigInteger.TEN, BigInteger.ONE), b.sample(BigInteger.TEN, BigInteger.ONE));
    }
  }

  @Test
  void theHalfWidthHoldsTheNoiseWithItsConfidence() {
    for (double scale : new double[] {0.5, 1, 10, 1e6}) {
      long h = DiscreteLaplace.halfWidth(scale, 0.95);
      double q = Math.exp(-1 / scale);
      double outside = 2 * Math.pow(q, h) / (1 + q);
      double outsideOneLess = h == 1 ? 1 : 2 * Math.pow(q, h - 1) / (1 + q);
      assertTrue(outside <= 0.05 + 1e-12, "P[|Z| >= " + h + "] = " + outside);
      assertTrue(outsideOneLess > 0.05 - 1e-12, "h " + h + " is not the smallest for scale " + scale);
    }
  }
}

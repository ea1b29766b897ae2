package io.shoal.site.privacy;

import io.shoal.site.privacy.PrivatePlan.Measure;
import io.shoal.site.privacy.PrivatePlan.Output;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the first statement of a {@link PrivatePlan} and writes the noisy figures of the groups it
 * releases to {@code shoal_dp_noisy}, for the plan's release statement to read.
 *
 * <p>Each figure x is snapped to its measure's grid g and gets integer noise: g * (round(x / g) +
 * Z), Z discrete Laplace with scale (ceil(sensitivity / g) + 1) / epsilon_share, the +1 covering the
 * rounding (counts, already integers, need none). Nothing but whole multiples of g leaves, so the
 * low bits of a released figure carry nothing about x.
 *
 * <p>Groups are released by DP partition selection (the Laplace thresholding of Korolova et al.,
 * "Releasing Search Queries and Clicks Privately", WWW 2009, as in Google's DP libraries): the
 * number of units in the group plus discrete Laplace noise of scale G / epsilon_share must reach a
 * threshold T chosen so that a group of one unit passes with probability at most delta / G.
 */
public final class PrivateRelease {

  private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

  private final DiscreteLaplace noise;

  public PrivateRelease(DiscreteLaplace noise) {
    this.noise = noise;
  }

  /** What one release did: candidate groups and how many of them partition selection held back. */
  public record Outcome(long candidates, long withheld) {}

  public Outcome release(Connection conn, PrivatePlan plan, List<Object> parameters) throws SQLException {
    try (PreparedStatement groups = conn.prepareStatement(plan.groupsSql())) {
      for (int i = 0; i < parameters.size(); i++) groups.setObject(i + 1, parameters.get(i));
      groups.execute();
    }
    List<Measure> measures = plan.measures();
    StringBuilder read = new StringBuilder("SELECT shoal_rid, shoal_units");
    for (Measure m : measures) read.append(", ").append(m.column());
    read.append(" FROM shoal_dp_groups");
    List<String[]> released = new ArrayList<>();
    long candidates = 0;
    long threshold = plan.grouped() ? threshold(plan) : 0;
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(read.toString())) {
      while (rs.next()) {
        candidates++;
        long rid = rs.getLong(1);
        if (plan.grouped()) {
          BigInteger units = BigInteger.valueOf(rs.getLong(2));
          BigInteger noisy = units.add(sample(BigDecimal.valueOf(plan.maxGroups()), plan));
          if (noisy.compareTo(BigInteger.valueOf(threshold)) < 0) continue;
        }
        BigDecimal[] noisy = new BigDecimal[measures.size()];
        for (int i = 0; i < measures.size(); i++) noisy[i] = noisy(measures.get(i), value(rs.getObject(3 + i)), plan);
        String[] row = new String[plan.outputs().size() + 1];
        row[0] = Long.toString(rid);
        for (int o = 0; o < plan.outputs().size(); o++) row[o + 1] = output(plan.outputs().get(o), noisy);
        released.add(row);
      }
    }
    StringBuilder create = new StringBuilder("CREATE OR REPLACE TEMP TABLE shoal_dp_noisy (shoal_rid BIGINT");
    for (Output o : plan.outputs()) create.append(", ").append(o.column()).append(" VARCHAR");
    create.append(")");
    try (Statement st = conn.createStatement()) {
      st.execute(create.toString());
    }
    if (!released.isEmpty()) {
      StringBuilder insert = new StringBuilder("INSERT INTO shoal_dp_noisy VALUES (?");
      for (int o = 0; o < plan.outputs().size(); o++) insert.append(", ?");
      insert.append(")");
      try (PreparedStatement ps = conn.prepareStatement(insert.toString())) {
        for (String[] row : released) {
          ps.setLong(1, Long.parseLong(row[0]));
          for (int c = 1; c < row.length; c++) ps.setString(c + 1, row[c]);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
    return new Outcome(candidates, candidates - released.size());
  }

  /** Drops the plan's TEMP tables from the connection. */
  public static void cleanUp(Connection conn) {
    try (Statement st = conn.createStatement()) {
      st.execute("DROP TABLE IF EXISTS shoal_dp_noisy");
      st.execute("DROP TABLE IF EXISTS shoal_dp_groups");
    } catch (SQLException ignored) {
      // the connection is not reused after a failed run
    }
  }

  private BigDecimal noisy(Measure m, BigDecimal exact, PrivatePlan plan) {
    BigDecimal g = m.granularity();
    BigInteger snapped = exact.divide(g, PRECISION).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    BigDecimal steps = m.sensitivity().divide(g, PRECISION).setScale(0, RoundingMode.CEILING);
    boolean exactGrid = m.count() && g.compareTo(BigDecimal.ONE) == 0;
    if (!exactGrid) steps = steps.add(BigDecimal.ONE);
    return g.multiply(new BigDecimal(snapped.add(sample(steps, plan))));
  }

  /** Discrete Laplace noise of scale {@code steps / epsilon_share}, with exact rationals. */
  private BigInteger sample(BigDecimal steps, PrivatePlan plan) {
    BigDecimal epsilon = plan.epsilon().stripTrailingZeros();
    BigInteger p = epsilon.unscaledValue();
    BigInteger q = BigInteger.ONE;
    if (epsilon.scale() > 0) q = BigInteger.TEN.pow(epsilon.scale());
    else p = p.multiply(BigInteger.TEN.pow(-epsilon.scale()));
    // scale = steps * parts / epsilon = steps * parts * q / p
    BigInteger numerator = steps.toBigIntegerExact().multiply(BigInteger.valueOf(plan.parts())).multiply(q);
    return noise.sample(numerator, p);
  }

  /** The fewest noisy units a group needs: a group of one unit passes with probability at most delta / G. */
  static long threshold(PrivatePlan plan) {
    double scale = plan.maxGroups() * plan.parts() / plan.epsilon().doubleValue();
    double perGroup = plan.delta().doubleValue() / plan.maxGroups();
    long k = 1;
    while (DiscreteLaplace.upperTail(scale, k) > perGroup) k++;
    return k + 1;
  }

  private static String output(Output o, BigDecimal[] noisy) {
    switch (o.kind()) {
      case COUNT:
        return noisy[o.count()].max(BigDecimal.ZERO).toBigInteger().toString();
      case SUM:
        return noisy[o.sum()].toPlainString();
      default: {
        BigDecimal count = noisy[o.count()].max(BigDecimal.ONE);
        BigDecimal mean = noisy[o.sum()].divide(count, PRECISION);
        return mean.max(o.lower()).min(o.upper()).toPlainString();
      }
    }
  }

  private static BigDecimal value(Object v) {
    if (v == null) return BigDecimal.ZERO;
    if (v instanceof Double d) return BigDecimal.valueOf(d);
    if (v instanceof Float f) return BigDecimal.valueOf(f.doubleValue());
    return new BigDecimal(v.toString());
  }
}

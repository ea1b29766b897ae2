package io.shoal.planner.rewrite;

import io.shoal.planner.pushdown.SiteTableScan;
import io.shoal.planner.pushdown.SiteTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;

/**
 * Co-located joins: {@code Join(Union_i A_i, Union_i B_i)} becomes {@code Union_i Join(A_i, B_i)}
 * when every site can join its own rows: an equi-join on columns of the same key domain, or one
 * side replicated (then that side is read at each site). Each branch then runs as one fragment.
 *
 * <p>Fires on a join whose inputs are each site-pure branches, with more than one branch on some
 * side, that is {@link #colocation co-located}: with one side replicated, a join type that keeps
 * no unmatched row of the replicated side, which every site of the other side holds; with both
 * partitioned, an equi-join key pair of one key domain ({@link #matches}, it needs metadata) and,
 * for an outer or anti join, the sites of the side whose rows it keeps all on the other side too.
 */
public final class ColocatedJoinRule extends RelRule<RuleConfig<ColocatedJoinRule>> {
  public static final ColocatedJoinRule INSTANCE =
      RuleConfig.<ColocatedJoinRule>of("ShoalColocatedJoinRule",
          b -> b.operand(LogicalJoin.class).predicate(j -> colocation(j) != null).anyInputs(),
          ColocatedJoinRule::new).toRule();

  private ColocatedJoinRule(RuleConfig<ColocatedJoinRule> config) {
    super(config);
  }

  /** One join input seen as per-site branches. */
  static final class Side {
    final Map<String, RelNode> branches = new LinkedHashMap<>();
    boolean replicated = true;
  }

  /** Which side each site reads whole (the replicated one), or neither (same key domain). */
  enum Kind { RIGHT_REPLICATED, LEFT_REPLICATED, SAME_KEY }

  /** How the sites join their own rows: the two sides as branches, and how they pair. */
  record Colocation(Side left, Side right, Kind kind) {}

  /** The join's colocation, or null when some site could not join its own rows. */
  static Colocation colocation(Join join) {
    Side l = side(strip(join.getLeft()));
    Side r = side(strip(join.getRight()));
    if (l == null || r == null || (l.branches.size() <= 1 && r.branches.size() <= 1)) {
      return null;
    }
    JoinRelType type = join.getJoinType();
    if (!l.replicated && r.replicated) {
      boolean keepsNoRightRow = type == JoinRelType.INNER || type == JoinRelType.LEFT
          || type == JoinRelType.SEMI || type == JoinRelType.ANTI;
      return keepsNoRightRow && readableAtAll(r, l) ? new Colocation(l, r, Kind.RIGHT_REPLICATED)
          : null;
    }
    if (l.replicated && !r.replicated) {
      boolean keepsNoLeftRow = type == JoinRelType.INNER || type == JoinRelType.RIGHT;
      return keepsNoLeftRow && readableAtAll(l, r) ? new Colocation(l, r, Kind.LEFT_REPLICATED)
          : null;
    }
    if (l.replicated) {
      return null; // both replicated: the global view reads them at one site already
    }
    boolean needAllLeft = type == JoinRelType.LEFT || type == JoinRelType.FULL
        || type == JoinRelType.ANTI;
    boolean needAllRight = type == JoinRelType.RIGHT || type == JoinRelType.FULL;
    if ((needAllLeft && !r.branches.keySet().containsAll(l.branches.keySet()))
        || (needAllRight && !l.branches.keySet().containsAll(r.branches.keySet()))
        || Collections.disjoint(l.branches.keySet(), r.branches.keySet())) {
      return null;
    }
    return new Colocation(l, r, Kind.SAME_KEY);
  }

  /** Both sides partitioned: when an equi-join key pair has one key domain. */
  @Override
  public boolean matches(RelOptRuleCall call) {
    Join join = call.rel(0);
    return colocation(join).kind() != Kind.SAME_KEY
        || sameDomainKey(join, call.getMetadataQuery());
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    Colocation c = colocation(join);
    List<RelNode> joined = new ArrayList<>();
    switch (c.kind()) {
      case RIGHT_REPLICATED: {
        RelNode rep = c.right().branches.values().iterator().next();
        c.left().branches.forEach((site, b) -> joined.add(copy(join, b, retarget(rep, site))));
        break;
      }
      case LEFT_REPLICATED: {
        RelNode rep = c.left().branches.values().iterator().next();
        c.right().branches.forEach((site, b) -> joined.add(copy(join, retarget(rep, site), b)));
        break;
      }
      default:
        c.left().branches.forEach((site, b) -> {
          RelNode other = c.right().branches.get(site);
          if (other != null) {
            joined.add(copy(join, b, other));
          }
        });
    }
    RelNode out = joined.size() == 1 ? joined.get(0) : LogicalUnion.create(joined, true);
    if (!out.getRowType().equals(join.getRowType())) {
      out = RelOptUtil.createCastRel(out, join.getRowType(), true);
    }
    call.transformTo(out);
  }

  /** Whether the replicated side's first branch can be read at every site of the other side. */
  private static boolean readableAtAll(Side replicated, Side other) {
    RelNode rep = replicated.branches.values().iterator().next();
    for (String site : other.branches.keySet()) {
      if (!readableAt(rep, site)) {
        return false;
      }
    }
    return true;
  }

  private static RelNode copy(Join join, RelNode left, RelNode right) {
    return join.copy(join.getTraitSet(), join.getCondition(), left, right, join.getJoinType(),
        join.isSemiJoinDone());
  }

  /** Whether some equi-join key pair has the same key domain on both sides. */
  static boolean sameDomainKey(Join join, RelMetadataQuery mq) {
    return sameDomainKey(join.getLeft(), join.getRight(), join.getCondition(), mq);
  }

  /** The same for a join of {@code left} and {@code right} on {@code condition}, not built yet. */
  static boolean sameDomainKey(RelNode left, RelNode right, RexNode condition,
      RelMetadataQuery mq) {
    JoinInfo info = JoinInfo.of(left, right, condition);
    for (int i = 0; i < info.leftKeys.size(); i++) {
      String a = domain(mq, left, info.leftKeys.get(i));
      String b = domain(mq, right, info.rightKeys.get(i));
      if (a != null && a.equals(b)) {
        return true;
      }
    }
    return false;
  }

  /** The key domain all origins of a column agree on, or null. */
  static String domain(RelMetadataQuery mq, RelNode rel, int column) {
    Set<RelColumnOrigin> origins = mq.getColumnOrigins(rel, column);
    if (origins == null || origins.isEmpty()) {
      return null;
    }
    String domain = null;
    for (RelColumnOrigin o : origins) {
      if (o.isDerived()) {
        return null;
      }
      SiteTable t = o.getOriginTable().unwrap(SiteTable.class);
      if (t == null || t.replicated()) {
        return null;
      }
      String d = t.keyDomain(t.info().columns().get(o.getOriginColumnOrdinal()).name());
      if (d == null || (domain != null && !domain.equals(d))) {
        return null;
      }
      domain = d;
    }
    return domain;
  }

  static RelNode strip(RelNode rel) {
    return rel instanceof HepRelVertex ? ((HepRelVertex) rel).getCurrentRel() : rel;
  }

  /** The input as site-pure branches, or null when some part mixes sites or is not a site's. */
  static Side side(RelNode rel) {
    Side side = new Side();
    List<RelNode> parts = new ArrayList<>();
    if (rel instanceof Union && ((Union) rel).all) {
      for (RelNode in : rel.getInputs()) {
        parts.add(strip(in));
      }
    } else {
      parts.add(rel);
    }
    for (RelNode p : parts) {
      String[] site = {null};
      boolean[] rep = {true};
      if (!siteOf(p, site, rep) || site[0] == null || side.branches.containsKey(site[0])) {
        return null;
      }
      side.branches.put(site[0], p);
      side.replicated &= rep[0];
    }
    return side;
  }

  /** Walks a subtree: true when all its scans are at one site (stored in site[0]). */
  private static boolean siteOf(RelNode rel, String[] site, boolean[] replicated) {
    rel = strip(rel);
    if (rel instanceof SiteTableScan) {
      SiteTableScan s = (SiteTableScan) rel;
      if (site[0] != null && !site[0].equals(s.site())) {
        return false;
      }
      site[0] = s.site();
      replicated[0] &= s.siteTable().replicated();
      return true;
    }
    if (rel instanceof TableScan) {
      return false;
    }
    if (rel instanceof Values) {
      return true;
    }
    for (RelNode in : rel.getInputs()) {
      if (!siteOf(in, site, replicated)) {
        return false;
      }
    }
    return !rel.getInputs().isEmpty();
  }

  /** Whether {@link #retarget} can move the subtree to {@code site}. */
  private static boolean readableAt(RelNode rel, String site) {
    rel = strip(rel);
    if (rel instanceof SiteTableScan) {
      return there((SiteTableScan) rel, site) != null;
    }
    for (RelNode in : rel.getInputs()) {
      if (!readableAt(in, site)) {
        return false;
      }
    }
    return true;
  }

  /** The same replicated table at {@code site}, with the same row type, or null. */
  private static RelOptTable there(SiteTableScan s, String site) {
    if (s.site().equals(site)) {
      return s.getTable();
    }
    RelOptTable there = s.getTable().getRelOptSchema()
        .getTableForMember(List.of(site, s.siteTable().info().name()));
    if (there == null) {
      return null;
    }
    SiteTable t = there.unwrap(SiteTable.class);
    return t == null || !t.replicated() || !there.getRowType().equals(s.getRowType())
        ? null : there;
  }

  /** The same subtree reading the same (replicated) tables at another site ({@link #readableAt}). */
  private static RelNode retarget(RelNode rel, String site) {
    rel = strip(rel);
    if (rel instanceof SiteTableScan) {
      SiteTableScan s = (SiteTableScan) rel;
      if (s.site().equals(site)) {
        return s;
      }
      RelOptTable there = there(s, site);
      return new SiteTableScan(s.getCluster(), there, there.unwrap(SiteTable.class).at());
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode in : rel.getInputs()) {
      inputs.add(retarget(in, site));
    }
    return inputs.isEmpty() ? rel : rel.copy(rel.getTraitSet(), inputs);
  }
}

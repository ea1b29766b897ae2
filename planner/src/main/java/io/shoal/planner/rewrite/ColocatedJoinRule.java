package io.shoal.planner.rewrite;

import io.shoal.planner.pushdown.SiteTableScan;
import io.shoal.planner.pushdown.SiteTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
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

/**
 * Co-located joins: {@code Join(Union_i A_i, Union_i B_i)} becomes {@code Union_i Join(A_i, B_i)}
 * when every site can join its own rows: an equi-join on columns of the same key domain, or one
 * side replicated (then that side is read at each site). Each branch then runs as one fragment.
 */
public final class ColocatedJoinRule extends RelOptRule {
  public static final ColocatedJoinRule INSTANCE = new ColocatedJoinRule();

  private ColocatedJoinRule() {
    super(operand(LogicalJoin.class, any()), "ShoalColocatedJoinRule");
  }

  /** One join input seen as per-site branches. */
  static final class Side {
    final Map<String, RelNode> branches = new LinkedHashMap<>();
    boolean replicated = true;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    Side l = side(strip(join.getLeft()));
    Side r = side(strip(join.getRight()));
    if (l == null || r == null || (l.branches.size() <= 1 && r.branches.size() <= 1)) {
      return;
    }
    JoinRelType type = join.getJoinType();
    List<RelNode> joined = new ArrayList<>();
    if (!l.replicated && r.replicated) {
      if (type != JoinRelType.INNER && type != JoinRelType.LEFT
          && type != JoinRelType.SEMI && type != JoinRelType.ANTI) {
        return;
      }
      RelNode rep = r.branches.values().iterator().next();
      for (Map.Entry<String, RelNode> e : l.branches.entrySet()) {
        RelNode moved = retarget(rep, e.getKey());
        if (moved == null) {
          return;
        }
        joined.add(copy(join, e.getValue(), moved));
      }
    } else if (l.replicated && !r.replicated) {
      if (type != JoinRelType.INNER && type != JoinRelType.RIGHT) {
        return;
      }
      RelNode rep = l.branches.values().iterator().next();
      for (Map.Entry<String, RelNode> e : r.branches.entrySet()) {
        RelNode moved = retarget(rep, e.getKey());
        if (moved == null) {
          return;
        }
        joined.add(copy(join, moved, e.getValue()));
      }
    } else if (!l.replicated && !r.replicated) {
      if (!sameDomainKey(join, call.getMetadataQuery())) {
        return;
      }
      boolean needAllLeft = type == JoinRelType.LEFT || type == JoinRelType.FULL
          || type == JoinRelType.ANTI;
      boolean needAllRight = type == JoinRelType.RIGHT || type == JoinRelType.FULL;
      if ((needAllLeft && !r.branches.keySet().containsAll(l.branches.keySet()))
          || (needAllRight && !l.branches.keySet().containsAll(r.branches.keySet()))) {
        return;
      }
      for (Map.Entry<String, RelNode> e : l.branches.entrySet()) {
        RelNode b = r.branches.get(e.getKey());
        if (b != null) {
          joined.add(copy(join, e.getValue(), b));
        }
      }
      if (joined.isEmpty()) {
        return;
      }
    } else {
      return;
    }
    RelNode out = joined.size() == 1 ? joined.get(0) : LogicalUnion.create(joined, true);
    if (!out.getRowType().equals(join.getRowType())) {
      out = RelOptUtil.createCastRel(out, join.getRowType(), true);
    }
    call.transformTo(out);
  }

  private static RelNode copy(Join join, RelNode left, RelNode right) {
    return join.copy(join.getTraitSet(), join.getCondition(), left, right, join.getJoinType(),
        join.isSemiJoinDone());
  }

  /** Whether some equi-join key pair has the same key domain on both sides. */
  static boolean sameDomainKey(Join join, RelMetadataQuery mq) {
    JoinInfo info = join.analyzeCondition();
    for (int i = 0; i < info.leftKeys.size(); i++) {
      String a = domain(mq, join.getLeft(), info.leftKeys.get(i));
      String b = domain(mq, join.getRight(), info.rightKeys.get(i));
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

  /** The same subtree reading the same (replicated) tables at another site, or null. */
  private static RelNode retarget(RelNode rel, String site) {
    rel = strip(rel);
    if (rel instanceof SiteTableScan) {
      SiteTableScan s = (SiteTableScan) rel;
      if (s.site().equals(site)) {
        return s;
      }
      RelOptTable there = s.getTable().getRelOptSchema()
          .getTableForMember(List.of(site, s.siteTable().info().name()));
      if (there == null) {
        return null;
      }
      SiteTable t = there.unwrap(SiteTable.class);
      if (t == null || !t.replicated() || !there.getRowType().equals(s.getRowType())) {
        return null;
      }
      return new SiteTableScan(s.getCluster(), there, t.at());
    }
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode in : rel.getInputs()) {
      RelNode moved = retarget(in, site);
      if (moved == null) {
        return null;
      }
      inputs.add(moved);
    }
    return inputs.isEmpty() ? rel : rel.copy(rel.getTraitSet(), inputs);
  }
}

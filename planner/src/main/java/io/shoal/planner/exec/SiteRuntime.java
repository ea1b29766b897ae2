package io.shoal.planner.exec;

import io.shoal.planner.Federation;
import io.shoal.planner.errors.ShoalException;
import io.shoal.planner.pushdown.SiteSchema;
import io.shoal.planner.system.QueryLog;
import io.shoal.planner.system.QueryRecord;
import io.shoal.protocol.SqlStates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;

/** What the generated code of {@code SiteToEnumerableConverter} calls at run time. */
public final class SiteRuntime {
  private SiteRuntime() {}

  /**
   * Per execution (one DataContext): the query's record (id, per-site figures, warnings) and the
   * first failure of any fragment.
   */
  static final class QueryState {
    final QueryRecord record;
    final String queryId;
    final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    final AtomicBoolean cancel;
    /** The fragments of this execution by site, bound SQL and row format: one fetch each. */
    final Map<String, SharedFragment> fragments = new ConcurrentHashMap<>();

    /** Per bare LIMIT of the plan: the rows that arrived under it (see {@link RowBudget}). */
    final Map<RowBudget, LimitGroup> limits = new ConcurrentHashMap<>();

    /** Whether the plan's fragments were all started (at the first fragment bound). */
    final AtomicBoolean prestarted = new AtomicBoolean();

    /** Every fetch of this execution that was created, so a cancel reaches all of them. */
    final java.util.Set<Fetch> fetches = ConcurrentHashMap.newKeySet();

    /**
     * The statement was cancelled (or timed out): every site's fragment stops now, not only the one
     * being read. The others were waiting in gRPC for their site's first batch, so their sites went
     * on running them until the statement closed.
     */
    void stopAll() {
      fetches.forEach(Fetch::discard);
    }

    QueryState(QueryRecord record, AtomicBoolean cancel) {
      this.record = record;
      this.queryId = record.queryId();
      this.cancel = cancel;
      // A fragment started but never read (a branch the plan skipped) stops with the query.
      record.onFinish(() -> fragments.values().forEach(SharedFragment::abandon));
    }
  }

  private static final Map<DataContext, QueryState> QUERIES =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * The state of the execution of {@code root}. The first fragment of an execution is bound on the
   * thread that runs the statement, where {@link Federation#current()} names the statement's record.
   */
  static QueryState state(DataContext root, Federation federation) {
    return QUERIES.computeIfAbsent(root, r -> {
      Object flag = r.get(DataContext.Variable.CANCEL_FLAG.camelName);
      QueryRecord record = federation == null ? null : federation.current();
      if (record == null) {
        record = QueryLog.start("(not recorded: statement run outside the Shoal connection)",
            federation == null ? null : federation.principal());
      }
      return new QueryState(record, flag instanceof AtomicBoolean ? (AtomicBoolean) flag : null);
    });
  }

  /** The query id the fragments of the execution of {@code root} carry. */
  public static String queryId(DataContext root) {
    return state(root, null).queryId;
  }

  /** The type code that {@link ArrowRows} converts by: SQL type name, {@code :scale} for DECIMAL. */
  public static String typeCode(RelDataType t) {
    SqlTypeName n = t.getSqlTypeName();
    if (n == SqlTypeName.DECIMAL) {
      return "DECIMAL:" + t.getScale();
    }
    return n.getName();
  }

  /**
   * System property: Arrow bytes of a fragment's result kept to replay it to a second place of the
   * plan that uses the same fragment (default 64 MB); past it the second place fetches again.
   */
  public static final String REPLAY_LIMIT_PROPERTY = "shoal.fragmentReplayLimitBytes";

  /**
   * System property: Arrow bytes of a fragment's result the coordinator keeps when its plan reads
   * the fragment once per outer row (a nested-loop join's inner side; default 128 MB). Past it the
   * query fails with 54000 rather than fetch the fragment again for every outer row.
   */
  public static final String SPOOL_LIMIT_PROPERTY = "shoal.fragmentSpoolLimitBytes";

  /**
   * Starts the fragment now and returns its rows. The first fragment bound in an execution starts
   * every fragment of the {@code plan}, so that they run at the sites side by side: an aggregate
   * that Calcite computes while binding would otherwise hold back the fragments bound after it.
   * The same fragment used twice in one execution is fetched once (see {@link SharedFragment}), and
   * so is one the plan enumerates again per outer row (spooled).
   */
  public static Enumerable<Object> fragment(
      DataContext root, PlannedFragment fragment, Collection<PlannedFragment> plan) {
    QueryState q = state(root, federation(root, fragment.site()));
    if (q.prestarted.compareAndSet(false, true)) {
      for (PlannedFragment f : plan) {
        shared(root, q, f).prestart();
      }
    }
    SharedFragment shared = shared(root, q, fragment);
    shared.register();
    return new AbstractEnumerable<Object>() {
      @Override
      public Enumerator<Object> enumerator() {
        return shared.enumerator();
      }
    };
  }

  private static SharedFragment shared(DataContext root, QueryState q, PlannedFragment f) {
    String text = f.params().length == 0 ? f.sql() : bind(root, f.sql(), f.params(), f.paramTypes());
    String key = f.site() + '\0' + f.scalar() + '\0' + String.join(",", f.types()) + '\0' + text
        + '\0' + (f.budget() == null ? "" : System.identityHashCode(f.budget()));
    return q.fragments.computeIfAbsent(key, k -> {
      Federation federation = federation(root, f.site());
      LimitGroup limit = f.budget() == null ? null
          : q.limits.computeIfAbsent(f.budget(), LimitGroup::new);
      return new SharedFragment(q, f.site(), f.userCount(), f.spooled(),
          () -> start(federation, f.site(), text, f.types(), f.scalar(), q, limit),
          Long.getLong(REPLAY_LIMIT_PROPERTY, SharedFragment.REPLAY_LIMIT_BYTES),
          Long.getLong(SPOOL_LIMIT_PROPERTY, SharedFragment.SPOOL_LIMIT_BYTES));
    });
  }

  private static Federation federation(DataContext root, String site) {
    SchemaPlus schema = root.getRootSchema().getSubSchema(site);
    if (schema == null) {
      throw new ShoalException(SqlStates.INTERNAL_ERROR, "no schema for site " + site);
    }
    try {
      return (Federation) schema.unwrap(SiteSchema.class).runtime();
    } catch (ClassCastException e) {
      throw new ShoalException(SqlStates.INTERNAL_ERROR, "site " + site + " has no runtime");
    }
  }

  private static Fetch start(Federation federation, String site, String text, String[] types,
      boolean scalar, QueryState q, LimitGroup limit) {
    Fetch f = new Fetch(federation, site, text, types, scalar, q, limit);
    if (federation.executor() instanceof java.util.concurrent.ThreadPoolExecutor pool
        && pool.getActiveCount() >= pool.getMaximumPoolSize()) {
      // Every scatter thread is busy (a plan with many fragments): rather than send the request
      // and cancel it when the pool refuses, start when its rows are first wanted.
      return f;
    }
    f.begin();
    if (!f.submit(federation.executor())) {
      // Pool full: the fetch starts when its rows are first wanted (Fetch.enumerator).
      f.unbegin();
    }
    return f;
  }

  /** Replaces the {@code ?} of the fragment by the parameter values, as typed literals. */
  static String bind(DataContext root, String sql, int[] params, String[] paramTypes) {
    StringBuilder out = new StringBuilder();
    int k = 0;
    char quote = 0;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        out.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(c);
      } else if (c == '?' && k < params.length) {
        out.append(literal(root.get("?" + params[k]), paramTypes[k]));
        k++;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static String literal(Object v, String type) {
    if (v == null) {
      return "NULL";
    }
    String base = type.contains(":") ? type.substring(0, type.indexOf(':')) : type;
    switch (base) {
      case "DATE":
        if (v instanceof Number) {
          return "DATE '" + LocalDate.ofEpochDay(((Number) v).longValue()) + "'";
        }
        return "DATE '" + v + "'";
      case "TIMESTAMP":
        if (v instanceof Number) {
          return "TIMESTAMP '" + LocalDateTime.ofEpochSecond(Math.floorDiv(((Number) v).longValue(),
              1000L), (int) Math.floorMod(((Number) v).longValue(), 1000L) * 1_000_000,
              ZoneOffset.UTC) + "'";
        }
        return "TIMESTAMP '" + v + "'";
      case "TIME":
        if (v instanceof Number) {
          return "TIME '" + LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000) + "'";
        }
        return "TIME '" + v + "'";
      default:
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof Number || v instanceof Boolean) {
      return v.toString();
    }
    return "'" + v.toString().replace("'", "''") + "'";
  }
}

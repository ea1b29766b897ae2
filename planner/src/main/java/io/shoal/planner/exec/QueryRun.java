package io.shoal.planner.exec;

import io.shoal.planner.system.QueryRecord;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.tree.Types;

/**
 * One execution of a statement: its record ({@code shoal.queries}: id, per-site figures,
 * warnings), its fragments' fetches, and the first failure of any of them. Made by the connection
 * for each execution and handed to the plan's generated code inside the {@link QueryContext}; the
 * generated code calls {@link #fragment} (through {@link #FRAGMENT}) once per place of the plan that
 * reads a site.
 */
public final class QueryRun {
  /** {@link #fragment}, for the code {@code SiteToEnumerableConverter} generates. */
  public static final Method FRAGMENT = Types.lookupMethod(
      QueryRun.class, "fragment", PlannedFragment.class, FragmentPlan.class, DataContext.class);

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

  final Scatter scatter;
  final QueryRecord record;
  final String queryId;
  final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  /** The statement's cancel flag (Calcite sets it on cancel and on a query timeout), or null. */
  final AtomicBoolean cancel;
  /** The fragments of this execution by site, bound SQL and row format: one fetch each. */
  private final Map<PlannedFragment.Key, SharedFragment> fragments = new ConcurrentHashMap<>();
  /** Per bare LIMIT of the plan: the rows that arrived under it (see {@link RowBudget}). */
  private final Map<RowBudget, LimitGroup> limits = new ConcurrentHashMap<>();
  /** Whether the plan's fragments were all started (at the first fragment bound). */
  private final AtomicBoolean prestarted = new AtomicBoolean();
  /** Every fetch of this execution that was created, so a cancel reaches all of them. */
  final Set<Fetch> fetches = ConcurrentHashMap.newKeySet();

  public QueryRun(Scatter scatter, QueryRecord record, AtomicBoolean cancel) {
    this.scatter = scatter;
    this.record = record;
    this.queryId = record.queryId();
    this.cancel = cancel;
    // A fragment started but never read (a branch the plan skipped) stops with the query.
    record.onFinish(() -> fragments.values().forEach(SharedFragment::abandon));
  }

  /** The record of this execution, in {@code shoal.queries}. */
  public QueryRecord record() {
    return record;
  }

  /**
   * Starts the fragment now and returns its rows. The first fragment bound in an execution starts
   * every fragment of the {@code plan}, so that they run at the sites side by side: an aggregate
   * that Calcite computes while binding would otherwise hold back the fragments bound after it.
   * The same fragment used twice in one execution is fetched once (see {@link SharedFragment}), and
   * so is one the plan enumerates again per outer row (spooled).
   *
   * <p>Fragments under one bare LIMIT are the exception: only the first starts at once, and each
   * other one when the union reaches it, that is when the ones before could not fill the LIMIT. Sent
   * side by side, every site sent its own LIMIT n while the coordinator needed n from all of them
   * together (LIMIT 200000 over three sites: 600,000 rows left the sites for 200,000 used).
   *
   * @param root the execution's data context: the statement's parameter values
   */
  public Enumerable<Object> fragment(PlannedFragment fragment, FragmentPlan plan, DataContext root) {
    if (prestarted.compareAndSet(false, true)) {
      for (PlannedFragment f : plan.fragments()) {
        shared(f, plan, root).prestart();
      }
    }
    SharedFragment shared = shared(fragment, plan, root);
    shared.register();
    return new AbstractEnumerable<Object>() {
      @Override
      public Enumerator<Object> enumerator() {
        return shared.enumerator();
      }
    };
  }

  /**
   * The execution's rows, finishing its record when they end, fail or are closed: a result set
   * read to the end or closed early is "ok", a failure is "error: " and its first line.
   */
  public <T> Enumerable<T> track(Enumerable<T> rows) {
    return new AbstractEnumerable<T>() {
      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> in = rows.enumerator();
        return new Enumerator<T>() {
          @Override
          public T current() {
            return in.current();
          }

          @Override
          public boolean moveNext() {
            try {
              boolean more = in.moveNext();
              if (!more) {
                record.finish("ok");
              }
              return more;
            } catch (RuntimeException | Error e) {
              record.finish(describe(e));
              throw e;
            }
          }

          @Override
          public void reset() {
            in.reset();
          }

          @Override
          public void close() {
            record.finish("ok");
            in.close();
          }
        };
      }
    };
  }

  /** A failure as {@code shoal.queries} shows it: "error: " and the first line of its message. */
  public static String describe(Throwable t) {
    java.sql.SQLException s = io.shoal.planner.errors.ShoalException.toSqlException(t);
    String msg = s != null ? s.getMessage() : t.getMessage();
    return "error: " + (msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(""));
  }

  /**
   * The statement was cancelled (or timed out): every site's fragment stops now, not only the one
   * being read. The others were waiting in gRPC for their site's first batch, so their sites went
   * on running them until the statement closed.
   */
  void stopAll() {
    fetches.forEach(Fetch::discard);
  }

  /** Whether {@code f} reads under a bare LIMIT after another fragment of that LIMIT. */
  private static boolean laterUnderItsLimit(PlannedFragment f, FragmentPlan plan) {
    if (f.budget() == null) {
      return false;
    }
    for (PlannedFragment g : plan.fragments()) {
      if (g.budget() == f.budget()) {
        return g != f; // the plan lists fragments in the order the union reads them
      }
    }
    return false;
  }

  private SharedFragment shared(PlannedFragment f, FragmentPlan plan, DataContext root) {
    String text = f.sql().bind(root);
    return fragments.computeIfAbsent(f.key(text), k -> {
      LimitGroup limit = f.budget() == null ? null
          : limits.computeIfAbsent(f.budget(), LimitGroup::new);
      return new SharedFragment(this, f.site(), f.users(), f.spooled(),
          laterUnderItsLimit(f, plan) ? limit : null,
          () -> start(f.site(), text, f.types(), f.scalar(), limit),
          Long.getLong(REPLAY_LIMIT_PROPERTY, SharedFragment.REPLAY_LIMIT_BYTES),
          Long.getLong(SPOOL_LIMIT_PROPERTY, SharedFragment.SPOOL_LIMIT_BYTES));
    });
  }

  private Fetch start(String site, String text, String[] types, boolean scalar, LimitGroup limit) {
    Fetch f = new Fetch(scatter, site, text, types, scalar, this, limit);
    if (scatter.executor() instanceof ThreadPoolExecutor pool
        && pool.getActiveCount() >= pool.getMaximumPoolSize()) {
      // Every scatter thread is busy (a plan with many fragments): rather than send the request
      // and cancel it when the pool refuses, start when its rows are first wanted.
      return f;
    }
    f.begin();
    if (!f.submit(scatter.executor())) {
      // Pool full: the fetch starts when its rows are first wanted (Fetch.enumerator).
      f.unbegin();
    }
    return f;
  }
}

package io.shoal.planner.prepare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;

/**
 * Calcite's constant reduction ({@link RexExecutorImpl}), with the Janino-compiled class kept per
 * set of expressions. Calcite compiles a new class for every reduction (Q5's date arithmetic: ~7% of
 * its planning time, mostly Janino looking classes up in jars); the same constant expressions
 * generate the same code, so the compiled function can be reused (kept by the expressions'
 * digests). Values are converted to literals with the caller's RexBuilder, as before.
 */
final class CachingRexExecutor implements RexExecutor {
  private static final int MAX_ENTRIES = 256;

  private static final Map<String, RexExecutable> COMPILED =
      new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RexExecutable> e) {
          return size() > MAX_ENTRIES;
        }
      };

  private static final java.util.concurrent.atomic.AtomicLong COMPILATIONS =
      new java.util.concurrent.atomic.AtomicLong();

  /** Classes compiled since the JVM started (for tests). */
  static long compilations() {
    return COMPILATIONS.get();
  }

  private final DataContext dataContext;

  CachingRexExecutor(DataContext dataContext) {
    this.dataContext = dataContext;
  }

  /**
   * The expressions' digests with their full types: equal keys generate equal code, since the code
   * is made from nothing else (literal values are in the digests).
   */
  private static String key(List<RexNode> constExps) {
    StringBuilder b = new StringBuilder();
    for (RexNode e : constExps) {
      b.append(e).append(" :: ").append(e.getType().getFullTypeString()).append('\n');
    }
    return b.toString();
  }

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    String key = key(constExps);
    RexExecutable executable;
    synchronized (COMPILED) {
      executable = COMPILED.get(key);
    }
    if (executable == null) {
      executable = RexExecutorImpl.getExecutable(
          rexBuilder, constExps, rexBuilder.getTypeFactory().builder().build());
      COMPILATIONS.incrementAndGet();
      synchronized (COMPILED) {
        COMPILED.put(key, executable);
      }
    }
    // The data context is a field of the shared executable: set and use it under its lock.
    synchronized (executable) {
      executable.setDataContext(dataContext);
      executable.reduce(rexBuilder, constExps, reducedValues);
    }
  }
}

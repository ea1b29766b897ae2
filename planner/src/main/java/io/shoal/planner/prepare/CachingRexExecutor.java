package io.shoal.planner.prepare;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;

/**
 * Calcite's constant reduction ({@link RexExecutorImpl}), with the Janino-compiled class kept per
 * generated source. Calcite compiles a new class for every reduction (Q5's date arithmetic: ~7% of
 * its planning time, mostly Janino looking classes up in jars); the same constant expressions
 * generate the same source, so the compiled function can be reused. Values are converted to
 * literals with the caller's RexBuilder, as before.
 */
final class CachingRexExecutor implements RexExecutor {
  private static final int MAX_ENTRIES = 256;
  private static final Method COMPILE = compileMethod();
  private static final RexToLixTranslator.InputGetter NO_INPUT = (list, index, storageType) -> {
    throw new UnsupportedOperationException("constant reduction has no input row");
  };

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
  private final RexExecutor plain;

  CachingRexExecutor(DataContext dataContext) {
    this.dataContext = dataContext;
    this.plain = new RexExecutorImpl(dataContext);
  }

  /** Calcite's private source generator for constant expressions, or null if it moved. */
  private static Method compileMethod() {
    try {
      Method m = RexExecutorImpl.class.getDeclaredMethod(
          "compile", RexBuilder.class, List.class, RexToLixTranslator.InputGetter.class);
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    String code;
    try {
      code = COMPILE == null ? null : (String) COMPILE.invoke(null, rexBuilder, constExps, NO_INPUT);
    } catch (ReflectiveOperationException e) {
      code = null;
    }
    if (code == null) {
      plain.reduce(rexBuilder, constExps, reducedValues);
      return;
    }
    RexExecutable executable;
    synchronized (COMPILED) {
      executable = COMPILED.get(code);
    }
    if (executable == null) {
      executable = new RexExecutable(code, constExps);
      COMPILATIONS.incrementAndGet();
      synchronized (COMPILED) {
        COMPILED.put(code, executable);
      }
    }
    // The data context is a field of the shared executable: set and use it under its lock.
    synchronized (executable) {
      executable.setDataContext(dataContext);
      executable.reduce(rexBuilder, constExps, reducedValues);
    }
  }
}

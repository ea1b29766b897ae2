package io.shoal.examples.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

/**
 * CPU time used so far by the processes that do one side's work: the single DuckDB runs inside this
 * JVM; a federated query uses this JVM (the coordinator) and the site processes. On one machine the
 * wall-clock ratio mixes the federation's overhead with the sites competing for the same cores; the
 * CPU ratio is the work itself, which is what a deployment with a machine per site would pay.
 */
interface CpuClock {

  /** CPU nanoseconds used so far; only differences mean anything. */
  long nanos();

  /** This JVM, at nanosecond resolution. */
  static CpuClock thisProcess() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os::getProcessCpuTime;
  }

  /**
   * Other processes by pid, as the OS reports them (Linux counts in clock ticks, 10 ms: measure over
   * enough runs). A process that is gone counts as zero from then on.
   */
  static CpuClock processes(List<Long> pids) {
    return () -> {
      long sum = 0;
      for (long pid : pids) {
        sum += ProcessHandle.of(pid)
            .flatMap(h -> h.info().totalCpuDuration())
            .map(Duration::toNanos)
            .orElse(0L);
      }
      return sum;
    };
  }

  default CpuClock plus(CpuClock other) {
    return () -> nanos() + other.nanos();
  }
}

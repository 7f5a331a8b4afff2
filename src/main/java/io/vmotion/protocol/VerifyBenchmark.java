package io.vmotion.protocol;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.Statistics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Explores the correct protocol with every fault on at the bounds given as arguments
 * ({@code PAGES WRITES ROUNDS [FAULT_BUDGET] [REDUCTIONS]}, reductions as for {@code vmotion verify
 * --reductions}) and prints one line of figures: states, transitions, depth, the search's wall and CPU
 * seconds, states per second, and the peak heap in use. Used by {@code bench/verify-benchmark.sh},
 * which runs it once per bound in its own JVM.
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {
  }

  public static void main(String[] args) {
    if (args.length < 3 || args.length > 5) {
      System.err.println("usage: VerifyBenchmark PAGES WRITES ROUNDS [FAULT_BUDGET] [REDUCTIONS: all|none|LIST]");
      System.exit(2);
    }
    int budget = args.length >= 4 ? Integer.parseInt(args[3]) : Bounds.DEFAULT.faultBudget();
    Set<Reduction> reductions = args.length == 5 ? reductions(args[4]) : EnumSet.allOf(Reduction.class);
    Bounds bounds = new Bounds(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
        Bounds.DEFAULT.threshold(), budget, Bounds.DEFAULT.announceLossBudget(), Bounds.DEFAULT.attempts());
    MigrationConfig config = new MigrationConfig(bounds, EnumSet.allOf(Fault.class), Variant.CORRECT, reductions);
    long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    CheckResult result = new ModelChecker<>(new MigrationModel(config), System.err).check();
    double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
    Statistics stats = result.statistics();
    System.out.printf(Locale.ROOT, "%s faults=all reductions=%s result=%s states=%d transitions=%d depth=%d"
            + " seconds=%.2f cpu-seconds=%.2f states/s=%.0f peak-heap-MiB=%d%n",
        bounds, config.describeReductions(), result.passed() ? "pass" : "violation of " + result.violatedProperty(),
        stats.states(), stats.transitions(), stats.depth(), stats.seconds(), cpuSeconds, stats.statesPerSecond(),
        peakHeapBytes() >> 20);
    System.exit(result.passed() ? 0 : 1);
  }

  private static Set<Reduction> reductions(String list) {
    if (list.equals("all")) {
      return EnumSet.allOf(Reduction.class);
    }
    Set<Reduction> chosen = EnumSet.noneOf(Reduction.class);
    if (!list.equals("none")) {
      for (String name : list.split(",")) {
        chosen.add(Reduction.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown reduction " + name)));
      }
    }
    return chosen;
  }

  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}

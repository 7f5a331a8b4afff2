package io.vmotion.protocol;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.Statistics;
import java.util.EnumSet;
import java.util.Locale;

/**
 * Explores the correct protocol with every fault on at the bounds given as arguments
 * ({@code PAGES WRITES ROUNDS [FAULT_BUDGET]}) and prints one line of figures. Used by
 * {@code bench/verify-benchmark.sh}, which runs it once per bound under a time limit.
 */
public final class VerifyBenchmark {
  private VerifyBenchmark() {
  }

  public static void main(String[] args) {
    if (args.length < 3 || args.length > 4) {
      System.err.println("usage: VerifyBenchmark PAGES WRITES ROUNDS [FAULT_BUDGET]");
      System.exit(2);
    }
    int budget = args.length == 4 ? Integer.parseInt(args[3]) : Bounds.DEFAULT.faultBudget();
    Bounds bounds = new Bounds(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]),
        Bounds.DEFAULT.threshold(), budget);
    MigrationConfig config = new MigrationConfig(bounds, EnumSet.allOf(Fault.class), Variant.CORRECT);
    CheckResult result = new ModelChecker<>(new MigrationModel(config), System.err).check();
    Statistics stats = result.statistics();
    System.out.printf(Locale.ROOT, "%s faults=all result=%s states=%d transitions=%d depth=%d seconds=%.2f states/s=%.0f%n",
        bounds, result.passed() ? "pass" : "violation of " + result.violatedProperty(),
        stats.states(), stats.transitions(), stats.depth(), stats.seconds(), stats.statesPerSecond());
    System.exit(result.passed() ? 0 : 1);
  }
}

package io.vmotion.planning;

import java.util.ArrayList;
import java.util.List;

/**
 * Lowers the spread of reserved memory and CPU over a cluster's hosts that stay, after its
 * evacuation: while the most and least reserved hosts differ by more than {@link #TOLERANCE} of
 * their capacity in either resource, it makes the single move that lowers the sum of squared
 * reserved fractions most (a VM that has not moved yet, to a host the rules allow and where it
 * fits). Each move must lower that sum, so it stops. Greedy, not optimal: the fewest moves to a
 * given spread is a bin-packing question, and one large step at a time is what an administrator can
 * follow and DRS also does.
 */
final class Rebalancer {

  /** A spread of 10 percentage points of capacity is balanced enough to stop. */
  static final double TOLERANCE = 0.10;
  private static final double GAIN_EPSILON = 1e-9;

  record Step(int vm, int from, int to, String reason) {}

  private final ClusterProblem p;
  private final int[] at;
  private final long[] cpu;
  private final long[] mem;

  /** @param at the placement after the evacuation, changed in place */
  Rebalancer(ClusterProblem p, int[] at) {
    this.p = p;
    this.at = at;
    cpu = new long[p.hostCount()];
    mem = new long[p.hostCount()];
    for (int v = 0; v < p.vmCount(); v++) {
      cpu[at[v]] += p.resCpu[v];
      mem[at[v]] += p.resMem[v];
    }
  }

  List<Step> run() {
    List<Step> steps = new ArrayList<>();
    boolean[] moved = new boolean[p.vmCount()];
    for (int v = 0; v < p.vmCount(); v++) moved[v] = at[v] != p.home[v];
    while (spread() > TOLERANCE) {
      double now = squares();
      int bestVm = -1;
      int bestTo = -1;
      double bestAfter = now - GAIN_EPSILON;
      for (int v = 0; v < p.vmCount(); v++) {
        if (moved[v] || p.evacuee[v] || !p.reserves(v)) continue;
        int from = at[v];
        for (int to : p.allowed[v]) {
          if (cpu[to] + p.resCpu[v] > p.capCpu[to] || mem[to] + p.resMem[v] > p.capMem[to]) continue;
          double after = now - square(from) - square(to) + squareWith(from, v, -1) + squareWith(to, v, 1);
          boolean better = after < bestAfter - GAIN_EPSILON
              || (Math.abs(after - bestAfter) <= GAIN_EPSILON && bestVm >= 0 && p.soloSeconds(v, to) < p.soloSeconds(bestVm, bestTo));
          if (better) {
            bestAfter = after;
            bestVm = v;
            bestTo = to;
          }
        }
      }
      if (bestVm < 0) break;
      int from = at[bestVm];
      String before = fractions(from) + " and " + p.hosts[bestTo].name() + " " + fractions(bestTo);
      apply(bestVm, bestTo);
      moved[bestVm] = true;
      steps.add(new Step(bestVm, from, bestTo, "rebalances " + p.cluster + ": reserved memory/CPU on " + p.hosts[from].name() + " "
          + before + " become " + fractions(from) + " and " + fractions(bestTo)));
    }
    return steps;
  }

  private String fractions(int h) {
    return Math.round(100 * fraction(mem[h], p.capMem[h])) + "%/" + Math.round(100 * fraction(cpu[h], p.capCpu[h])) + "%";
  }

  private void apply(int v, int to) {
    int from = at[v];
    cpu[from] -= p.resCpu[v];
    mem[from] -= p.resMem[v];
    cpu[to] += p.resCpu[v];
    mem[to] += p.resMem[v];
    at[v] = to;
  }

  /** The larger of the two resources' spreads (most minus least reserved fraction). */
  double spread() {
    double loM = Double.MAX_VALUE, hiM = -1, loC = Double.MAX_VALUE, hiC = -1;
    for (int h = 0; h < p.hostCount(); h++) {
      if (p.evacuated[h]) continue;
      double m = fraction(mem[h], p.capMem[h]);
      double c = fraction(cpu[h], p.capCpu[h]);
      loM = Math.min(loM, m);
      hiM = Math.max(hiM, m);
      loC = Math.min(loC, c);
      hiC = Math.max(hiC, c);
    }
    return hiM < 0 ? 0 : Math.max(hiM - loM, hiC - loC);
  }

  private double squares() {
    double s = 0;
    for (int h = 0; h < p.hostCount(); h++) if (!p.evacuated[h]) s += square(h);
    return s;
  }

  private double square(int h) {
    double m = fraction(mem[h], p.capMem[h]);
    double c = fraction(cpu[h], p.capCpu[h]);
    return m * m + c * c;
  }

  /** {@code h}'s square with VM {@code v} added ({@code sign} 1) or removed (-1). */
  private double squareWith(int h, int v, int sign) {
    double m = fraction(mem[h] + sign * p.resMem[v], p.capMem[h]);
    double c = fraction(cpu[h] + sign * p.resCpu[v], p.capCpu[h]);
    return m * m + c * c;
  }

  private static double fraction(long amount, long capacity) {
    return capacity <= 0 ? 0 : (double) amount / capacity;
  }
}

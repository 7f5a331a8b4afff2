package io.vmotion.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Places one cluster's evacuated VMs: a greedy pass first (best fit, one make-room move where a VM
 * fits nowhere), then a depth-first branch and bound that improves on it.
 *
 * <p>The branch and bound decides the evacuated VMs first, most constrained first, each on a host
 * the rules allow or left behind; then, while a host that receives VMs is over its capacity, it
 * branches on which of that host's VMs with reservations leaves and where to (a VM moves at most
 * once; siblings keep the VMs tried before them at home, so no set of moves is visited twice). Only
 * VMs with reservations are ever moved to make room: capacity counts reservations alone.
 *
 * <p>Bounds, in objective order: VMs left behind so far; moves so far, plus one per evacuated VM
 * still to decide, plus one per host over capacity (each needs a VM to leave). A host over capacity
 * that its movable VMs cannot relieve ends the branch. When the plan found meets the bound at the
 * root (every VM with an allowed host placed, no extra move), it is optimal and the search stops;
 * small clusters are searched on among equal move counts for time and balance.
 *
 * <p>Every leaf is a final placement; it counts only when its moves can be ordered so that each fits
 * when it runs ({@link #order}). The search is bounded in nodes, not in time, so its answer is the
 * same on every machine.
 */
final class Search {

  static final long NODE_BUDGET = 200_000;
  /** Nodes for all clusters of one plan together, so a plan of many hard clusters stays within a minute. */
  static final long TOTAL_BUDGET = 4_000_000;
  static final long MIN_BUDGET = 10_000;
  /** Up to this many powered-on VMs in a cluster, plans with equal move counts are compared on time and balance too. */
  static final int TIES_SEARCHED_UP_TO = 12;
  private static final int ORDER_BUDGET = 100_000;

  record Result(int[] at, int[] sequence, Objective objective, ClusterSearch report) {}

  private final ClusterProblem p;
  private final int[] limit;
  private final long budget;
  private final boolean exploreTies;
  private final int[] order;
  private final int upfront;
  private final int[][] residentsOf;
  private final double[][] solo;

  private long[] loadCpu;
  private long[] loadMem;
  private long[] alloc;
  private int[] arrivals;
  private int[] at;
  private boolean[] fixed;
  private long[] freeCpu;
  private long[] freeMem;
  private int moves;
  private int unplaced;
  private long nodes;
  private boolean aborted;

  private int[] bestAt;
  private int[] bestSequence;
  private Objective best;

  /** Each cluster's share of {@link #TOTAL_BUDGET}: at most {@link #NODE_BUDGET}, at least {@link #MIN_BUDGET}. */
  static long budgetPerCluster(int clusters) {
    return Math.max(MIN_BUDGET, Math.min(NODE_BUDGET, TOTAL_BUDGET / Math.max(1, clusters)));
  }

  Search(ClusterProblem p, int[] limit) {
    this(p, limit, NODE_BUDGET, p.vmCount() <= TIES_SEARCHED_UP_TO);
  }

  Search(ClusterProblem p, int[] limit, long budget, boolean exploreTies) {
    this.p = p;
    this.limit = limit;
    this.budget = budget;
    this.exploreTies = exploreTies;
    solo = new double[p.vmCount()][];
    List<Integer> evacuees = new ArrayList<>();
    int none = 0;
    for (int v = 0; v < p.vmCount(); v++) {
      solo[v] = new double[p.hostCount()];
      for (int t : p.allowed[v]) solo[v][t] = p.soloSeconds(v, t);
      if (!p.evacuee[v]) continue;
      if (p.allowed[v].length == 0) none++;
      else evacuees.add(v);
    }
    upfront = none;
    evacuees.sort(Comparator.<Integer>comparingInt(v -> p.allowed[v].length)
        .thenComparing(v -> -p.resMem[v]).thenComparing(v -> -p.resCpu[v]).thenComparing(v -> -p.vms[v].memoryMb())
        .thenComparing(v -> p.vms[v].name()));
    order = evacuees.stream().mapToInt(Integer::intValue).toArray();
    List<List<Integer>> byHost = new ArrayList<>();
    for (int h = 0; h < p.hostCount(); h++) byHost.add(new ArrayList<>());
    for (int v = 0; v < p.vmCount(); v++) {
      if (!p.evacuee[v] && p.reserves(v) && p.allowed[v].length > 0) byHost.get(p.home[v]).add(v);
    }
    residentsOf = new int[p.hostCount()][];
    for (int h = 0; h < p.hostCount(); h++) {
      // The largest reservation first: one move frees the most.
      byHost.get(h).sort(Comparator.<Integer>comparingLong(v -> -(p.resMem[v] + p.resCpu[v])).thenComparing(v -> p.vms[v].name()));
      residentsOf[h] = byHost.get(h).stream().mapToInt(Integer::intValue).toArray();
    }
  }

  Result run() {
    reset();
    greedy();
    int lowerBound = order.length;
    boolean meetsBound = best.unplaced() == upfront && best.moves() == lowerBound;
    boolean searched = !meetsBound || exploreTies;
    if (searched) {
      reset();
      decide(0);
    }
    boolean exhaustive = searched && !aborted;
    meetsBound = best.unplaced() == upfront && best.moves() == lowerBound;
    int placed = order.length + upfront - best.unplaced();
    ClusterSearch report = new ClusterSearch(p.cluster, order.length + upfront, placed, best.moves(), lowerBound, meetsBound,
        exhaustive, nodes);
    return new Result(bestAt, bestSequence, best, report);
  }

  private void reset() {
    int h = p.hostCount();
    loadCpu = p.baseCpu.clone();
    loadMem = p.baseMem.clone();
    alloc = p.baseAlloc.clone();
    arrivals = new int[h];
    at = p.home.clone();
    fixed = new boolean[p.vmCount()];
    freeCpu = new long[h];
    freeMem = new long[h];
    for (int host = 0; host < h; host++) {
      for (int r : residentsOf[host]) {
        freeCpu[host] += p.resCpu[r];
        freeMem[host] += p.resMem[r];
      }
    }
    moves = 0;
    unplaced = upfront;
  }

  // --- greedy -------------------------------------------------------------------------------

  /** Best fit in decision order; where a VM fits nowhere, one VM with reservations moved off a candidate first. */
  private void greedy() {
    List<Integer> sequence = new ArrayList<>();
    for (int v : order) {
      int[] targets = preferred(v);
      int chosen = -1;
      for (int t : targets) {
        if (fits(v, t)) {
          chosen = t;
          break;
        }
      }
      if (chosen >= 0) {
        move(v, chosen);
        sequence.add(v);
        continue;
      }
      if (!makeRoomFor(v, targets, sequence)) unplaced++;
    }
    // Room made for a later VM can take an earlier one that found none.
    for (int v : order) {
      if (at[v] != p.home[v]) continue;
      for (int t : preferred(v)) {
        if (!fits(v, t)) continue;
        move(v, t);
        sequence.add(v);
        unplaced--;
        break;
      }
    }
    int[] ordered = order(at);
    if (ordered == null) ordered = sequence.stream().mapToInt(Integer::intValue).toArray();
    consider(ordered);
  }

  private boolean makeRoomFor(int v, int[] targets, List<Integer> sequence) {
    for (int t : targets) {
      for (int r : residentsOf[t]) {
        if (at[r] != t || fixed[r]) continue;
        boolean roomAfter = loadCpu[t] - p.resCpu[r] + p.resCpu[v] <= p.capCpu[t] && loadMem[t] - p.resMem[r] + p.resMem[v] <= p.capMem[t];
        if (!roomAfter) continue;
        for (int t2 : preferred(r)) {
          if (t2 == t || !fits(r, t2)) continue;
          move(r, t2);
          fixed[r] = true;
          sequence.add(r);
          move(v, t);
          sequence.add(v);
          return true;
        }
      }
    }
    return false;
  }

  // --- branch and bound ---------------------------------------------------------------------

  private void decide(int i) {
    if (++nodes > budget) {
      aborted = true;
      return;
    }
    if (pruned(order.length - i)) return;
    if (i == order.length) {
      repair();
      return;
    }
    int v = order[i];
    for (int t : preferred(v)) {
      move(v, t);
      decide(i + 1);
      unmove(v, t);
      if (aborted) return;
    }
    unplaced++;
    decide(i + 1);
    unplaced--;
  }

  private void repair() {
    int h = mostOverloaded();
    if (h < 0) {
      leaf();
      return;
    }
    List<Integer> stayed = new ArrayList<>();
    for (int r : residentsOf[h]) {
      if (at[r] != h || fixed[r]) continue;
      fixed[r] = true;
      freeCpu[h] -= p.resCpu[r];
      freeMem[h] -= p.resMem[r];
      for (int t : preferred(r)) {
        move(r, t);
        if (++nodes > budget) aborted = true;
        else if (!pruned(0)) repair();
        unmove(r, t);
        if (aborted) break;
      }
      // Siblings keep r at home: every set of leaving VMs is tried once.
      stayed.add(r);
      if (aborted) break;
    }
    for (int r : stayed) {
      fixed[r] = false;
      freeCpu[h] += p.resCpu[r];
      freeMem[h] += p.resMem[r];
    }
  }

  private boolean pruned(int evacueesLeft) {
    int over = 0;
    for (int h = 0; h < p.hostCount(); h++) {
      if (!overloaded(h)) continue;
      if (loadCpu[h] - freeCpu[h] > p.capCpu[h] || loadMem[h] - freeMem[h] > p.capMem[h]) return true;
      over++;
    }
    if (best == null) return false;
    int lbMoves = moves + evacueesLeft + over;
    int c = unplaced != best.unplaced() ? Integer.compare(unplaced, best.unplaced()) : Integer.compare(lbMoves, best.moves());
    return c > 0 || (c == 0 && !exploreTies);
  }

  private void leaf() {
    int[] sequence = order(at);
    if (sequence != null) consider(sequence);
  }

  private void consider(int[] sequence) {
    Objective o = score(sequence);
    if (best == null || o.compareTo(best) < 0) {
      best = o;
      bestAt = at.clone();
      bestSequence = sequence;
    }
  }

  // --- state --------------------------------------------------------------------------------

  private boolean overloaded(int h) {
    return arrivals[h] > 0 && (loadCpu[h] > p.capCpu[h] || loadMem[h] > p.capMem[h]);
  }

  private int mostOverloaded() {
    int worst = -1;
    double worstBy = 0;
    for (int h = 0; h < p.hostCount(); h++) {
      if (!overloaded(h)) continue;
      double by = Math.max(fraction(loadCpu[h] - p.capCpu[h], p.capCpu[h]), fraction(loadMem[h] - p.capMem[h], p.capMem[h]));
      if (worst < 0 || by > worstBy) {
        worst = h;
        worstBy = by;
      }
    }
    return worst;
  }

  private boolean fits(int v, int t) {
    return loadCpu[t] + p.resCpu[v] <= p.capCpu[t] && loadMem[t] + p.resMem[v] <= p.capMem[t];
  }

  private void move(int v, int t) {
    int from = at[v];
    loadCpu[from] -= p.resCpu[v];
    loadMem[from] -= p.resMem[v];
    alloc[from] -= p.vms[v].memoryMb();
    loadCpu[t] += p.resCpu[v];
    loadMem[t] += p.resMem[v];
    alloc[t] += p.vms[v].memoryMb();
    arrivals[t]++;
    at[v] = t;
    moves++;
  }

  private void unmove(int v, int t) {
    int from = p.home[v];
    loadCpu[t] -= p.resCpu[v];
    loadMem[t] -= p.resMem[v];
    alloc[t] -= p.vms[v].memoryMb();
    loadCpu[from] += p.resCpu[v];
    loadMem[from] += p.resMem[v];
    alloc[from] += p.vms[v].memoryMb();
    arrivals[t]--;
    at[v] = from;
    moves--;
  }

  /**
   * Targets in the order worth trying: where it fits now, then the fastest, then the least reserved,
   * then the least filled. Keys are packed into one long per host and insertion-sorted: this runs at
   * every node of the search.
   */
  private int[] preferred(int v) {
    int[] allowed = p.allowed[v];
    int n = allowed.length;
    int[] out = new int[n];
    long[] key = new long[n];
    for (int i = 0; i < n; i++) {
      int t = allowed[i];
      long fitsLast = fits(v, t) ? 0 : 1;
      long millis = Math.min((1L << 29) - 1, Math.round(solo[v][t] * 1000));
      long reserved = share(fraction(loadMem[t] + p.resMem[v], p.capMem[t]) + fraction(loadCpu[t] + p.resCpu[v], p.capCpu[t]), 2);
      long filled = share(fraction(alloc[t] + p.vms[v].memoryMb(), p.capMem[t]), 1);
      long k = fitsLast << 62 | millis << 32 | reserved << 16 | filled;
      int j = i;
      while (j > 0 && (key[j - 1] > k || (key[j - 1] == k && out[j - 1] > t))) {
        key[j] = key[j - 1];
        out[j] = out[j - 1];
        j--;
      }
      key[j] = k;
      out[j] = t;
    }
    return out;
  }

  /** {@code x} in [0, max] as 16 bits, for packed sort keys. */
  private static long share(double x, double max) {
    return Math.max(0, Math.min(65535, Math.round(x / max * 65535)));
  }

  private static double fraction(long amount, long capacity) {
    return capacity <= 0 ? (amount > 0 ? 1 : 0) : (double) amount / capacity;
  }

  // --- ordering and score -------------------------------------------------------------------

  /**
   * An order of the moves of {@code placement} in which each fits when it runs, or null. Only moves
   * with reservations can be blocked or unblock others; they are ordered by a depth-first search that
   * remembers the sets of done moves it failed from, make-room moves tried first. Moves without
   * reservations follow, longest first: the final placement fits, so they fit at the end, and the
   * waves let them run early.
   */
  int[] order(int[] placement) {
    List<Integer> relevant = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (int v = 0; v < p.vmCount(); v++) {
      if (placement[v] == p.home[v]) continue;
      (p.reserves(v) ? relevant : free).add(v);
    }
    relevant.sort(Comparator.<Integer>comparingInt(v -> p.evacuee[v] ? 1 : 0).thenComparing(v -> -p.resMem[v]).thenComparingInt(v -> v));
    free.sort(Comparator.<Integer>comparingDouble(v -> -solo[v][placement[v]]).thenComparingInt(v -> v));
    long[] cpu = p.baseCpu.clone();
    long[] mem = p.baseMem.clone();
    int[] done = new int[relevant.size()];
    int[] budgetLeft = {ORDER_BUDGET};
    if (!orderFrom(relevant, placement, cpu, mem, new BitSet(), done, 0, new HashSet<>(), budgetLeft)) return null;
    int[] out = new int[relevant.size() + free.size()];
    System.arraycopy(done, 0, out, 0, done.length);
    for (int i = 0; i < free.size(); i++) out[done.length + i] = free.get(i);
    return out;
  }

  private boolean orderFrom(List<Integer> relevant, int[] placement, long[] cpu, long[] mem, BitSet taken, int[] done, int depth,
      Set<BitSet> failed, int[] budgetLeft) {
    if (depth == relevant.size()) return true;
    if (failed.contains(taken) || --budgetLeft[0] < 0) return false;
    for (int i = 0; i < relevant.size(); i++) {
      if (taken.get(i)) continue;
      int v = relevant.get(i);
      int t = placement[v];
      int s = p.home[v];
      if (cpu[t] + p.resCpu[v] > p.capCpu[t] || mem[t] + p.resMem[v] > p.capMem[t]) continue;
      cpu[s] -= p.resCpu[v];
      mem[s] -= p.resMem[v];
      cpu[t] += p.resCpu[v];
      mem[t] += p.resMem[v];
      taken.set(i);
      done[depth] = v;
      boolean ok = orderFrom(relevant, placement, cpu, mem, taken, done, depth + 1, failed, budgetLeft);
      taken.clear(i);
      cpu[t] -= p.resCpu[v];
      mem[t] -= p.resMem[v];
      cpu[s] += p.resCpu[v];
      mem[s] += p.resMem[v];
      if (ok) return true;
    }
    failed.add((BitSet) taken.clone());
    return false;
  }

  private Objective score(int[] sequence) {
    List<Waves.Step> steps = new ArrayList<>();
    for (int v : sequence) steps.add(new Waves.Step(p.vms[v], p.hosts[p.home[v]], p.hosts[at[v]], p.home[v], at[v]));
    Waves.Result waves = new Waves(p.capCpu, p.capMem, p.baseCpu, p.baseMem, limit, p.duration()).schedule(steps);
    double reserved = 0;
    double memory = 0;
    for (int h = 0; h < p.hostCount(); h++) {
      if (p.evacuated[h]) continue;
      double m = fraction(loadMem[h], p.capMem[h]);
      double c = fraction(loadCpu[h], p.capCpu[h]);
      double a = fraction(alloc[h], p.capMem[h]);
      reserved += m * m + c * c;
      memory += a * a;
    }
    return new Objective(unplaced, moves, waves.totalSeconds(), reserved, memory);
  }
}

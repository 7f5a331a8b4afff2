package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.rules.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes a plan from an inventory and what the rules said about every (VM, candidate host) pair:
 * each affected cluster is searched on its own ({@link Search}), optionally rebalanced
 * ({@link Rebalancer}), and the clusters' sequences are cut into waves together ({@link Waves}),
 * since vCenter's limits are per host and per datastore.
 */
public final class Planner {

  private final Compatibility rules;
  private final Function<String, RuleInfo> ruleInfo;
  private final MoveDuration duration;
  private final long nodeBudget;

  public Planner(Compatibility rules, Function<String, RuleInfo> ruleInfo, MoveDuration duration) {
    this(rules, ruleInfo, duration, -1);
  }

  /**
   * @param nodeBudget search nodes per cluster; 0 keeps the greedy pass alone (tests show what the
   *     search adds); negative: {@link Search#budgetPerCluster}
   */
  Planner(Compatibility rules, Function<String, RuleInfo> ruleInfo, MoveDuration duration, long nodeBudget) {
    this.rules = rules;
    this.ruleInfo = ruleInfo;
    this.duration = duration;
    this.nodeBudget = nodeBudget;
  }

  /** A cluster's name as plans print it; hosts without one form a group. */
  static String clusterName(String cluster) {
    return cluster == null ? "(no cluster)" : cluster;
  }

  public Plan plan(Inventory inventory, PlanRequest request) {
    Map<String, List<Host>> byCluster = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (Host h : inventory.hosts()) {
      String key = h.cluster() == null ? "" : h.cluster();
      if (!byCluster.containsKey(key)) keys.add(key);
      byCluster.computeIfAbsent(key, k -> new ArrayList<>()).add(h);
    }
    keys.sort(null);
    Map<String, String> clusterOf = new HashMap<>();
    inventory.hosts().forEach(h -> clusterOf.put(h.name(), h.cluster() == null ? "" : h.cluster()));
    Set<String> affected = new LinkedHashSet<>();
    for (String e : request.evacuate()) affected.add(clusterOf.get(e));
    Map<String, List<Vm>> poweredOn = new HashMap<>();
    List<String> notPoweredOn = new ArrayList<>();
    for (Vm v : inventory.vms()) {
      if (v.poweredOn()) poweredOn.computeIfAbsent(clusterOf.get(v.host()), k -> new ArrayList<>()).add(v);
      else if (request.evacuate().contains(v.host())) notPoweredOn.add(v.name() + " on " + v.host() + " (" + v.powerState().json() + ")");
    }
    notPoweredOn.sort(null);

    List<Waves.Step> steps = new ArrayList<>();
    List<PlannedMove.Kind> kinds = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    List<Unplaced> unplaced = new ArrayList<>();
    List<ClusterSearch> searches = new ArrayList<>();
    List<Host> fleet = new ArrayList<>();
    List<long[]> loads = new ArrayList<>();
    Explanations explain = new Explanations(rules, ruleInfo);
    int planned = 0;
    for (String key : keys) if (affected.contains(key) || request.rebalance() && request.evacuate().isEmpty()) planned++;
    long budget = nodeBudget >= 0 ? nodeBudget : Search.budgetPerCluster(planned);
    for (String key : keys) {
      boolean evacuating = affected.contains(key);
      boolean rebalancing = request.rebalance() && (request.evacuate().isEmpty() || evacuating);
      if (!evacuating && !rebalancing) continue;
      List<Host> hosts = byCluster.get(key);
      ClusterProblem p = new ClusterProblem(clusterName(key.isEmpty() ? null : key), hosts, poweredOn.getOrDefault(key, List.of()),
          request.evacuate(), rules, duration);
      int offset = fleet.size();
      fleet.addAll(hosts);
      for (int h = 0; h < p.hostCount(); h++) loads.add(new long[] {p.baseCpu[h], p.baseMem[h]});
      int[] limit = limits(p.hosts, request);
      Search.Result found = new Search(p, limit, budget, p.vmCount() <= Search.TIES_SEARCHED_UP_TO).run();
      if (evacuating) searches.add(found.report());
      int[] at = found.at().clone();
      long[] cpu = new long[p.hostCount()];
      long[] mem = new long[p.hostCount()];
      for (int v = 0; v < p.vmCount(); v++) {
        cpu[at[v]] += p.resCpu[v];
        mem[at[v]] += p.resMem[v];
      }
      for (int v : found.sequence()) {
        steps.add(new Waves.Step(p.vms[v], p.hosts[p.home[v]], p.hosts[at[v]], offset + p.home[v], offset + at[v]));
        kinds.add(p.evacuee[v] ? PlannedMove.Kind.EVACUATION : PlannedMove.Kind.MAKE_ROOM);
        reasons.add(p.evacuee[v] ? null : makeRoomReason(p, v, at, cpu, mem));
      }
      if (rebalancing) {
        for (Rebalancer.Step s : new Rebalancer(p, at).run()) {
          steps.add(new Waves.Step(p.vms[s.vm()], p.hosts[s.from()], p.hosts[s.to()], offset + s.from(), offset + s.to()));
          kinds.add(PlannedMove.Kind.REBALANCE);
          reasons.add(s.reason());
          cpu[s.from()] -= p.resCpu[s.vm()];
          mem[s.from()] -= p.resMem[s.vm()];
          cpu[s.to()] += p.resCpu[s.vm()];
          mem[s.to()] += p.resMem[s.vm()];
        }
      }
      for (int v = 0; v < p.vmCount(); v++) {
        if (!p.evacuee[v] || at[v] != p.home[v]) continue;
        // Rebalancing can free room that the evacuation lacked: take it, last.
        int room = -1;
        for (int t : p.allowed[v]) {
          if (cpu[t] + p.resCpu[v] <= p.capCpu[t] && mem[t] + p.resMem[v] <= p.capMem[t]) {
            room = t;
            break;
          }
        }
        if (room < 0) {
          unplaced.add(explain.unplaced(p, v, cpu, mem));
          continue;
        }
        at[v] = room;
        cpu[room] += p.resCpu[v];
        mem[room] += p.resMem[v];
        steps.add(new Waves.Step(p.vms[v], p.hosts[p.home[v]], p.hosts[room], offset + p.home[v], offset + room));
        kinds.add(PlannedMove.Kind.EVACUATION);
        reasons.add(null);
      }
    }
    unplaced.sort(Comparator.comparing(Unplaced::vm));

    int n = fleet.size();
    long[] capCpu = new long[n], capMem = new long[n], loadCpu = new long[n], loadMem = new long[n];
    for (int h = 0; h < n; h++) {
      capCpu[h] = (long) fleet.get(h).cpu().cores() * fleet.get(h).cpu().mhz();
      capMem[h] = fleet.get(h).memoryMb();
      loadCpu[h] = loads.get(h)[0];
      loadMem[h] = loads.get(h)[1];
    }
    // Moves with reservations keep their clusters' order, which makes every step fit; the others fit
    // whenever they run once those are placed, and longest first they pack the waves best.
    List<Integer> order = new ArrayList<>();
    List<Integer> free = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) (steps.get(i).reserves() ? order : free).add(i);
    double[] alone = new double[steps.size()];
    for (int i : free) alone[i] = duration.seconds(steps.get(i).vm(), steps.get(i).source(), steps.get(i).target(), 1);
    free.sort(Comparator.<Integer>comparingDouble(i -> -alone[i]).thenComparingInt(i -> i));
    order.addAll(free);
    List<Waves.Step> sequenced = new ArrayList<>();
    List<PlannedMove.Kind> sequencedKinds = new ArrayList<>();
    List<String> sequencedReasons = new ArrayList<>();
    for (int i : order) {
      sequenced.add(steps.get(i));
      sequencedKinds.add(kinds.get(i));
      sequencedReasons.add(reasons.get(i));
    }
    steps = sequenced;
    kinds = sequencedKinds;
    reasons = sequencedReasons;
    Waves.Result waves = new Waves(capCpu, capMem, loadCpu, loadMem, limits(fleet.toArray(Host[]::new), request), duration).schedule(steps);
    List<Integer> byWave = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) byWave.add(i);
    byWave.sort(Comparator.<Integer>comparingInt(i -> waves.wave()[i]).thenComparingInt(i -> i));
    List<PlannedMove> moves = new ArrayList<>();
    for (int i : byWave) {
      Waves.Step s = steps.get(i);
      moves.add(new PlannedMove(s.vm().name(), s.source().name(), s.target().name(), waves.wave()[i], waves.seconds()[i], kinds.get(i),
          reasons.get(i)));
    }
    return new Plan(request, moves, unplaced, notPoweredOn, waves.waves(), waves.totalSeconds(), searches);
  }

  private static int[] limits(Host[] hosts, PlanRequest request) {
    int[] limit = new int[hosts.length];
    for (int h = 0; h < hosts.length; h++) limit[h] = request.maxConcurrent().orElse(Waves.vcenterLimit(hosts[h]));
    return limit;
  }

  /** Which evacuated VMs a make-room move is for, and what its host would lack without it. */
  private static String makeRoomReason(ClusterProblem p, int r, int[] at, long[] cpu, long[] mem) {
    int h = p.home[r];
    List<String> forWhom = new ArrayList<>();
    for (int v = 0; v < p.vmCount(); v++) if (at[v] == h && p.home[v] != h) forWhom.add(p.vms[v].name());
    forWhom.sort(null);
    List<String> lack = new ArrayList<>();
    long memShort = mem[h] + p.resMem[r] - p.capMem[h];
    long cpuShort = cpu[h] + p.resCpu[r] - p.capCpu[h];
    if (memShort > 0) lack.add(memShort + " MB of memory");
    if (cpuShort > 0) lack.add(cpuShort + " MHz of CPU");
    String who = forWhom.isEmpty() ? "" : " for " + String.join(", ", forWhom);
    return "makes room on " + p.hosts[h].name() + who
        + (lack.isEmpty() ? "" : ": without this move " + p.hosts[h].name() + " would be short of " + String.join(" and ", lack) + " for the reservations");
  }
}

package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;
import io.vmotion.rules.Finding;
import io.vmotion.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Why a VM stays on an evacuated host, as {@code vmotion explain} would put it: per candidate host
 * the rules that block it there (with the findings' own messages), counted per rule over the
 * cluster, then each rule's title and fix from its metadata.
 */
final class Explanations {

  private final Compatibility rules;
  private final Function<String, RuleInfo> ruleInfo;

  Explanations(Compatibility rules, Function<String, RuleInfo> ruleInfo) {
    this.rules = rules;
    this.ruleInfo = ruleInfo;
  }

  /**
   * @param cpu reserved CPU per host of {@code p} in the plan's final placement
   * @param mem reserved memory per host in the final placement
   */
  Unplaced unplaced(ClusterProblem p, int v, long[] cpu, long[] mem) {
    Vm vm = p.vms[v];
    List<Integer> candidates = new ArrayList<>();
    for (int h = 0; h < p.hostCount(); h++) if (h != p.home[v] && !p.evacuated[h]) candidates.add(h);
    candidates.sort(java.util.Comparator.comparing(h -> p.hosts[h].name()));
    List<String> reasons = new ArrayList<>();
    if (candidates.isEmpty()) {
      boolean others = p.hostCount() > 1;
      reasons.add(others
          ? "every other host of " + p.cluster + " is being evacuated too; keep one in service or plan the hosts one at a time"
          : p.cluster + " has no other host; add a host to the cluster first");
      return new Unplaced(vm.name(), vm.host(), reasons);
    }
    Map<String, Integer> hostsPerRule = new TreeMap<>();
    List<String> lines = new ArrayList<>();
    for (int h : candidates) {
      Host host = p.hosts[h];
      Map<String, String> why = new TreeMap<>();
      for (Finding f : rules.blocking(vm.name(), host.name())) why.merge(f.rule(), f.message(), (a, b) -> a + "; " + b);
      if (vm.vcpus() > host.cpu().threads()) {
        Finding today = rules.capacityToday(vm.name(), host.name());
        why.put(Compatibility.CAPACITY, today != null ? today.message()
            : vm.vcpus() + " vCPUs exceed the target's " + host.cpu().threads() + " logical processors on " + host.name());
      }
      if (why.isEmpty()) why.put(Compatibility.CAPACITY, shortfall(p, v, h, cpu, mem));
      for (Map.Entry<String, String> e : why.entrySet()) {
        hostsPerRule.merge(e.getKey(), 1, Integer::sum);
        lines.add(host.name() + ": " + e.getKey() + ": " + e.getValue());
      }
    }
    List<Map.Entry<String, Integer>> counted = new ArrayList<>(hostsPerRule.entrySet());
    counted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<String> perRule = counted.stream().map(e -> e.getKey() + " on " + e.getValue()).toList();
    String scope = candidates.size() == 1 ? "the only other host of " + p.cluster + " blocks it" : "every host of " + p.cluster + " blocks it";
    reasons.add(scope + ": " + String.join(", ", perRule));
    reasons.addAll(lines);
    for (Map.Entry<String, Integer> e : counted) {
      RuleInfo info = ruleInfo.apply(e.getKey());
      if (info == null) continue;
      reasons.add(info.id() + " (" + info.severity().json() + "): " + info.title() + ". Fix: " + info.remediation());
    }
    return new Unplaced(vm.name(), vm.host(), reasons);
  }

  /** Why a host the rules allow has no room: its unreserved capacity once the plan's moves are done. */
  private static String shortfall(ClusterProblem p, int v, int h, long[] cpu, long[] mem) {
    List<String> parts = new ArrayList<>();
    long leftMem = p.capMem[h] - mem[h];
    long leftCpu = p.capCpu[h] - cpu[h];
    if (p.resMem[v] > leftMem) parts.add("memory reservation " + p.resMem[v] + " MB exceeds the " + leftMem + " MB left unreserved");
    if (p.resCpu[v] > leftCpu) parts.add("CPU reservation " + p.resCpu[v] + " MHz exceeds the " + leftCpu + " MHz left unreserved");
    if (parts.isEmpty()) parts.add("no order of the plan's moves leaves room for it");
    boolean todayFits = p.resMem[v] <= p.capMem[h] - p.baseMem[h] && p.resCpu[v] <= p.capCpu[h] - p.baseCpu[h];
    return String.join("; ", parts) + " on " + p.hosts[h].name() + " after the plan's moves"
        + (todayFits ? " (it has room today, which the plan's other moves take)" : "");
  }
}

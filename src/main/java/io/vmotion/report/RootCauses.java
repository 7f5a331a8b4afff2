package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What to fix first, the same in every format: the VMs with no compatible target, then the causes
 * ranked by the moves they block. A cause is a rule on one target host, or a rule on a whole
 * cluster when it blocks moves onto every host of that cluster (one fix there, not one per host).
 * A move blocked by two causes counts under both.
 *
 * @param noTarget the VMs with no compatible target (readiness blocked or unknown), by name
 * @param causes the costliest first; ties by rule, then place
 * @param blockedMoves the moves blocked by at least one error
 */
public record RootCauses(List<CheckedVm> noTarget, List<Cause> causes, long blockedMoves) {

  /**
   * @param host the target host, or null for a cluster-wide cause
   * @param cluster the cluster of a cluster-wide cause (or the host's cluster, null if none)
   * @param hosts the hosts the cause is on (1 for a host)
   */
  public record Cause(String rule, String host, String cluster, int hosts, long moves, String title, String fix) {

    public boolean clusterWide() {
      return host == null;
    }

    /** "host esx-b4" or "every host of cluster edge (3 hosts)", unescaped. */
    public String where() {
      return clusterWide() ? "every host of cluster " + cluster + " (" + hosts + " hosts)" : "host " + host;
    }
  }

  public static RootCauses of(ReportInput input) {
    List<CheckedVm> noTarget = new ArrayList<>();
    long blockedMoves = 0;
    for (CheckedVm vm : input.evaluation().vms()) {
      if (vm.compatibleCount() == 0) noTarget.add(vm);
      blockedMoves += vm.targetCount() - vm.compatibleCount() - vm.undecidedCount();
    }
    Map<String, TreeSet<String>> hostsOf = new TreeMap<>();
    input.clusters().forEach((host, cluster) -> {
      if (!cluster.isEmpty()) hostsOf.computeIfAbsent(cluster, k -> new TreeSet<>()).add(host);
    });
    List<Cause> causes = new ArrayList<>();
    for (Map.Entry<String, SortedMap<String, Long>> byRule : input.evaluation().blockedMoves().entrySet()) {
      String rule = byRule.getKey();
      RuleInfo info = input.rule(rule);
      String title = info == null ? rule : info.title();
      String fix = info == null ? "" : info.remediation();
      SortedMap<String, Long> byHost = byRule.getValue();
      Map<String, Long> clusterMoves = new TreeMap<>();
      for (Map.Entry<String, TreeSet<String>> c : hostsOf.entrySet()) {
        if (c.getValue().size() < 2 || !byHost.keySet().containsAll(c.getValue())) continue;
        long moves = 0;
        for (String h : c.getValue()) moves += byHost.get(h);
        clusterMoves.put(c.getKey(), moves);
        causes.add(new Cause(rule, null, c.getKey(), c.getValue().size(), moves, title, fix));
      }
      for (Map.Entry<String, Long> h : byHost.entrySet()) {
        String cluster = input.clusterOf(h.getKey());
        if (cluster != null && clusterMoves.containsKey(cluster)) continue;
        causes.add(new Cause(rule, h.getKey(), cluster, 1, h.getValue(), title, fix));
      }
    }
    causes.sort(Comparator.comparingLong(Cause::moves).reversed().thenComparing(Cause::rule)
        .thenComparing(c -> c.clusterWide() ? "0" + c.cluster() : "1" + c.host()));
    return new RootCauses(List.copyOf(noTarget), List.copyOf(causes), blockedMoves);
  }

  /** "cpu.features=3 host.state=1": what blocks a VM, per rule the targets it blocks. */
  public static String blockedBy(CheckedVm vm) {
    List<String> parts = new ArrayList<>();
    vm.blockedBy().forEach((rule, n) -> parts.add(rule + "=" + n));
    return String.join(" ", parts);
  }
}

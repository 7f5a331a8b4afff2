package io.vmotion.rules;

import io.vmotion.inventory.Cluster;
import io.vmotion.inventory.ClusterRule;
import io.vmotion.inventory.FaultTolerance;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vcenter;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates many inventories (the completions of one incomplete inventory) in one evaluation: each
 * becomes a cluster of its own, its hosts and VMs named "k7/h1". Without a plan and in scope
 * CLUSTER, no move leaves its cluster, and a move's facts (its VM, source, target and the
 * reservations on the target) all come from its own inventory, so each gets the findings it would
 * get alone; a test checks that on a few inventories. The names are given back in the results.
 */
final class ManyInventories {

  /** What evaluating one inventory found: its findings and, per VM checked, its targets. */
  record Result(List<Finding> findings, Map<String, List<String>> targets) {}

  private ManyInventories() {}

  static List<Result> evaluate(RuleBase rules, List<Inventory> inventories, boolean exact) {
    List<List<Finding>> findings = new ArrayList<>();
    List<Map<String, List<String>>> targets = new ArrayList<>();
    for (int k = 0; k < inventories.size(); k++) {
      findings.add(new ArrayList<>());
      targets.add(new LinkedHashMap<>());
    }
    // vCenter's settings hold for a whole inventory: inventories that differ in them are evaluated apart.
    Map<Vcenter, List<Integer>> byVcenter = new LinkedHashMap<>();
    for (int k = 0; k < inventories.size(); k++) byVcenter.computeIfAbsent(inventories.get(k).vcenter(), x -> new ArrayList<>()).add(k);
    for (Map.Entry<Vcenter, List<Integer>> group : byVcenter.entrySet()) {
      evaluate(rules, inventories, group.getValue(), group.getKey(), exact, findings, targets);
    }
    List<Result> out = new ArrayList<>();
    for (int k = 0; k < inventories.size(); k++) out.add(new Result(List.copyOf(findings.get(k)), targets.get(k)));
    return out;
  }

  private static void evaluate(RuleBase rules, List<Inventory> inventories, List<Integer> which, Vcenter vcenter, boolean exact,
      List<List<Finding>> findings, List<Map<String, List<String>>> targets) {
    List<Host> hosts = new ArrayList<>();
    List<Vm> vms = new ArrayList<>();
    List<Cluster> clusters = new ArrayList<>();
    for (int k : which) {
      Inventory inv = inventories.get(k);
      if (!inv.migrations().isEmpty()) throw new IllegalArgumentException("inventories with a plan cannot share an evaluation");
      String p = "k" + k + "/";
      for (Host h : inv.hosts()) {
        Host renamed = h.withName(p + h.name());
        hosts.add(new Host(renamed.name(), p + (h.cluster() == null ? "" : h.cluster()), h.version(), h.license(), h.state(),
            h.maintenanceMode(), h.cpu(), h.evcMode(), h.maxEvcMode(), h.memoryMb(), h.vmotionNics(), h.datastores(), h.portGroups(),
            h.unknown(), h.gpuProfiles()));
      }
      for (Vm v : inv.vms()) {
        Vm renamed = v.withNames(p + v.name(), p + v.host());
        FaultTolerance ft = v.ft() == null ? null : new FaultTolerance(v.ft().role(), v.ft().partnerHost() == null ? null : p + v.ft().partnerHost());
        vms.add(new Vm(renamed.name(), renamed.host(), v.powerState(), v.hardwareVersion(), v.guestOs(), v.vcpus(), v.memoryMb(), v.reservation(),
            v.datastores(), v.nics(), v.cpuFeatures(), v.cpuVendor(), v.minRequiredEvcMode(), v.devices(), v.unknown(), v.scsiControllers(),
            v.cpuAffinity(), v.memoryAffinity(), ft));
      }
      for (Cluster c : inv.clusters()) clusters.add(renamed(c, p));
    }
    Evaluation all = new Evaluator(rules).evaluate(new Inventory(hosts, vms, List.of(), List.of(), clusters, vcenter), Scope.CLUSTER, true, exact,
        Progress.NONE);
    for (Finding f : all.findings()) {
      int k = index(f.vm());
      String p = "k" + k + "/";
      findings.get(k).add(new Finding(f.rule(), f.severity(), strip(f.vm()), strip(f.source()), strip(f.target()), f.step(),
          f.message().replace(p, ""), f.remediation()));
    }
    for (CheckedVm vm : all.vms()) {
      targets.get(index(vm.name())).put(strip(vm.name()), vm.targets().stream().map(ManyInventories::strip).toList());
    }
  }

  /** The cluster named as its hosts now are ("k7/c1"), its groups and rules naming the renamed hosts and VMs. */
  private static Cluster renamed(Cluster c, String p) {
    Map<String, List<String>> vmGroups = new LinkedHashMap<>();
    c.vmGroups().forEach((g, m) -> vmGroups.put(g, m.stream().map(x -> p + x).toList()));
    Map<String, List<String>> hostGroups = new LinkedHashMap<>();
    c.hostGroups().forEach((g, m) -> hostGroups.put(g, m.stream().map(x -> p + x).toList()));
    List<ClusterRule> rules = new ArrayList<>();
    for (ClusterRule r : c.rules()) {
      rules.add(new ClusterRule(r.name(), r.type(), r.vmGroup(), r.hostGroup(), r.vms().stream().map(x -> p + x).toList(), r.affine(), r.mandatory(),
          r.enabled()));
    }
    return new Cluster(p + c.name(), vmGroups, hostGroups, rules);
  }

  /** The targets of each VM checked in an evaluation of one inventory. */
  static Map<String, List<String>> targets(Evaluation e) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (CheckedVm vm : e.vms()) out.put(vm.name(), vm.targets());
    return out;
  }

  private static int index(String name) {
    return Integer.parseInt(name.substring(1, name.indexOf('/')));
  }

  private static String strip(String name) {
    return name.substring(name.indexOf('/') + 1);
  }
}

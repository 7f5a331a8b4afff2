package io.vmotion.rules;

import io.vmotion.inventory.Host;
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
    List<Host> hosts = new ArrayList<>();
    List<Vm> vms = new ArrayList<>();
    for (int k = 0; k < inventories.size(); k++) {
      Inventory inv = inventories.get(k);
      if (!inv.migrations().isEmpty()) throw new IllegalArgumentException("inventories with a plan cannot share an evaluation");
      String p = "k" + k + "/";
      for (Host h : inv.hosts()) {
        Host renamed = h.withName(p + h.name());
        hosts.add(new Host(renamed.name(), p + (h.cluster() == null ? "" : h.cluster()), h.version(), h.license(), h.state(),
            h.maintenanceMode(), h.cpu(), h.evcMode(), h.maxEvcMode(), h.memoryMb(), h.vmotionNics(), h.datastores(), h.portGroups(),
            h.unknown()));
      }
      for (Vm v : inv.vms()) vms.add(v.withNames(p + v.name(), p + v.host()));
    }
    Evaluation all = new Evaluator(rules).evaluate(new Inventory(hosts, vms, List.of()), Scope.CLUSTER, true, exact, Progress.NONE);
    List<List<Finding>> findings = new ArrayList<>();
    List<Map<String, List<String>>> targets = new ArrayList<>();
    for (int k = 0; k < inventories.size(); k++) {
      findings.add(new ArrayList<>());
      targets.add(new LinkedHashMap<>());
    }
    for (Finding f : all.findings()) {
      int k = index(f.vm());
      String p = "k" + k + "/";
      findings.get(k).add(new Finding(f.rule(), f.severity(), strip(f.vm()), strip(f.source()), strip(f.target()), f.step(),
          f.message().replace(p, ""), f.remediation()));
    }
    for (CheckedVm vm : all.vms()) {
      targets.get(index(vm.name())).put(strip(vm.name()), vm.targets().stream().map(ManyInventories::strip).toList());
    }
    List<Result> out = new ArrayList<>();
    for (int k = 0; k < inventories.size(); k++) out.add(new Result(List.copyOf(findings.get(k)), targets.get(k)));
    return out;
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

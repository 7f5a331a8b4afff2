package io.vmotion.rules;

import io.vmotion.inventory.Cluster;
import io.vmotion.inventory.ClusterRule;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.rules.facts.VmContext;
import io.vmotion.rules.facts.VmHostRule;
import io.vmotion.rules.facts.VmVmRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The inventory's DRS groups and rules as each VM and host sees them: the enabled rules that cover
 * a VM, the host groups that hold a host, and the group names of each cluster (the values an
 * unknown host group membership can take). vCenter's settings come with the VM's rules.
 */
final class DrsRules {

  private final Map<String, List<VmHostRule>> vmHost = new HashMap<>();
  private final Map<String, List<ClusterRule>> vmVm = new HashMap<>();
  private final Map<String, Set<String>> groupsOfHost = new HashMap<>();
  private final Map<String, Set<String>> groupNames = new HashMap<>();
  private final Set<String> poweredOn = new java.util.HashSet<>();
  private final boolean vgpuHotMigrate;
  private final boolean vgpuHotMigrateUnknown;

  DrsRules(Inventory inventory) {
    vgpuHotMigrate = inventory.vcenter().vgpuHotMigrate();
    vgpuHotMigrateUnknown = inventory.vcenter().unknown().contains("vgpuHotMigrate");
    for (Vm v : inventory.vms()) if (v.poweredOn()) poweredOn.add(v.name());
    for (Cluster c : inventory.clusters()) {
      groupNames.computeIfAbsent(c.name(), k -> new TreeSet<>()).addAll(c.hostGroups().keySet());
      c.hostGroups().forEach((g, hosts) -> hosts.forEach(h -> groupsOfHost.computeIfAbsent(h, k -> new TreeSet<>()).add(g)));
      for (ClusterRule r : c.rules()) {
        if (!r.enabled()) continue;
        if (r.type().equals("vm-host")) {
          VmHostRule rule = new VmHostRule(c.name(), r.name(), r.hostGroup(), r.affine(), r.mandatory());
          for (String vm : c.vmGroups().getOrDefault(r.vmGroup(), List.of())) vmHost.computeIfAbsent(vm, k -> new ArrayList<>()).add(rule);
        } else {
          for (String vm : new TreeSet<>(r.vms())) vmVm.computeIfAbsent(vm, k -> new ArrayList<>()).add(withCluster(r, c.name()));
        }
      }
    }
  }

  private static ClusterRule withCluster(ClusterRule r, String cluster) {
    // The cluster travels in vmGroup, which a VM-VM rule does not use.
    return new ClusterRule(r.name(), r.type(), cluster, null, r.vms(), r.affine(), false, true);
  }

  Set<String> hostGroupsOf(String host) {
    return groupsOfHost.getOrDefault(host, Set.of());
  }

  /** The host group names of each cluster. */
  Map<String, Set<String>> groupNames() {
    return groupNames;
  }

  /** The rules that cover {@code vm}, with the rules' other powered-on VMs where {@code placement} puts them. */
  VmContext context(String vm, Map<String, String> placement) {
    List<VmVmRule> vmRules = new ArrayList<>();
    for (ClusterRule r : vmVm.getOrDefault(vm, List.of())) {
      List<VmVmRule.Peer> peers = new ArrayList<>();
      for (String other : new TreeSet<>(r.vms())) {
        if (other.equals(vm) || !poweredOn.contains(other)) continue;
        peers.add(new VmVmRule.Peer(other, placement.get(other)));
      }
      vmRules.add(new VmVmRule(r.vmGroup(), r.name(), r.affine(), peers));
    }
    return new VmContext(vmHost.getOrDefault(vm, List.of()), vmRules, vgpuHotMigrate, vgpuHotMigrateUnknown);
  }
}

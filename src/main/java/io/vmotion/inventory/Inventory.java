package io.vmotion.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hosts, VMs and an optional migration plan, as read from one inventory file, with the gaps of the
 * export it came from ({@code unknownCauses}, empty for a hand-written inventory).
 */
public record Inventory(List<Host> hosts, List<Vm> vms, List<Migration> migrations, List<UnknownCause> unknownCauses, List<Cluster> clusters,
    Vcenter vcenter) {

  public Inventory {
    hosts = List.copyOf(hosts);
    vms = List.copyOf(vms);
    migrations = List.copyOf(migrations);
    unknownCauses = List.copyOf(unknownCauses);
    clusters = List.copyOf(clusters);
    if (vcenter == null) vcenter = Vcenter.DEFAULT;
  }

  /** An inventory without DRS rules, with vCenter's default settings. */
  public Inventory(List<Host> hosts, List<Vm> vms, List<Migration> migrations, List<UnknownCause> unknownCauses) {
    this(hosts, vms, migrations, unknownCauses, List.of(), Vcenter.DEFAULT);
  }

  public Inventory(List<Host> hosts, List<Vm> vms, List<Migration> migrations) {
    this(hosts, vms, migrations, List.of());
  }

  public Map<String, Host> hostsByName() {
    Map<String, Host> byName = new LinkedHashMap<>();
    hosts.forEach(h -> byName.put(h.name(), h));
    return byName;
  }

  public Optional<Host> host(String name) {
    return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
  }

  public Inventory withMigrations(List<Migration> plan) {
    return new Inventory(hosts, vms, plan, unknownCauses, clusters, vcenter);
  }
}

package io.vmotion.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hosts, VMs and an optional migration plan, as read from one inventory file. */
public record Inventory(List<Host> hosts, List<Vm> vms, List<Migration> migrations) {

  public Inventory {
    hosts = List.copyOf(hosts);
    vms = List.copyOf(vms);
    migrations = List.copyOf(migrations);
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
    return new Inventory(hosts, vms, plan);
  }
}

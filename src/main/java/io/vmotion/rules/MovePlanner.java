package io.vmotion.rules;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Migration;
import io.vmotion.inventory.Vm;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Turns an inventory into the moves to check: a plan's steps in order, or every VM against its peers. */
final class MovePlanner {

  final List<HostFact> hosts = new ArrayList<>();
  final List<VmFact> vms = new ArrayList<>();
  private final Map<String, HostFact> hostsByName = new LinkedHashMap<>();
  private final Map<String, VmFact> vmsByName = new HashMap<>();
  private final Map<String, long[]> reserved = new HashMap<>();
  /** The DRS rules that cover each VM, and the host group names of each cluster, for facts and completions. */
  final DrsRules drs;

  MovePlanner(Inventory inventory, Map<String, EvcBaseline> baselines) {
    this.drs = new DrsRules(inventory);
    for (Host h : inventory.hosts()) {
      EvcBaseline b = h.evcMode() == null ? null : baselines.get(h.evcMode());
      HostFact fact = new HostFact(h, b == null ? null : b.features(), drs.hostGroupsOf(h.name()));
      hosts.add(fact);
      hostsByName.put(h.name(), fact);
      reserved.put(h.name(), new long[2]);
    }
    Map<String, String> placement = new HashMap<>();
    inventory.vms().forEach(v -> placement.put(v.name(), v.host()));
    for (Vm v : inventory.vms()) {
      HostFact current = hostsByName.get(v.host());
      VmFact fact = vmFact(v, current, baselines).withContext(drs.context(v.name(), placement));
      vms.add(fact);
      vmsByName.put(v.name(), fact);
      if (v.poweredOn()) {
        long[] r = reserved.get(v.host());
        r[0] += v.reservation().cpuMhz();
        r[1] += v.reservation().memoryMb();
      }
    }
  }

  /**
   * The VM's CPU requirement is its own where the inventory gives one (its cpuFeatures, or the
   * baseline of its minRequiredEvcMode) and its host's only otherwise.
   */
  static VmFact vmFact(Vm v, HostFact current, Map<String, EvcBaseline> baselines) {
    EvcBaseline required = v.minRequiredEvcMode() == null ? null : baselines.get(v.minRequiredEvcMode());
    String vendor = v.cpuVendor() != null ? v.cpuVendor() : required != null ? required.vendor() : null;
    if (v.cpuFeatures().isPresent()) return new VmFact(v, v.cpuFeatures().get(), vendor != null ? vendor : current.getCpuVendor(), vendor != null);
    if (required != null) return new VmFact(v, required.features(), vendor, true);
    return VmFact.withHostFeatures(v, current);
  }

  /** CPU (MHz) and memory (MB) reserved today by the powered-on VMs on {@code host}. */
  long[] reservedOn(String host) {
    return reserved.get(host).clone();
  }

  HostFact host(String name) {
    return hostsByName.get(name);
  }

  /** The move of {@code vm} from where it runs to {@code target}, with today's placement. */
  Move move(VmFact vm, HostFact target) {
    long[] r = reserved.get(target.getName());
    return new Move(vm, hostsByName.get(vm.getHost()), target, 0, r[0], r[1]);
  }

  /** Whether {@code target} is a candidate for a VM on {@code source} in this scope. */
  static boolean inScope(Scope scope, HostFact source, HostFact target) {
    return target != source && (scope == Scope.ALL || Objects.equals(target.getCluster(), source.getCluster()));
  }

  /** Every powered-on VM against every other host in its scope, with today's placement. */
  List<Move> candidates(Scope scope) {
    List<Move> moves = new ArrayList<>();
    for (VmFact vm : vms) {
      if (!vm.isPoweredOn()) continue;
      HostFact source = hostsByName.get(vm.getHost());
      for (HostFact target : hosts) {
        if (inScope(scope, source, target)) moves.add(move(vm, target));
      }
    }
    return moves;
  }

  /**
   * The plan's steps in order. Each step's target carries the reservations it will hold after the
   * earlier steps, which are assumed to happen as planned: the plan is judged as a whole.
   */
  /** A plan step that moves a VM onto the host it is on at that point: nothing to migrate, likely a mistake in the plan. */
  record NoOp(String vm, String host, int step) {}

  /** The no-op steps met by the last {@link #plan}. */
  final List<NoOp> noOps = new ArrayList<>();

  List<Move> plan(List<Migration> migrations) {
    noOps.clear();
    Map<String, String> location = new HashMap<>();
    vms.forEach(v -> location.put(v.getName(), v.getHost()));
    Map<String, long[]> load = new HashMap<>();
    reserved.forEach((k, v) -> load.put(k, v.clone()));
    List<Move> moves = new ArrayList<>();
    int step = 0;
    for (Migration m : migrations) {
      step++;
      VmFact vm = vmsByName.get(m.vm());
      String from = location.get(m.vm());
      if (from.equals(m.target())) {
        noOps.add(new NoOp(m.vm(), from, step));
        continue;
      }
      // The rule's other VMs are where the plan's earlier steps put them.
      if (!vm.getVmVmRules().isEmpty()) vm = vm.withContext(drs.context(m.vm(), location));
      long[] r = load.get(m.target());
      moves.add(new Move(vm, hostsByName.get(from), hostsByName.get(m.target()), step, r[0], r[1]));
      if (vm.isPoweredOn()) {
        long[] s = load.get(from);
        s[0] -= vm.getCpuReservationMhz();
        s[1] -= vm.getMemoryReservationMb();
        r[0] += vm.getCpuReservationMhz();
        r[1] += vm.getMemoryReservationMb();
      }
      location.put(m.vm(), m.target());
    }
    return moves;
  }
}

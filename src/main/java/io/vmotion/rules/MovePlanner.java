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

  private final Map<String, HostFact> hosts = new LinkedHashMap<>();
  private final Map<String, VmFact> vms = new LinkedHashMap<>();
  private final Map<String, long[]> reserved = new HashMap<>();

  MovePlanner(Inventory inventory, Map<String, EvcBaseline> baselines) {
    for (Host h : inventory.hosts()) {
      EvcBaseline b = h.evcMode() == null ? null : baselines.get(h.evcMode());
      hosts.put(h.name(), new HostFact(h, b == null ? null : b.features()));
      reserved.put(h.name(), new long[2]);
    }
    for (Vm v : inventory.vms()) {
      HostFact current = hosts.get(v.host());
      vms.put(v.name(), new VmFact(v, v.cpuFeatures().orElse(current.getEffectiveFeatures())));
      if (v.poweredOn()) {
        long[] r = reserved.get(v.host());
        r[0] += v.reservation().cpuMhz();
        r[1] += v.reservation().memoryMb();
      }
    }
  }

  /** Every powered-on VM against every other host in its scope, with today's placement. */
  List<Move> candidates(Scope scope) {
    List<Move> moves = new ArrayList<>();
    for (VmFact vm : vms.values()) {
      if (!vm.isPoweredOn()) continue;
      HostFact source = hosts.get(vm.getHost());
      for (HostFact target : hosts.values()) {
        if (target == source) continue;
        if (scope == Scope.CLUSTER && !Objects.equals(target.getCluster(), source.getCluster())) continue;
        long[] r = reserved.get(target.getName());
        moves.add(new Move(vm, source, target, 0, r[0], r[1]));
      }
    }
    return moves;
  }

  /**
   * The plan's steps in order. Each step's target carries the reservations it will hold after the
   * earlier steps, which are assumed to happen as planned: the plan is judged as a whole.
   */
  List<Move> plan(List<Migration> migrations) {
    Map<String, String> location = new HashMap<>();
    vms.values().forEach(v -> location.put(v.getName(), v.getHost()));
    List<Move> moves = new ArrayList<>();
    int step = 0;
    for (Migration m : migrations) {
      step++;
      VmFact vm = vms.get(m.vm());
      String from = location.get(m.vm());
      if (from.equals(m.target())) continue;
      long[] r = reserved.get(m.target());
      moves.add(new Move(vm, hosts.get(from), hosts.get(m.target()), step, r[0], r[1]));
      if (vm.isPoweredOn()) {
        long[] s = reserved.get(from);
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

package io.vmotion.planning;

import io.vmotion.inventory.Cpu;
import io.vmotion.inventory.EsxiVersion;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.PowerState;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmNic;
import io.vmotion.inventory.VmotionNic;
import io.vmotion.rules.Evaluator;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.Rules;
import io.vmotion.rules.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Small evacuation instances from a seed, one cluster of 2 to 4 hosts and 2 to 8 powered-on VMs,
 * for comparing plans with exhaustive search. Hosts differ in memory, CPU and port groups, and VMs
 * in reservations and networks, so both the rules (network.port-group, resources.capacity through
 * vCPUs) and capacity decide. {@link #partition} builds instances where the evacuated VMs fill the
 * targets exactly, which first-fit decreasing often misses.
 */
final class SmallPlans {

  static final long GIB = 1024;

  /** An instance: its inventory and the hosts to evacuate. */
  record Instance(String label, Inventory inventory, PlanRequest request) {}

  private SmallPlans() {}

  static RuleBase rules() {
    return Rules.folder();
  }

  static Instance random(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int hostCount = 2 + r.nextInt(3);
    List<Host> hosts = new ArrayList<>();
    for (int h = 0; h < hostCount; h++) {
      long memory = GIB * (32 + 32 * r.nextInt(3));
      int cores = 4 + 4 * r.nextInt(2);
      List<String> pgs = r.nextInt(5) == 0 ? List.of("pg-a") : List.of("pg-a", "pg-b");
      hosts.add(host("h" + (h + 1), memory, cores, r.nextInt(4) == 0 ? 1000 : 10_000, pgs));
    }
    int evacuated = hostCount == 4 && r.nextInt(3) == 0 ? 2 : 1;
    int vmCount = 2 + r.nextInt(7);
    long[] memLeft = new long[hostCount];
    long[] cpuLeft = new long[hostCount];
    for (int h = 0; h < hostCount; h++) {
      memLeft[h] = hosts.get(h).memoryMb();
      cpuLeft[h] = (long) hosts.get(h).cpu().cores() * hosts.get(h).cpu().mhz();
    }
    List<Vm> vms = new ArrayList<>();
    for (int i = 0; i < vmCount; i++) {
      // Half the VMs on the evacuated hosts, so that there is something to plan.
      int h = r.nextBoolean() ? r.nextInt(evacuated) : r.nextInt(hostCount);
      long mem = r.nextInt(4) == 0 ? 0 : GIB * 8 * (1 + r.nextInt(4));
      long cpu = r.nextInt(3) == 0 ? 1000L * (1 + r.nextInt(6)) : 0;
      if (mem > memLeft[h] || cpu > cpuLeft[h]) {
        mem = 0;
        cpu = 0;
      }
      memLeft[h] -= mem;
      cpuLeft[h] -= cpu;
      int vcpus = r.nextInt(10) == 0 ? 12 : 2;
      vms.add(vm("vm" + (i + 1), hosts.get(h).name(), vcpus, Math.max(mem, 4 * GIB), new Reservation(cpu, mem), r.nextInt(4) == 0 ? "pg-b" : "pg-a"));
    }
    List<String> evacuate = hosts.subList(0, evacuated).stream().map(Host::name).toList();
    return new Instance("seed " + seed, new Inventory(hosts, vms, List.of()), new PlanRequest(new java.util.TreeSet<>(evacuate), false,
        java.util.OptionalInt.empty()));
  }

  /**
   * One evacuated host whose VMs' memory reservations are a split of the targets' free memory, so a
   * perfect placement exists by construction, drawn until first-fit decreasing (largest first, each
   * to the first target with room) misses it. {@code label} names the seed it was drawn from.
   */
  static Instance partition(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    while (true) {
      int bins = 2 + r.nextInt(2);
      int units = 7 + r.nextInt(8);
      List<Long> pieces = new ArrayList<>();
      for (int bin = 0; bin < bins; bin++) {
        int left = units;
        int parts = 2 + r.nextInt(bins == 2 ? 3 : 2);
        for (int k = 0; k < parts - 1 && left > 1; k++) {
          int piece = 1 + r.nextInt(Math.max(1, left - (parts - 1 - k)));
          pieces.add((long) piece);
          left -= piece;
        }
        if (left > 0) pieces.add((long) left);
      }
      if (pieces.size() > 8 || firstFitDecreasingFits(pieces, bins, units)) continue;
      long unit = 4 * GIB;
      List<Host> hosts = new ArrayList<>();
      hosts.add(host("h1", unit * 64, 16, 10_000, List.of("pg-a", "pg-b")));
      for (int b = 0; b < bins; b++) hosts.add(host("h" + (b + 2), unit * units, 16, 10_000, List.of("pg-a", "pg-b")));
      java.util.Collections.shuffle(pieces, new java.util.Random(seed));
      List<Vm> vms = new ArrayList<>();
      for (int i = 0; i < pieces.size(); i++) {
        long mem = pieces.get(i) * unit;
        vms.add(vm("vm" + (i + 1), "h1", 2, mem, new Reservation(0, mem), "pg-a"));
      }
      return new Instance("partition seed " + seed, new Inventory(hosts, vms, List.of()), PlanRequest.evacuate("h1"));
    }
  }

  private static boolean firstFitDecreasingFits(List<Long> pieces, int bins, int capacity) {
    List<Long> sorted = new ArrayList<>(pieces);
    sorted.sort(java.util.Comparator.reverseOrder());
    long[] free = new long[bins];
    java.util.Arrays.fill(free, capacity);
    for (long piece : sorted) {
      int b = 0;
      while (b < bins && free[b] < piece) b++;
      if (b == bins) return false;
      free[b] -= piece;
    }
    return true;
  }

  static Host host(String name, long memoryMb, int cores, long nicMbps, List<String> portGroups) {
    Cpu cpu = new Cpu("intel", 6, 85, cores, cores * 2, 2000, Set.of("sse2", "sse4_2", "aes", "avx", "avx2", "nx", "vmx"), Set.of());
    return new Host(name, "c1", new EsxiVersion(8, 0, 2), "enterprise-plus", io.vmotion.inventory.HostState.CONNECTED, false, cpu, null,
        memoryMb, List.of(new VmotionNic("vmk1", nicMbps, 9000)), List.of("ds1"), portGroups);
  }

  static Vm vm(String name, String host, int vcpus, long memoryMb, Reservation reservation, String portGroup) {
    return new Vm(name, host, PowerState.POWERED_ON, 19, "rhel9_64Guest", vcpus, memoryMb, reservation, List.of("ds1"),
        List.of(new VmNic(portGroup, String.format("00:50:56:00:%02x:%02x", name.hashCode() & 0xff, name.length()))), Optional.empty());
  }

  /** Plans the instance with the given node budget (0: the greedy pass alone). */
  static Plan plan(Instance instance, long budget) {
    return plan(instance, compatibility(instance), budget);
  }

  static Plan plan(Instance instance, Compatibility compatibility, long budget) {
    return new Planner(compatibility, rules()::rule, MoveDuration.standIn(), budget).plan(instance.inventory(), instance.request());
  }

  static Compatibility compatibility(Instance instance) {
    return Compatibility.of(new Evaluator(rules()).evaluate(instance.inventory(), Scope.CLUSTER));
  }
}

package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The reference: breadth-first search over every placement reachable by single vMotions, each
 * allowed by the rules' pair verdicts and fitting its target when it runs (reservations at most the
 * unreserved capacity, as resources.capacity judges in plan order). Unlike the planner it lets a VM
 * move any number of times and any VM move at all. Its answer is the least number of VMs left on
 * evacuated hosts and, for that, the least number of moves. Written apart from the planner, sharing
 * nothing with it but the rules' verdicts.
 */
final class ExhaustiveSearch {

  record Best(int unplaced, int moves, long states) {}

  private ExhaustiveSearch() {}

  static Best solve(Inventory inventory, Set<String> evacuate, Compatibility rules) {
    List<Host> hosts = inventory.hosts();
    List<Vm> vms = inventory.vms().stream().filter(Vm::poweredOn).toList();
    int h = hosts.size();
    int n = vms.size();
    boolean[][] allowed = new boolean[n][h];
    int[] start = new int[n];
    for (int v = 0; v < n; v++) {
      for (int t = 0; t < h; t++) {
        Host host = hosts.get(t);
        allowed[v][t] = !evacuate.contains(host.name()) && vms.get(v).vcpus() <= host.cpu().threads()
            && rules.blocking(vms.get(v).name(), host.name()).isEmpty();
        if (host.name().equals(vms.get(v).host())) start[v] = t;
      }
    }
    int states = 1;
    for (int v = 0; v < n; v++) states *= h;
    int[] depth = new int[states];
    java.util.Arrays.fill(depth, -1);
    int first = encode(start, h);
    depth[first] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(first);
    int bestUnplaced = Integer.MAX_VALUE;
    int bestMoves = Integer.MAX_VALUE;
    long seen = 0;
    int[] at = new int[n];
    while (!queue.isEmpty()) {
      int s = queue.poll();
      seen++;
      decode(s, h, at);
      int left = 0;
      for (int v = 0; v < n; v++) if (evacuate.contains(hosts.get(at[v]).name())) left++;
      if (left < bestUnplaced || (left == bestUnplaced && depth[s] < bestMoves)) {
        bestUnplaced = left;
        bestMoves = depth[s];
      }
      long[] cpu = new long[h];
      long[] mem = new long[h];
      for (int v = 0; v < n; v++) {
        cpu[at[v]] += vms.get(v).reservation().cpuMhz();
        mem[at[v]] += vms.get(v).reservation().memoryMb();
      }
      for (int v = 0; v < n; v++) {
        Vm vm = vms.get(v);
        for (int t = 0; t < h; t++) {
          if (t == at[v] || !allowed[v][t]) continue;
          Host target = hosts.get(t);
          long capCpu = (long) target.cpu().cores() * target.cpu().mhz();
          if (vm.reservation().cpuMhz() > capCpu - cpu[t] || vm.reservation().memoryMb() > target.memoryMb() - mem[t]) continue;
          int from = at[v];
          at[v] = t;
          int next = encode(at, h);
          at[v] = from;
          if (depth[next] >= 0) continue;
          depth[next] = depth[s] + 1;
          queue.add(next);
        }
      }
    }
    return new Best(bestUnplaced, bestMoves, seen);
  }

  /** First-fit decreasing by memory reservation, the textbook heuristic: each evacuated VM to the first host where it fits. */
  static int firstFitDecreasingUnplaced(Inventory inventory, Set<String> evacuate, Compatibility rules) {
    List<Host> targets = inventory.hosts().stream().filter(x -> !evacuate.contains(x.name())).toList();
    long[] cpu = new long[targets.size()];
    long[] mem = new long[targets.size()];
    List<Vm> movers = new ArrayList<>();
    for (Vm v : inventory.vms()) {
      if (!v.poweredOn()) continue;
      int t = targets.stream().map(Host::name).toList().indexOf(v.host());
      if (t >= 0) {
        cpu[t] += v.reservation().cpuMhz();
        mem[t] += v.reservation().memoryMb();
      } else {
        movers.add(v);
      }
    }
    movers.sort(java.util.Comparator.comparingLong((Vm v) -> -v.reservation().memoryMb()).thenComparing(Vm::name));
    int unplaced = 0;
    for (Vm v : movers) {
      boolean placed = false;
      for (int t = 0; t < targets.size() && !placed; t++) {
        Host host = targets.get(t);
        boolean ok = v.vcpus() <= host.cpu().threads() && rules.blocking(v.name(), host.name()).isEmpty()
            && cpu[t] + v.reservation().cpuMhz() <= (long) host.cpu().cores() * host.cpu().mhz() && mem[t] + v.reservation().memoryMb() <= host.memoryMb();
        if (ok) {
          cpu[t] += v.reservation().cpuMhz();
          mem[t] += v.reservation().memoryMb();
          placed = true;
        }
      }
      if (!placed) unplaced++;
    }
    return unplaced;
  }

  private static int encode(int[] at, int h) {
    int s = 0;
    for (int i = at.length - 1; i >= 0; i--) s = s * h + at[i];
    return s;
  }

  private static void decode(int s, int h, int[] at) {
    for (int i = 0; i < at.length; i++) {
      at[i] = s % h;
      s /= h;
    }
  }
}

package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One cluster as the search sees it, by index: its hosts with their capacity and today's reserved
 * load, and its powered-on VMs with their reservations and the hosts the rules allow them on.
 * Clusters are planned apart because no candidate move leaves its cluster (hosts without a cluster
 * form one group, as in validation).
 *
 * <p>Capacity mirrors {@code resources.capacity}: a host's CPU is cores × MHz, its memory its
 * memoryMb; a VM fits when its reservations are at most what the host leaves unreserved, and its
 * vCPUs at most the host's threads. Only powered-on VMs reserve anything.
 */
final class ClusterProblem {

  final String cluster;
  final Host[] hosts;
  final boolean[] evacuated;
  final long[] capCpu;
  final long[] capMem;
  final long[] baseCpu;
  final long[] baseMem;
  final long[] baseAlloc;

  final Vm[] vms;
  final int[] home;
  final long[] resCpu;
  final long[] resMem;
  final boolean[] evacuee;
  /** Host indices each VM may move to, by index; empty for VMs the planner never moves (no reservation, not evacuated). */
  final int[][] allowed;
  private final MoveDuration duration;

  ClusterProblem(String cluster, List<Host> clusterHosts, List<Vm> poweredOn, Set<String> evacuate, Compatibility rules, MoveDuration duration) {
    this.cluster = cluster;
    this.duration = duration;
    int hCount = clusterHosts.size();
    hosts = clusterHosts.toArray(Host[]::new);
    evacuated = new boolean[hCount];
    capCpu = new long[hCount];
    capMem = new long[hCount];
    baseCpu = new long[hCount];
    baseMem = new long[hCount];
    baseAlloc = new long[hCount];
    java.util.Map<String, Integer> index = new java.util.HashMap<>();
    for (int h = 0; h < hCount; h++) {
      Host host = hosts[h];
      index.put(host.name(), h);
      evacuated[h] = evacuate.contains(host.name());
      capCpu[h] = (long) host.cpu().cores() * host.cpu().mhz();
      capMem[h] = host.memoryMb();
    }
    int vCount = poweredOn.size();
    vms = poweredOn.toArray(Vm[]::new);
    home = new int[vCount];
    resCpu = new long[vCount];
    resMem = new long[vCount];
    evacuee = new boolean[vCount];
    allowed = new int[vCount][];
    for (int v = 0; v < vCount; v++) {
      Vm vm = vms[v];
      home[v] = index.get(vm.host());
      resCpu[v] = vm.reservation().cpuMhz();
      resMem[v] = vm.reservation().memoryMb();
      evacuee[v] = evacuated[home[v]];
      baseCpu[home[v]] += resCpu[v];
      baseMem[home[v]] += resMem[v];
      baseAlloc[home[v]] += vm.memoryMb();
      allowed[v] = evacuee[v] || reserves(v) ? allowedHosts(v, rules) : new int[0];
    }
  }

  /** Whether the VM holds reservations: only those can make room, or unbalance a cluster. */
  boolean reserves(int v) {
    return resCpu[v] > 0 || resMem[v] > 0;
  }

  private int[] allowedHosts(int v, Compatibility rules) {
    List<Integer> ok = new ArrayList<>();
    for (int h = 0; h < hosts.length; h++) {
      if (h == home[v] || evacuated[h]) continue;
      if (vms[v].vcpus() > hosts[h].cpu().threads()) continue;
      if (!rules.blocking(vms[v].name(), hosts[h].name()).isEmpty()) continue;
      ok.add(h);
    }
    return ok.stream().mapToInt(Integer::intValue).toArray();
  }

  int hostCount() {
    return hosts.length;
  }

  int vmCount() {
    return vms.length;
  }

  /** Seconds of the move alone on its link: the search's proxy for a move's share of the total time. */
  double soloSeconds(int v, int target) {
    return duration.seconds(vms[v], hosts[home[v]], hosts[target], 1);
  }

  MoveDuration duration() {
    return duration;
  }
}

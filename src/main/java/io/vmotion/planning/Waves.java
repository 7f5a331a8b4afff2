package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts a plan's sequence into waves: the moves of a wave run at once, and a wave starts when the
 * previous one has finished. vCenter's limits on simultaneous migrations hold in every wave: per
 * host, 4 vMotions on 1 GbE and 8 on 10 GbE or faster (the network limit; the host limit is 8 too),
 * and 128 per datastore ("Limits on Simultaneous Migrations", vCenter Server and Host Management).
 *
 * <p>Capacity is judged conservatively inside a wave: a move's reservations count on its target from
 * the wave's start, and what a move of the same wave frees on its source counts only from the next
 * wave. So the plan fits in any order its wave's moves happen to finish, and in the listed order that
 * {@code vmotion validate --plan} checks.
 *
 * <p>A move joins a wave only when that lengthens the wave by no more than the move would take alone
 * in a later one: moves that share a host's vMotion link share its bandwidth, so piling a small move
 * onto a large one's link costs more than it saves, while moves on other hosts run in parallel.
 *
 * <p>A move may join a wave ahead of earlier moves of the sequence that must wait, as long as it takes
 * no room they need: a move with reservations never overtakes a waiting move to the same target.
 * Given a sequence in which every move fits when its turn comes, the first waiting move always fits
 * into a new wave, so every wave holds at least one move.
 */
final class Waves {

  /** vCenter's per-datastore limit for vMotion (each vMotion costs 1 on its VM's datastores). */
  static final int DATASTORE_LIMIT = 128;

  /** One move: host indices into this scheduler's arrays. */
  record Step(Vm vm, Host source, Host target, int src, int tgt) {
    long cpu() {
      return vm.reservation().cpuMhz();
    }

    long mem() {
      return vm.reservation().memoryMb();
    }

    boolean reserves() {
      return cpu() > 0 || mem() > 0;
    }
  }

  /** Each step's wave (1-based) and estimate, the number of waves, and their total. */
  record Result(int[] wave, double[] seconds, int waves, double totalSeconds) {}

  private final long[] capCpu;
  private final long[] capMem;
  private final long[] startCpu;
  private final long[] startMem;
  private final int[] limit;
  private final MoveDuration duration;

  Waves(long[] capCpu, long[] capMem, long[] loadCpu, long[] loadMem, int[] limit, MoveDuration duration) {
    this.capCpu = capCpu;
    this.capMem = capMem;
    this.startCpu = loadCpu;
    this.startMem = loadMem;
    this.limit = limit;
    this.duration = duration;
  }

  /** vCenter's concurrent vMotions for a host: 8 on a 10 GbE or faster vMotion link, else 4. */
  static int vcenterLimit(Host h) {
    return LinkShareDuration.fastest(h) >= 10_000 ? 8 : 4;
  }

  /**
   * The wave's duration with {@code s} added: its own estimate shared with the wave's moves on its
   * hosts, and theirs once they share with it (moves elsewhere keep theirs; sharing only lengthens).
   */
  private double durationWith(Step s, List<Step> sequence, Map<Integer, List<Integer>> onHost, int[] busy, double longest) {
    busy[s.src()]++;
    busy[s.tgt()]++;
    double after = Math.max(longest, duration.seconds(s.vm(), s.source(), s.target(), Math.max(busy[s.src()], busy[s.tgt()])));
    for (int h : new int[] {s.src(), s.tgt()}) {
      for (int j : onHost.getOrDefault(h, List.of())) {
        Step o = sequence.get(j);
        after = Math.max(after, duration.seconds(o.vm(), o.source(), o.target(), Math.max(busy[o.src()], busy[o.tgt()])));
      }
    }
    busy[s.src()]--;
    busy[s.tgt()]--;
    return after;
  }

  Result schedule(List<Step> sequence) {
    int n = sequence.size();
    int hosts = capCpu.length;
    long[] loadCpu = startCpu.clone();
    long[] loadMem = startMem.clone();
    Map<String, Integer> datastoreIndex = new HashMap<>();
    int[][] datastores = new int[n][];
    for (int i = 0; i < n; i++) {
      List<String> ds = sequence.get(i).vm().datastores();
      datastores[i] = new int[ds.size()];
      for (int d = 0; d < ds.size(); d++) datastores[i][d] = datastoreIndex.computeIfAbsent(ds.get(d), k -> datastoreIndex.size());
    }
    int[] wave = new int[n];
    double[] seconds = new double[n];
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < n; i++) pending.add(i);
    int[] busy = new int[hosts];
    int[] datastoreBusy = new int[datastoreIndex.size()];
    long[] arrivingCpu = new long[hosts];
    long[] arrivingMem = new long[hosts];
    boolean[] awaited = new boolean[hosts];
    int waves = 0;
    double total = 0;
    while (!pending.isEmpty()) {
      waves++;
      java.util.Arrays.fill(busy, 0);
      java.util.Arrays.fill(datastoreBusy, 0);
      java.util.Arrays.fill(arrivingCpu, 0);
      java.util.Arrays.fill(arrivingMem, 0);
      java.util.Arrays.fill(awaited, false);
      List<Integer> chosen = new ArrayList<>();
      List<Integer> waiting = new ArrayList<>();
      Map<Integer, List<Integer>> onHost = new HashMap<>();
      double longest = 0;
      for (int i : pending) {
        Step s = sequence.get(i);
        boolean ok = busy[s.src()] < limit[s.src()] && busy[s.tgt()] < limit[s.tgt()]
            && !(s.reserves() && awaited[s.tgt()])
            && loadCpu[s.tgt()] + arrivingCpu[s.tgt()] + s.cpu() <= capCpu[s.tgt()]
            && loadMem[s.tgt()] + arrivingMem[s.tgt()] + s.mem() <= capMem[s.tgt()];
        for (int d : datastores[i]) ok &= datastoreBusy[d] < DATASTORE_LIMIT;
        if (ok && !chosen.isEmpty()) {
          // Joining must not cost the wave more than running the move alone later would.
          double waveAfter = durationWith(s, sequence, onHost, busy, longest);
          ok = waveAfter - longest <= duration.seconds(s.vm(), s.source(), s.target(), 1) + 1e-9;
        }
        // The first waiting move of a wave always fits (see above); forcing it keeps a bad sequence from looping.
        if (!ok && !chosen.isEmpty()) {
          awaited[s.tgt()] = true;
          waiting.add(i);
          continue;
        }
        chosen.add(i);
        busy[s.src()]++;
        busy[s.tgt()]++;
        onHost.computeIfAbsent(s.src(), k -> new ArrayList<>()).add(i);
        if (s.tgt() != s.src()) onHost.computeIfAbsent(s.tgt(), k -> new ArrayList<>()).add(i);
        // Sharing only lengthens the moves on this move's hosts: the wave's longest can only grow there.
        for (int h : new int[] {s.src(), s.tgt()}) {
          for (int j : onHost.get(h)) {
            Step o = sequence.get(j);
            seconds[j] = duration.seconds(o.vm(), o.source(), o.target(), Math.max(busy[o.src()], busy[o.tgt()]));
            longest = Math.max(longest, seconds[j]);
          }
        }
        for (int d : datastores[i]) datastoreBusy[d]++;
        arrivingCpu[s.tgt()] += s.cpu();
        arrivingMem[s.tgt()] += s.mem();
      }
      longest = 0;
      for (int i : chosen) {
        Step s = sequence.get(i);
        wave[i] = waves;
        seconds[i] = duration.seconds(s.vm(), s.source(), s.target(), Math.max(busy[s.src()], busy[s.tgt()]));
        longest = Math.max(longest, seconds[i]);
        loadCpu[s.src()] -= s.cpu();
        loadMem[s.src()] -= s.mem();
        loadCpu[s.tgt()] += s.cpu();
        loadMem[s.tgt()] += s.mem();
      }
      total += longest;
      pending = waiting;
    }
    return new Result(wave, seconds, waves, total);
  }
}

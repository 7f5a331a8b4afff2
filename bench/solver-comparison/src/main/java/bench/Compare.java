package bench;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import io.vmotion.app.Timings;
import io.vmotion.app.Vmotion;
import io.vmotion.app.Workspace;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;
import io.vmotion.planning.Compatibility;
import io.vmotion.planning.MoveDuration;
import io.vmotion.planning.Plan;
import io.vmotion.planning.PlanRequest;
import io.vmotion.planning.Planner;
import io.vmotion.rules.Evaluator;
import io.vmotion.rules.Progress;
import io.vmotion.rules.RuleSource;
import io.vmotion.rules.Scope;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Plans the same evacuation with vmotion's planner and with Timefold Solver (its defaults:
 * construction heuristic, then local search until it reaches the planner's score or the given
 * seconds pass), and prints VMs left behind, moves and the time of each search alone (the rules'
 * evaluation is done once, before either).
 *
 *   java -cp ... bench.Compare INVENTORY HOST[,HOST...] SECONDS
 */
public final class Compare {

  public static void main(String[] args) throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    Vmotion app = new Vmotion(quiet, "plan");
    Workspace ws = app.load(Optional.of(Path.of(args[0])), List.of(RuleSource.builtin()), false, new Timings(quiet));
    TreeSet<String> evacuate = new TreeSet<>(List.of(args[1].split(",")));
    long seconds = Long.parseLong(args[2]);
    PlanRequest request = new PlanRequest(evacuate, false, OptionalInt.empty());

    long t0 = System.nanoTime();
    Compatibility rules = Compatibility.of(new Evaluator(ws.rules()).evaluate(ws.inventory(), Scope.CLUSTER, true, false, Progress.NONE));
    long t1 = System.nanoTime();
    Plan own = new Planner(rules, ws.rules()::rule, MoveDuration.standIn()).plan(ws.inventory(), request);
    long t2 = System.nanoTime();
    System.out.printf("pairs evaluated once in %.1f s%n", (t1 - t0) / 1e9);
    System.out.printf("vmotion planner:  %d left behind, %d moves, %d waves; search, ordering and waves %.2f s%n",
        own.unplaced().size(), own.migrations().size(), own.waves(), (t2 - t1) / 1e9);

    TimefoldEvacuation.Solution problem = model(ws, evacuate, rules);
    // Stops at the planner's score (it cannot do better: that score meets the lower bound) or after the time given.
    String target = "0hard/-" + own.unplaced().size() + "medium/-" + own.migrations().size() + "soft";
    SolverConfig config = new SolverConfig().withSolutionClass(TimefoldEvacuation.Solution.class)
        .withEntityClasses(TimefoldEvacuation.Assignment.class).withConstraintProviderClass(TimefoldEvacuation.Constraints.class)
        .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofSeconds(seconds)).withBestScoreLimit(target));
    Solver<TimefoldEvacuation.Solution> solver = SolverFactory.<TimefoldEvacuation.Solution>create(config).buildSolver();
    long t3 = System.nanoTime();
    TimefoldEvacuation.Solution best = solver.solve(problem);
    long t4 = System.nanoTime();
    int left = 0;
    int moves = 0;
    for (TimefoldEvacuation.Assignment a : best.assignments) {
      if (a.host != a.home) moves++;
      else if (a.evacuee) left++;
    }
    System.out.printf("timefold (at most %d s): %d left behind, %d moves, score %s (%d entities) after %.1f s%n", seconds, left, moves, best.score,
        best.assignments.size(), (t4 - t3) / 1e9);
  }

  static TimefoldEvacuation.Solution model(Workspace ws, TreeSet<String> evacuate, Compatibility rules) {
    Map<String, String> clusterOf = new HashMap<>();
    ws.inventory().hosts().forEach(h -> clusterOf.put(h.name(), String.valueOf(h.cluster())));
    TreeSet<String> affected = new TreeSet<>();
    evacuate.forEach(h -> affected.add(clusterOf.get(h)));
    List<TimefoldEvacuation.HostRef> hosts = new ArrayList<>();
    Map<String, TimefoldEvacuation.HostRef> byName = new HashMap<>();
    Map<String, List<TimefoldEvacuation.HostRef>> byCluster = new HashMap<>();
    for (Host h : ws.inventory().hosts()) {
      if (!affected.contains(clusterOf.get(h.name()))) continue;
      TimefoldEvacuation.HostRef ref = new TimefoldEvacuation.HostRef(hosts.size(), h.name(), (long) h.cpu().cores() * h.cpu().mhz(), h.memoryMb(),
          evacuate.contains(h.name()));
      hosts.add(ref);
      byName.put(h.name(), ref);
      byCluster.computeIfAbsent(clusterOf.get(h.name()), k -> new ArrayList<>()).add(ref);
    }
    List<TimefoldEvacuation.Assignment> entities = new ArrayList<>();
    for (Vm v : ws.inventory().vms()) {
      if (!v.poweredOn() || !byName.containsKey(v.host())) continue;
      boolean evacuee = evacuate.contains(v.host());
      boolean reserves = v.reservation().cpuMhz() > 0 || v.reservation().memoryMb() > 0;
      if (!evacuee && !reserves) continue;
      TimefoldEvacuation.Assignment a = new TimefoldEvacuation.Assignment();
      a.vm = v.name();
      a.evacuee = evacuee;
      a.resCpu = v.reservation().cpuMhz();
      a.resMem = v.reservation().memoryMb();
      a.home = byName.get(v.host());
      a.candidates = new ArrayList<>();
      a.candidates.add(a.home);
      Map<String, Host> inventoryHosts = ws.inventory().hostsByName();
      for (TimefoldEvacuation.HostRef t : byCluster.get(clusterOf.get(v.host()))) {
        if (t == a.home || t.evacuated()) continue;
        if (v.vcpus() > inventoryHosts.get(t.name()).cpu().threads()) continue;
        if (!rules.blocking(v.name(), t.name()).isEmpty()) continue;
        a.candidates.add(t);
      }
      // Residents start at home; evacuated VMs are placed by the construction heuristic.
      a.host = evacuee ? null : a.home;
      entities.add(a);
    }
    return new TimefoldEvacuation.Solution(hosts, entities);
  }
}

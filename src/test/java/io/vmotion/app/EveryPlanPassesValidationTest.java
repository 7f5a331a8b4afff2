package io.vmotion.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmotionNic;
import io.vmotion.inventory.synthetic.InventoryGenerator;
import io.vmotion.planning.Compatibility;
import io.vmotion.planning.MoveDuration;
import io.vmotion.planning.Plan;
import io.vmotion.planning.PlanJson;
import io.vmotion.planning.PlanRequest;
import io.vmotion.planning.PlannedMove;
import io.vmotion.planning.Planner;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Progress;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.Rules;
import io.vmotion.rules.Scope;
import io.vmotion.rules.Severity;
import io.vmotion.rules.facts.EvcBaseline;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The validator is the certificate: plans of generated inventories (seeds and shapes in the test
 * names), written as JSON and validated with the plan file as {@code vmotion validate --plan} does,
 * in this process, have no error finding on any move. Each plan is also checked against vCenter's
 * limits and, wave by wave, against capacity.
 */
class EveryPlanPassesValidationTest {

  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  record Shape(int hosts, int vms, int clusters, long seed, int evacuate, boolean rebalance) {
    @Override
    public String toString() {
      return "generate --hosts " + hosts + " --vms " + vms + " --clusters " + clusters + " --seed " + seed + ", evacuate " + evacuate
          + " hosts" + (rebalance ? " and rebalance" : "");
    }
  }

  static final List<Shape> SHAPES = List.of(
      new Shape(8, 90, 1, 1, 1, false), new Shape(12, 200, 2, 2, 2, false), new Shape(16, 260, 1, 3, 3, false),
      new Shape(24, 380, 3, 4, 4, false), new Shape(32, 500, 1, 5, 1, false), new Shape(30, 600, 2, 6, 6, false),
      new Shape(20, 320, 4, 7, 5, true), new Shape(10, 160, 1, 8, 2, true), new Shape(40, 640, 5, 9, 8, false),
      new Shape(6, 140, 1, 10, 3, false));

  @TempDir Path dir;

  static Workspace generated(Shape s) throws Exception {
    RuleBase rules = Rules.folder();
    Map<String, Set<String>> baselines = new LinkedHashMap<>();
    for (EvcBaseline b : rules.data().baselines().values()) baselines.put(b.key(), b.features());
    StringWriter w = new StringWriter();
    new InventoryGenerator(s.hosts(), s.vms(), s.clusters(), s.seed(), baselines).write(w);
    InventoryReader reader = new InventoryReader(rules.data().evcModes());
    return new Workspace("generated-" + s.seed() + ".json", reader.read("generated-" + s.seed() + ".json", w.toString()), rules, reader);
  }

  static PlanRequest request(Shape s, Inventory inventory) {
    SplittableRandom r = new SplittableRandom(s.seed());
    TreeSet<String> hosts = new TreeSet<>();
    while (hosts.size() < s.evacuate()) hosts.add(inventory.hosts().get(r.nextInt(inventory.hosts().size())).name());
    return new PlanRequest(hosts, s.rebalance(), OptionalInt.empty());
  }

  static PlanResult plan(Workspace ws, PlanRequest request) throws Exception {
    return plan(ws, request, MoveDuration.standIn());
  }

  static PlanResult plan(Workspace ws, PlanRequest request, MoveDuration duration) throws Exception {
    return new Vmotion(QUIET, "plan").plan(ws, request, duration, Progress.NONE, new Timings(QUIET));
  }

  @TestFactory
  Stream<DynamicTest> every_planned_move_passes_validate_with_the_plan_file() {
    return SHAPES.stream().map(s -> DynamicTest.dynamicTest(s.toString(), () -> {
      Workspace ws = generated(s);
      PlanRequest request = request(s, ws.inventory());
      PlanResult result = plan(ws, request);
      Plan plan = result.plan();
      System.out.println("certificate " + s + ": " + plan.migrations().size() + " moves, " + plan.waves() + " waves, "
          + plan.unplaced().size() + " unplaced, rounds " + result.rounds());
      assertThat(plan.migrations()).isNotEmpty();
      Path file = dir.resolve("plan-" + s.seed() + ".json");
      try (Writer out = Files.newBufferedWriter(file)) {
        PlanJson.write(plan, out);
      }
      Validation v = new Vmotion(QUIET, "validate").validate(ws, ValidationRequest.of(Scope.CLUSTER).withPlan(file), Progress.NONE,
          new Timings(QUIET));
      assertThat(v.evaluation().findings().stream().filter(f -> f.severity() == Severity.ERROR)
          .map(f -> "step " + f.step() + " " + f.vm() + " -> " + f.target() + ": " + f.rule() + ": " + f.message())).isEmpty();
      assertThat(v.evaluation().pairs()).isEqualTo(plan.migrations().size());
      // The planner's own capacity model agreed with the rules the first time: no pair had to be forbidden.
      assertThat(result.rounds()).isEqualTo(1);
      assertThat(Plans.problems(ws.inventory(), plan, h -> Plans.vcenterLimit(h))).isEmpty();
      assertThat(Plans.unaccounted(ws.inventory(), plan)).isEmpty();
    }));
  }

  @Test
  void a_planner_that_ignored_the_rules_would_be_refused_by_the_validator() {
    // The certificate has teeth: the same planner told that nothing blocks any pair plans moves validate refuses.
    long refused = 0;
    for (Shape s : SHAPES.subList(0, 4)) {
      try {
        Workspace ws = generated(s);
        Compatibility nothingBlocks = Compatibility.of(new Evaluation(List.of(), List.of(), 0, 0, 0, 0, 0, 0, List.of()));
        Plan plan = new Planner(nothingBlocks, ws.rules()::rule, MoveDuration.standIn()).plan(ws.inventory(), request(s, ws.inventory()));
        Evaluation e = Planning.certify(ws, ws.inventory(), plan);
        refused += e == null ? 0 : e.errors();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
    assertThat(refused).isPositive();
  }

  @Test
  void waves_respect_vcenters_limits_and_a_wider_limit_breaks_them() throws Exception {
    Shape s = SHAPES.get(4);
    Workspace ws = generated(s);
    PlanRequest strict = request(s, ws.inventory());
    // Moves that share a link share its bandwidth, so the stand-in estimate runs them one after another
    // anyway; an estimate where sharing costs nothing lets the limits alone decide the waves.
    MoveDuration free = (vm, source, target, concurrent) -> vm.memoryMb() / 1000.0;
    Plan vcenter = plan(ws, strict, free).plan();
    Plan two = plan(ws, new PlanRequest(strict.evacuate(), false, OptionalInt.of(2)), free).plan();
    Plan wide = plan(ws, new PlanRequest(strict.evacuate(), false, OptionalInt.of(1000)), free).plan();
    assertThat(Plans.problems(ws.inventory(), vcenter, Plans::vcenterLimit)).isEmpty();
    assertThat(vcenter.waves()).isGreaterThan(1);
    assertThat(Plans.problems(ws.inventory(), two, h -> 2)).isEmpty();
    assertThat(two.waves()).isGreaterThan(vcenter.waves());
    // The checker has teeth: a plan made without vCenter's limits breaks them.
    assertThat(Plans.problems(ws.inventory(), wide, Plans::vcenterLimit)).isNotEmpty();
    assertThat(wide.waves()).isEqualTo(1);
  }

  @Test
  void moves_sharing_one_link_take_no_longer_than_running_them_one_by_one() throws Exception {
    Shape s = SHAPES.get(4);
    Workspace ws = generated(s);
    Plan plan = plan(ws, request(s, ws.inventory())).plan();
    // One evacuated host: every move shares its link, and under the stand-in sharing saves nothing,
    // so the best the waves can do is the sum of the moves alone; piling moves of unequal size onto
    // the link would make it longer.
    Map<String, Host> hosts = ws.inventory().hostsByName();
    Map<String, Vm> vms = new HashMap<>();
    ws.inventory().vms().forEach(v -> vms.put(v.name(), v));
    double alone = 0;
    for (PlannedMove m : plan.migrations()) alone += MoveDuration.standIn().seconds(vms.get(m.vm()), hosts.get(m.source()), hosts.get(m.target()), 1);
    assertThat(plan.estimatedSeconds()).isCloseTo(alone, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(plan.waves()).isLessThan(plan.migrations().size());
  }

  @Test
  void rebalancing_lowers_the_spread_of_reservations_and_stays_certified() throws Exception {
    Shape s = new Shape(12, 240, 1, 21, 0, true);
    Workspace ws = generated(s);
    PlanResult result = plan(ws, new PlanRequest(new TreeSet<>(), true, OptionalInt.empty()));
    Plan plan = result.plan();
    assertThat(plan.migrations()).isNotEmpty().allSatisfy(m -> assertThat(m.kind()).isEqualTo(PlannedMove.Kind.REBALANCE));
    assertThat(result.certified()).isTrue();
    assertThat(Plans.spread(ws.inventory(), Map.of())).isGreaterThan(Plans.spread(ws.inventory(), Plans.finalHosts(plan)));
  }

  /** Properties of a plan, checked from its moves and the inventory alone. */
  static final class Plans {

    static int vcenterLimit(Host h) {
      return h.vmotionNics().stream().mapToLong(VmotionNic::speedMbps).max().orElse(0) >= 10_000 ? 8 : 4;
    }

    /**
     * Every way the plan breaks a limit: more concurrent vMotions on a host or datastore in a wave than
     * allowed, an evacuated host as target, a move out of its cluster, or a target without the room a
     * move needs when its reservations count from the wave's start and what leaves counts only after.
     */
    static List<String> problems(Inventory inv, Plan plan, java.util.function.ToIntFunction<Host> limit) {
      Map<String, Host> hosts = inv.hostsByName();
      Map<String, Vm> vms = new HashMap<>();
      inv.vms().forEach(v -> vms.put(v.name(), v));
      Map<String, long[]> load = new HashMap<>();
      for (Host h : inv.hosts()) load.put(h.name(), new long[2]);
      for (Vm v : inv.vms()) {
        if (!v.poweredOn()) continue;
        load.get(v.host())[0] += v.reservation().cpuMhz();
        load.get(v.host())[1] += v.reservation().memoryMb();
      }
      List<String> out = new ArrayList<>();
      int wave = 0;
      Map<String, Integer> busy = new HashMap<>();
      Map<String, Integer> datastores = new HashMap<>();
      List<PlannedMove> inWave = new ArrayList<>();
      List<PlannedMove> all = new ArrayList<>(plan.migrations());
      all.add(null);
      for (PlannedMove m : all) {
        if (m == null || m.wave() != wave) {
          for (PlannedMove done : inWave) {
            Vm v = vms.get(done.vm());
            load.get(done.source())[0] -= v.reservation().cpuMhz();
            load.get(done.source())[1] -= v.reservation().memoryMb();
          }
          if (m == null) break;
          if (m.wave() != wave + 1) out.add("wave " + m.wave() + " follows wave " + wave);
          wave = m.wave();
          busy.clear();
          datastores.clear();
          inWave.clear();
        }
        Vm v = vms.get(m.vm());
        Host target = hosts.get(m.target());
        if (plan.request().evacuate().contains(m.target())) out.add(m.vm() + " moves to evacuated host " + m.target());
        if (!java.util.Objects.equals(target.cluster(), hosts.get(m.source()).cluster())) out.add(m.vm() + " leaves its cluster");
        for (String h : List.of(m.source(), m.target())) {
          if (busy.merge(h, 1, Integer::sum) > limit.applyAsInt(hosts.get(h))) out.add("wave " + wave + ": too many vMotions on " + h);
        }
        for (String d : v.datastores()) if (datastores.merge(d, 1, Integer::sum) > 128) out.add("wave " + wave + ": too many on " + d);
        long[] t = load.get(m.target());
        t[0] += v.reservation().cpuMhz();
        t[1] += v.reservation().memoryMb();
        if (t[0] > (long) target.cpu().cores() * target.cpu().mhz() || t[1] > target.memoryMb()) {
          out.add("wave " + wave + ": " + m.target() + " over capacity when " + m.vm() + " arrives");
        }
        inWave.add(m);
      }
      return out;
    }

    /** Powered-on VMs of evacuated hosts that the plan neither moves nor explains. */
    static List<String> unaccounted(Inventory inv, Plan plan) {
      Set<String> moved = new TreeSet<>();
      plan.migrations().forEach(m -> moved.add(m.vm()));
      Set<String> explained = new TreeSet<>();
      plan.unplaced().forEach(u -> explained.add(u.vm()));
      List<String> out = new ArrayList<>();
      for (Vm v : inv.vms()) {
        if (v.poweredOn() && plan.request().evacuate().contains(v.host()) && moved.contains(v.name()) == explained.contains(v.name())) {
          out.add(v.name());
        }
      }
      return out;
    }

    static Map<String, String> finalHosts(Plan plan) {
      Map<String, String> at = new HashMap<>();
      plan.migrations().forEach(m -> at.put(m.vm(), m.target()));
      return at;
    }

    /** The largest spread over clusters of reserved memory fractions (most minus least reserved host). */
    static double spread(Inventory inv, Map<String, String> moved) {
      Map<String, Long> mem = new HashMap<>();
      for (Vm v : inv.vms()) if (v.poweredOn()) mem.merge(moved.getOrDefault(v.name(), v.host()), v.reservation().memoryMb(), Long::sum);
      Map<String, double[]> byCluster = new HashMap<>();
      for (Host h : inv.hosts()) {
        double f = (double) mem.getOrDefault(h.name(), 0L) / h.memoryMb();
        double[] lohi = byCluster.computeIfAbsent(String.valueOf(h.cluster()), k -> new double[] {Double.MAX_VALUE, -1});
        lohi[0] = Math.min(lohi[0], f);
        lohi[1] = Math.max(lohi[1], f);
      }
      return byCluster.values().stream().mapToDouble(x -> x[1] - x[0]).max().orElse(0);
    }
  }
}

package io.vmotion.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Migration;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Evaluator;
import io.vmotion.rules.Scope;
import io.vmotion.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * On instances of up to 8 VMs and 4 hosts, the plan leaves as few VMs behind and needs as few moves
 * as breadth-first search over every sequence of single vMotions finds. Seeds are in the test names.
 */
class PlansAreOptimalOnSmallInstancesTest {

  static final int RANDOM_SEEDS = 120;

  /** {@link SmallPlans#partition} instances, checked again with the rules' verdicts: first-fit decreasing by memory leaves a VM behind, and all fit. */
  private static List<SmallPlans.Instance> hard;

  static synchronized List<SmallPlans.Instance> firstFitDecreasingFails() {
    if (hard != null) return hard;
    List<SmallPlans.Instance> out = new ArrayList<>();
    for (long seed = 1; seed <= 12; seed++) {
      SmallPlans.Instance i = SmallPlans.partition(seed);
      Compatibility rules = SmallPlans.compatibility(i);
      ExhaustiveSearch.Best best = ExhaustiveSearch.solve(i.inventory(), i.request().evacuate(), rules);
      if (best.unplaced() == 0 && ExhaustiveSearch.firstFitDecreasingUnplaced(i.inventory(), i.request().evacuate(), rules) > 0) out.add(i);
    }
    hard = out;
    return out;
  }

  @TestFactory
  Stream<DynamicTest> the_plan_places_as_many_vms_with_as_few_moves_as_exhaustive_search() {
    Stream<SmallPlans.Instance> instances = Stream.concat(LongStream.rangeClosed(1, RANDOM_SEEDS).mapToObj(SmallPlans::random),
        firstFitDecreasingFails().stream());
    return instances.map(i -> DynamicTest.dynamicTest(i.label() + " (" + i.inventory().hosts().size() + " hosts, "
        + i.inventory().vms().size() + " VMs)", () -> {
          Compatibility rules = SmallPlans.compatibility(i);
          ExhaustiveSearch.Best best = ExhaustiveSearch.solve(i.inventory(), i.request().evacuate(), rules);
          Plan plan = SmallPlans.plan(i, rules, Search.NODE_BUDGET);
          System.out.println("optimality " + i.label() + ": exhaustive " + best + ", plan unplaced " + plan.unplaced().size()
              + " moves " + plan.migrations().size());
          assertThat(plan.unplaced().size()).as("VMs left on evacuated hosts").isEqualTo(best.unplaced());
          assertThat(plan.migrations().size()).as("moves").isEqualTo(best.moves());
          assertThat(plan.searches()).allSatisfy(s -> assertThat(s.proven()).isTrue());
          assertThat(errorsValidating(i, plan)).isEmpty();
        }));
  }

  @Test
  void there_are_instances_where_first_fit_decreasing_fails_and_every_vm_fits() {
    List<SmallPlans.Instance> hard = firstFitDecreasingFails();
    System.out.println("first-fit decreasing fails on: " + hard.stream().map(SmallPlans.Instance::label).toList());
    assertThat(hard.stream().map(SmallPlans.Instance::label).toList()).hasSize(12);
  }

  @Test
  void the_greedy_pass_alone_leaves_vms_behind_that_the_search_places() {
    // The search is what makes the plans optimal: without it (no nodes), some instance comes out worse.
    int worse = 0;
    for (SmallPlans.Instance i : firstFitDecreasingFails()) {
      Compatibility rules = SmallPlans.compatibility(i);
      if (SmallPlans.plan(i, rules, 0).unplaced().size() > SmallPlans.plan(i, rules, Search.NODE_BUDGET).unplaced().size()) worse++;
    }
    assertThat(worse).isPositive();
  }

  @Test
  void the_reference_counts_a_move_that_only_makes_room() {
    // h2 holds a reservation that must leave for the evacuated VM to fit; h3 takes it. Two moves, one of them extra.
    var hosts = List.of(SmallPlans.host("h1", 64 * SmallPlans.GIB, 8, 10_000, List.of("pg-a")),
        SmallPlans.host("h2", 64 * SmallPlans.GIB, 8, 10_000, List.of("pg-a")),
        SmallPlans.host("h3", 32 * SmallPlans.GIB, 8, 10_000, List.of("pg-a")));
    var vms = List.of(
        SmallPlans.vm("big", "h1", 2, 48 * SmallPlans.GIB, new io.vmotion.inventory.Reservation(0, 48 * SmallPlans.GIB), "pg-a"),
        SmallPlans.vm("small", "h2", 2, 24 * SmallPlans.GIB, new io.vmotion.inventory.Reservation(0, 24 * SmallPlans.GIB), "pg-a"));
    var i = new SmallPlans.Instance("make room", new io.vmotion.inventory.Inventory(hosts, vms, List.of()), PlanRequest.evacuate("h1"));
    ExhaustiveSearch.Best best = ExhaustiveSearch.solve(i.inventory(), i.request().evacuate(), SmallPlans.compatibility(i));
    Plan plan = SmallPlans.plan(i, Search.NODE_BUDGET);
    assertThat(best.moves()).isEqualTo(2);
    assertThat(plan.migrations()).extracting(PlannedMove::vm, PlannedMove::target, PlannedMove::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("small", "h3", PlannedMove.Kind.MAKE_ROOM),
            org.assertj.core.groups.Tuple.tuple("big", "h2", PlannedMove.Kind.EVACUATION));
    assertThat(plan.migrations().get(0).reason()).contains("makes room on h2 for big");
    assertThat(plan.migrations().get(0).wave()).isLessThan(plan.migrations().get(1).wave());
  }

  static List<String> errorsValidating(SmallPlans.Instance i, Plan plan) {
    if (plan.migrations().isEmpty()) return List.of();
    List<Migration> moves = plan.migrations().stream().map(m -> new Migration(m.vm(), m.target())).toList();
    Evaluation e = new Evaluator(SmallPlans.rules()).evaluate(i.inventory().withMigrations(moves), Scope.CLUSTER);
    return e.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.vm() + " -> " + f.target() + ": " + f.message()).toList();
  }
}

package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.Statistics;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The correct protocol against an exhaustive grid: pages 1-3, guest writes 0-3, rounds 1-3, and every
 * one of the 2^8 subsets of faults in each cell, each a full model-checking run. Cells whose round
 * bound is above the rounds that can happen ({@link Bounds#effectiveRounds}) explore exactly the states
 * of the cell with that many rounds, so they are checked once: 16 cells are run and 20 are dropped
 * (the clamp test below shows those 20 equal their representatives). The small cells (pages and writes
 * at most 2) run with a fault budget of 2, the others with 1. A cell checks its 256 subsets in parallel.
 */
class CorrectProtocolGridTest {
  static final int GRID_CELLS = 3 * 4 * 3;

  static List<Set<Fault>> everyFaultSubset() {
    Fault[] faults = Fault.values();
    return IntStream.range(0, 1 << faults.length).mapToObj(mask -> {
      Set<Fault> subset = EnumSet.noneOf(Fault.class);
      for (Fault fault : faults) {
        if ((mask >> fault.ordinal() & 1) != 0) {
          subset.add(fault);
        }
      }
      return subset;
    }).toList();
  }

  static List<Bounds> gridCells() {
    List<Bounds> cells = new ArrayList<>();
    for (int pages = 1; pages <= 3; pages++) {
      for (int writes = 0; writes <= 3; writes++) {
        for (int rounds = 1; rounds <= 3; rounds++) {
          int budget = pages <= 2 && writes <= 2 ? 2 : 1;
          cells.add(new Bounds(pages, writes, rounds).withFaultBudget(budget));
        }
      }
    }
    return cells;
  }

  static List<Bounds> cellsTheClampKeeps() {
    return gridCells().stream().filter(b -> b.effectiveRounds() == b.rounds()).toList();
  }

  @TestFactory
  Stream<DynamicTest> correct_protocol_holds_every_property_for_every_fault_subset() {
    List<Set<Fault>> subsets = everyFaultSubset();
    assertThat(subsets).hasSize(256);
    assertThat(gridCells()).hasSize(GRID_CELLS);
    assertThat(cellsTheClampKeeps()).hasSize(16);
    return cellsTheClampKeeps().stream().map(bounds -> DynamicTest.dynamicTest(
        "passes with pages=" + bounds.pages() + " writes=" + bounds.writes() + " rounds=" + bounds.rounds()
            + " fault-budget=" + bounds.faultBudget() + " under all 256 fault subsets",
        () -> assertEveryFaultSubsetPasses(bounds, subsets)));
  }

  @Test
  void a_cell_with_more_rounds_than_can_happen_explores_the_same_states_as_the_cell_it_is_clamped_to() {
    List<Bounds> dropped = gridCells().stream().filter(b -> b.effectiveRounds() < b.rounds()).toList();
    assertThat(dropped).hasSize(GRID_CELLS - 16);
    for (Bounds bounds : dropped) {
      Statistics unclamped = new ModelChecker<>(new MigrationModel(
          new MigrationConfig(bounds, EnumSet.allOf(Fault.class), Variant.CORRECT), false)).check().statistics();
      Statistics clamped = new ModelChecker<>(new MigrationModel(new MigrationConfig(
          bounds.withRounds(bounds.effectiveRounds()), EnumSet.allOf(Fault.class), Variant.CORRECT))).check().statistics();
      assertThat(unclamped.states()).as(bounds.toString()).isEqualTo(clamped.states());
      assertThat(unclamped.transitions()).as(bounds.toString()).isEqualTo(clamped.transitions());
    }
  }

  @ParameterizedTest(name = "threshold={0} fault-budget={1} announce-loss-budget={2} attempts={3}")
  @CsvSource({"0, 0, 1, 2", "0, 2, 1, 2", "0, 3, 1, 2", "1, 0, 1, 2", "1, 3, 1, 2", "2, 2, 1, 2",
      "1, 1, 0, 2", "1, 1, 3, 2", "1, 2, 1, 1", "1, 1, 1, 3"})
  void correct_protocol_holds_every_property_for_other_thresholds_budgets_and_attempts(int threshold, int budget,
      int announceLosses, int attempts) {
    Bounds bounds = new Bounds(2, 2, 2, threshold, budget, announceLosses, attempts);
    CheckResult result = new ModelChecker<>(new MigrationModel(
        new MigrationConfig(bounds, EnumSet.allOf(Fault.class), Variant.CORRECT))).check();

    assertThat(result.passed()).as("%s: VIOLATION of %s, trace %s", bounds, result.violatedProperty(),
        result.trace()).isTrue();
  }

  private static void assertEveryFaultSubsetPasses(Bounds bounds, List<Set<Fault>> subsets) {
    List<String> failures = subsets.parallelStream().map(faults -> {
      MigrationConfig config = new MigrationConfig(bounds, faults, Variant.CORRECT);
      CheckResult result = new ModelChecker<>(new MigrationModel(config)).check();
      return result.passed() ? null
          : "faults " + Fault.describe(faults) + ": VIOLATION of " + result.violatedProperty()
              + " at step " + result.trace().size() + ": " + result.trace().get(result.trace().size() - 1);
    }).filter(Objects::nonNull).toList();
    assertThat(failures).as("fault subsets under which the correct protocol fails at " + bounds).isEmpty();
  }
}

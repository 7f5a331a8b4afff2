package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reductions never change a verdict: with every reduction on and with none, each seeded bug is
 * reported as breaking the same property, and the correct protocol passes on the grid cells (every
 * fault on, fault budget 1; the cells with three guest writes are left out, unreduced they hold
 * millions of states). The reduced model never has more states than the full one.
 */
class ReductionSoundnessTest {
  private static final Set<Reduction> NONE = EnumSet.noneOf(Reduction.class);
  private static final Bounds SMALL = new Bounds(2, 2, 2, 1, 1);

  private static CheckResult check(Bounds bounds, Variant variant, Set<Reduction> reductions) {
    return new ModelChecker<>(new MigrationModel(
        new MigrationConfig(bounds, EnumSet.allOf(Fault.class), variant, reductions))).check();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Variant.class)
  void every_variant_gets_the_same_verdict_with_and_without_reductions(Variant variant) {
    CheckResult reduced = check(SMALL, variant, EnumSet.allOf(Reduction.class));
    CheckResult full = check(SMALL, variant, NONE);

    assertThat(reduced.violatedProperty()).isEqualTo(full.violatedProperty());
    assertThat(reduced.statistics().states()).isLessThanOrEqualTo(full.statistics().states());
  }

  @TestFactory
  Stream<DynamicTest> the_correct_protocol_passes_on_the_grid_with_and_without_reductions() {
    return CorrectProtocolGridTest.cellsTheClampKeeps().stream()
        .filter(cell -> cell.writes() <= 2)
        .map(cell -> cell.withFaultBudget(1))
        .map(cell -> DynamicTest.dynamicTest("same verdict at " + cell, () -> {
          CheckResult reduced = check(cell, Variant.CORRECT, EnumSet.allOf(Reduction.class));
          CheckResult full = check(cell, Variant.CORRECT, NONE);
          assertThat(reduced.passed()).as("reduced: %s", reduced.violatedProperty()).isTrue();
          assertThat(full.passed()).as("full: %s", full.violatedProperty()).isTrue();
          assertThat(reduced.statistics().states()).isLessThanOrEqualTo(full.statistics().states());
        }));
  }

  @ParameterizedTest(name = "{0} alone")
  @EnumSource(Reduction.class)
  void each_reduction_alone_keeps_every_seeded_bug_caught_with_its_property(Reduction reduction) {
    Bounds bounds = new Bounds(2, 1, 2, 1, 1);
    for (Variant variant : Variant.values()) {
      CheckResult alone = check(bounds, variant, EnumSet.of(reduction));
      CheckResult full = check(bounds, variant, NONE);
      assertThat(alone.violatedProperty()).as(variant.cliName()).isEqualTo(full.violatedProperty());
    }
  }
}

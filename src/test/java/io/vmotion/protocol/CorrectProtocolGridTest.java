package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The correct protocol against an exhaustive grid: pages 1-3, guest writes 0-3, rounds 1-3, and every
 * one of the 2^7 subsets of faults in each cell. A cell checks its 128 fault subsets in parallel.
 */
class CorrectProtocolGridTest {

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

  @TestFactory
  Stream<DynamicTest> correct_protocol_holds_every_property_for_every_fault_subset() {
    List<Set<Fault>> subsets = everyFaultSubset();
    assertThat(subsets).hasSize(128);
    return IntStream.rangeClosed(1, 3).boxed().flatMap(pages ->
        IntStream.rangeClosed(0, 3).boxed().flatMap(writes ->
            IntStream.rangeClosed(1, 3).mapToObj(rounds -> {
              Bounds bounds = new Bounds(pages, writes, rounds);
              return DynamicTest.dynamicTest(
                  "passes with pages=" + pages + " writes=" + writes + " rounds=" + rounds
                      + " under all 128 fault subsets",
                  () -> assertEveryFaultSubsetPasses(bounds, subsets));
            })));
  }

  @ParameterizedTest(name = "threshold={0} fault-budget={1}")
  @CsvSource({"0, 0", "0, 1", "0, 2", "0, 3", "1, 0", "1, 2", "1, 3", "2, 1", "2, 2"})
  void correct_protocol_holds_every_property_for_other_thresholds_and_fault_budgets(int threshold, int budget) {
    Bounds bounds = new Bounds(2, 2, 2, threshold, budget);
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

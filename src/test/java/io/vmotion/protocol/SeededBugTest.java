package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.TraceStep;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every seeded bug is caught at the default bounds with every fault on, as a violation of the property it breaks. */
class SeededBugTest {

  @ParameterizedTest(name = "{0} breaks {1}")
  @CsvSource({
    "clear-dirty-bit-after-send,       no-page-lost",
    "skip-final-bitmap,                no-page-lost",
    "resume-before-source-stun,        exactly-one-runner",
    "no-storage-lock,                  exactly-one-runner",
    "announce-before-commit,           network-identity",
    "no-announce,                      network-identity",
    "skip-device-state,                network-identity",
    "start-tracking-after-first-round, no-page-lost",
  })
  void each_seeded_bug_is_caught_with_the_property_it_breaks(String variantName, String property) {
    Variant variant = Variant.byName(variantName).orElseThrow();
    MigrationModel model = new MigrationModel(
        new MigrationConfig(Bounds.DEFAULT, EnumSet.allOf(Fault.class), variant));

    CheckResult result = new ModelChecker<>(model).check();

    assertThat(result.violatedProperty()).isEqualTo(property);
    assertThat(result.trace()).isNotEmpty();
    TraceStep first = result.trace().get(0);
    assertThat(first.step()).isEqualTo(1);
    assertThat(first.action()).isEqualTo(TraceStep.INITIAL);
    assertThat(first.state()).isEqualTo(model.render(model.initialStates().get(0)));
    for (int i = 0; i < result.trace().size(); i++) {
      assertThat(result.trace().get(i).step()).isEqualTo(i + 1);
    }
  }

  @Test
  void every_variant_except_the_correct_one_has_a_seeded_bug_test() {
    // Keeps the table above complete when a variant is added.
    assertThat(Variant.values()).hasSize(9);
    assertThat(Variant.values()[0]).isEqualTo(Variant.CORRECT);
  }

  @Test
  void the_correct_protocol_passes_at_the_default_bounds_with_every_fault() {
    CheckResult result = new ModelChecker<>(new MigrationModel(MigrationConfig.defaults())).check();

    assertThat(result.passed()).as("violation: %s %s", result.violatedProperty(), result.trace()).isTrue();
    assertThat(result.statistics().states()).isGreaterThan(100_000);
  }

  @Test
  void a_write_between_sending_and_clearing_the_dirty_bit_is_what_the_bug_loses() {
    MigrationModel model = new MigrationModel(new MigrationConfig(new Bounds(1, 1, 1),
        EnumSet.noneOf(Fault.class), Variant.CLEAR_DIRTY_BIT_AFTER_SEND));

    CheckResult result = new ModelChecker<>(model).check();

    assertThat(result.violatedProperty()).isEqualTo(MigrationProperties.NO_PAGE_LOST);
    assertThat(result.trace()).extracting(TraceStep::action).containsSubsequence(
        "source sends page 0 v0 as #0",
        "guest writes page 0 (now v1)",
        "source clears the dirty bit of page 0 after sending it");
  }

  @Test
  void without_guest_writes_the_memory_bugs_lose_nothing() {
    // The page-losing bugs need a write at the wrong moment; with none, their runs must pass.
    for (Variant variant : EnumSet.of(Variant.CLEAR_DIRTY_BIT_AFTER_SEND, Variant.SKIP_FINAL_BITMAP,
        Variant.START_TRACKING_AFTER_FIRST_ROUND)) {
      MigrationModel model = new MigrationModel(new MigrationConfig(new Bounds(2, 0, 2),
          EnumSet.allOf(Fault.class), variant));
      assertThat(new ModelChecker<>(model).check().passed()).as(variant.cliName()).isTrue();
    }
  }
}

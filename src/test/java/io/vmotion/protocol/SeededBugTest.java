package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.TraceStep;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every seeded bug is caught at the default bounds with every fault on, as a violation of the property it breaks. */
class SeededBugTest {

  /** The property each seeded bug must be reported as breaking. */
  private static final Map<Variant, String> BREAKS = Map.of(
      Variant.CLEAR_DIRTY_BIT_AFTER_SEND, "no-page-lost",
      Variant.SKIP_FINAL_BITMAP, "no-page-lost",
      Variant.RESUME_BEFORE_SOURCE_STUN, "exactly-one-runner",
      Variant.NO_STORAGE_LOCK, "exactly-one-runner",
      Variant.ANNOUNCE_BEFORE_COMMIT, "network-identity",
      Variant.NO_ANNOUNCE, "network-identity",
      Variant.SKIP_DEVICE_STATE, "network-identity",
      Variant.START_TRACKING_AFTER_FIRST_ROUND, "no-page-lost");

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Variant.class, mode = EnumSource.Mode.EXCLUDE, names = "CORRECT")
  void each_seeded_bug_is_caught_with_the_property_it_breaks(Variant variant) {
    assertThat(BREAKS).as("expected property for " + variant.cliName()).containsKey(variant);
    MigrationModel model = new MigrationModel(
        new MigrationConfig(Bounds.DEFAULT, EnumSet.allOf(Fault.class), variant));

    CheckResult result = new ModelChecker<>(model).check();

    assertThat(result.violatedProperty()).isEqualTo(BREAKS.get(variant));
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

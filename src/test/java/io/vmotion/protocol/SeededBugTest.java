package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.TraceStep;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every seeded bug is caught at the default bounds with every fault on, as a violation of the property it breaks. */
class SeededBugTest {

  /** The property each seeded bug must be reported as breaking. */
  static final Map<Variant, String> BREAKS = Map.ofEntries(
      Map.entry(Variant.CLEAR_DIRTY_BIT_AFTER_SEND, MigrationProperties.NO_PAGE_LOST),
      Map.entry(Variant.SKIP_FINAL_BITMAP, MigrationProperties.NO_PAGE_LOST),
      Map.entry(Variant.RESUME_BEFORE_SOURCE_STUN, MigrationProperties.EXACTLY_ONE_RUNNER),
      Map.entry(Variant.NO_STORAGE_LOCK, MigrationProperties.EXACTLY_ONE_RUNNER),
      Map.entry(Variant.ANNOUNCE_BEFORE_COMMIT, MigrationProperties.NETWORK_IDENTITY),
      Map.entry(Variant.NO_ANNOUNCE, MigrationProperties.NETWORK_IDENTITY),
      Map.entry(Variant.SKIP_DEVICE_STATE, MigrationProperties.NETWORK_IDENTITY),
      Map.entry(Variant.START_TRACKING_AFTER_FIRST_ROUND, MigrationProperties.NO_PAGE_LOST),
      Map.entry(Variant.NEVER_COMPLETES, ModelChecker.PROGRESS),
      Map.entry(Variant.NO_TIMER_AWAITING_COMMIT, ModelChecker.NO_DEADLOCK),
      Map.entry(Variant.DESTINATION_TIMER_IGNORES_CRASHED_SOURCE, ModelChecker.NO_DEADLOCK),
      Map.entry(Variant.RETRIES_OFFER_FOREVER, ModelChecker.TERMINATION),
      Map.entry(Variant.NEVER_BREAK_EXPIRED_LEASE, ModelChecker.NO_DEADLOCK),
      Map.entry(Variant.ANNOUNCE_FOREVER, ModelChecker.TERMINATION),
      Map.entry(Variant.FREE_BEFORE_COMMIT, MigrationProperties.FREE_AFTER_COMMIT),
      Map.entry(Variant.FREE_WHEN_DESTINATION_COMMITS, MigrationProperties.EXACTLY_ONE_RUNNER),
      Map.entry(Variant.LOCK_WITHOUT_EPOCH, MigrationProperties.NO_PAGE_LOST),
      Map.entry(Variant.MESSAGES_WITHOUT_EPOCH, MigrationProperties.NO_PAGE_LOST));

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
    assertThat(first.state()).isEqualTo(model.render(model.initialState()));
    for (int i = 0; i < result.trace().size(); i++) {
      assertThat(result.trace().get(i).step()).isEqualTo(i + 1);
    }
  }

  /**
   * The bugs that show each check closes a gap: left out, the check's bug passes every other property,
   * under faults in which it still breaks the check. For free-after-commit that is a run without faults:
   * with crashes on, freeing early also loses the VM, which exactly-one-runner sees.
   */
  static Stream<Arguments> bugsOnlyOneCheckCatches() {
    Set<Fault> all = EnumSet.allOf(Fault.class);
    return Stream.of(
        Arguments.of(Variant.NEVER_COMPLETES, ModelChecker.PROGRESS, all),
        Arguments.of(Variant.NO_TIMER_AWAITING_COMMIT, ModelChecker.NO_DEADLOCK, all),
        Arguments.of(Variant.DESTINATION_TIMER_IGNORES_CRASHED_SOURCE, ModelChecker.NO_DEADLOCK, all),
        Arguments.of(Variant.NEVER_BREAK_EXPIRED_LEASE, ModelChecker.NO_DEADLOCK, all),
        Arguments.of(Variant.RETRIES_OFFER_FOREVER, ModelChecker.TERMINATION, all),
        Arguments.of(Variant.ANNOUNCE_FOREVER, ModelChecker.TERMINATION, all),
        Arguments.of(Variant.FREE_BEFORE_COMMIT, MigrationProperties.FREE_AFTER_COMMIT, EnumSet.noneOf(Fault.class)),
        Arguments.of(Variant.FREE_WHEN_DESTINATION_COMMITS, MigrationProperties.EXACTLY_ONE_RUNNER, all));
  }

  @ParameterizedTest(name = "{0} is caught by {1} and by nothing else")
  @MethodSource("bugsOnlyOneCheckCatches")
  void a_seeded_bug_passes_every_other_check(Variant variant, String property, Set<Fault> faults) {
    MigrationModel model = new MigrationModel(new MigrationConfig(Bounds.DEFAULT, faults, variant));

    if (!faults.equals(EnumSet.allOf(Fault.class))) {
      // With every fault on, the test above already shows the property catches it.
      assertThat(new ModelChecker<>(model).check().violatedProperty()).isEqualTo(property);
    }
    CheckResult without = new ModelChecker<>(model).skipping(List.of(property)).check();
    assertThat(without.passed()).as("%s without %s: %s %s", variant.cliName(), property,
        without.violatedProperty(), without.trace()).isTrue();
  }

  @Test
  void the_correct_protocol_passes_at_the_default_bounds_with_every_fault() {
    CheckResult result = new ModelChecker<>(new MigrationModel(MigrationConfig.defaults())).check();

    assertThat(result.passed()).as("violation: %s %s", result.violatedProperty(), result.trace()).isTrue();
    assertThat(result.statistics().states()).isGreaterThan(50_000);
  }

  @Test
  void a_write_between_sending_and_clearing_the_dirty_bit_is_what_the_bug_loses() {
    MigrationModel model = new MigrationModel(new MigrationConfig(new Bounds(1, 1, 1),
        EnumSet.noneOf(Fault.class), Variant.CLEAR_DIRTY_BIT_AFTER_SEND));

    CheckResult result = new ModelChecker<>(model).check();

    assertThat(result.violatedProperty()).isEqualTo(MigrationProperties.NO_PAGE_LOST);
    assertThat(result.trace()).extracting(TraceStep::action).containsSubsequence(
        "source sends #1.0 page 0 v0",
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

  @Test
  void a_destination_dying_between_commit_and_resume_is_what_freeing_on_commit_loses() {
    MigrationModel model = new MigrationModel(new MigrationConfig(Bounds.DEFAULT,
        EnumSet.of(Fault.DESTINATION_CRASH), Variant.FREE_WHEN_DESTINATION_COMMITS));

    CheckResult result = new ModelChecker<>(model).check();

    assertThat(result.violatedProperty()).isEqualTo(MigrationProperties.EXACTLY_ONE_RUNNER);
    assertThat(result.trace()).extracting(TraceStep::action).contains(
        "destination takes the lock offered for attempt 1 (commit point)",
        "source reads the lock: the destination holds it; the source frees its copy",
        "fault: the destination host crashes");
  }
}

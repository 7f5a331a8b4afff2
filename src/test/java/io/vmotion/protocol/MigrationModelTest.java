package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guards against a vacuous model (properties that pass because nothing interesting is reachable) and
 * checks protocol rules that are not among the five properties.
 */
class MigrationModelTest {
  private static final Bounds SMALL = new Bounds(2, 2, 2);

  private static List<MigrationState> reachable(Set<Fault> faults) {
    return Reachable.states(new MigrationModel(new MigrationConfig(SMALL, faults, Variant.CORRECT)));
  }

  private static List<MigrationState> terminal(Set<Fault> faults) {
    MigrationModel model = new MigrationModel(new MigrationConfig(SMALL, faults, Variant.CORRECT));
    return Reachable.states(model).stream().filter(model::isTerminal).toList();
  }

  @Test
  void the_migration_can_complete_with_the_destination_running_and_announced() {
    assertThat(terminal(EnumSet.allOf(Fault.class))).anySatisfy(s -> {
      assertThat(s.destinationPhase()).isEqualTo(DestinationPhase.DONE);
      assertThat(s.sourcePhase()).isEqualTo(SourcePhase.FREED);
      assertThat(s.switchForwardsToDestination()).isTrue();
    });
  }

  @Test
  void the_migration_can_abort_back_to_the_source() {
    assertThat(terminal(EnumSet.allOf(Fault.class))).anySatisfy(s -> {
      assertThat(s.sourcePhase()).isEqualTo(SourcePhase.RESUMED);
      assertThat(s.sourceRunning()).isTrue();
      assertThat(s.lock()).isEqualTo(LockState.SOURCE_HELD);
    });
  }

  @Test
  void a_source_crash_before_the_commit_point_can_stop_the_vm() {
    assertThat(terminal(EnumSet.of(Fault.SOURCE_CRASH))).anySatisfy(s -> {
      assertThat(s.sourcePhase()).isEqualTo(SourcePhase.CRASHED);
      assertThat(s.destinationRunning()).isFalse();
    });
  }

  @Test
  void without_faults_every_run_ends_with_the_vm_running_somewhere() {
    assertThat(terminal(EnumSet.noneOf(Fault.class)))
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.sourceRunning() || s.destinationRunning()).isTrue());
  }

  @Test
  void a_lost_message_makes_the_migration_abort_instead_of_resuming_with_a_gap() {
    List<MigrationState> afterLoss = terminal(EnumSet.of(Fault.LOSS)).stream()
        .filter(s -> s.faultsUsed() > 0).toList();

    assertThat(afterLoss).isNotEmpty().allSatisfy(s -> {
      if (s.destinationRunning()) {
        // The loss hit a message after the destination had everything it needed, or a message
        // the destination had already received a copy of: resuming is only ever with full data.
        for (int p = 0; p < s.pages(); p++) {
          assertThat(s.destinationPage(p)).isEqualTo(s.stunPage(p) + 1);
        }
      }
    });
    assertThat(afterLoss).anySatisfy(s -> assertThat(s.sourcePhase()).isEqualTo(SourcePhase.RESUMED));
  }

  @Test
  void the_destination_runs_the_vm_only_while_holding_the_lock() {
    assertThat(reachable(EnumSet.allOf(Fault.class)))
        .filteredOn(MigrationState::destinationRunning)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.lock()).isEqualTo(LockState.DESTINATION_HELD));
  }

  @Test
  void the_source_frees_its_copy_only_after_the_destination_committed() {
    assertThat(reachable(EnumSet.allOf(Fault.class)))
        .filteredOn(s -> s.sourcePhase() == SourcePhase.FREED)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.destinationPhase()).isIn(
            DestinationPhase.COMMITTED, DestinationPhase.RUNNING, DestinationPhase.DONE));
  }

  @Test
  void pages_written_during_pre_copy_reach_the_destination() {
    // Vacuity guard for no-page-lost: some completed run carries a page version above zero.
    assertThat(terminal(EnumSet.noneOf(Fault.class)))
        .filteredOn(MigrationState::destinationRunning)
        .anySatisfy(s -> assertThat(s.destinationPage(0) + s.destinationPage(1)).isGreaterThan(2));
  }

  @Test
  void an_aborted_migration_resumes_the_source_with_its_memory_as_at_the_stun() {
    assertThat(terminal(EnumSet.allOf(Fault.class)))
        .filteredOn(s -> s.sourcePhase() == SourcePhase.RESUMED)
        .isNotEmpty()
        .allSatisfy(s -> {
          assertThat(s.stunned()).isTrue();
          for (int p = 0; p < s.pages(); p++) {
            assertThat(s.sourcePage(p)).isEqualTo(s.stunPage(p));
          }
          assertThat(s.sourceConnections()).isEqualTo(s.stunConnections());
        });
  }

  @Test
  void the_guest_never_writes_while_the_vm_is_stunned() {
    MigrationModel model = new MigrationModel(new MigrationConfig(SMALL, EnumSet.allOf(Fault.class), Variant.CORRECT));
    for (MigrationState state : Reachable.states(model)) {
      if (model.isTerminal(state) || state.sourceRunning()) {
        continue;
      }
      model.steps(state, (step, label, next) ->
          assertThat(step).isNotIn(Step.GUEST_WRITE, Step.GUEST_PACKET));
    }
  }

  @Test
  void every_fault_kind_is_reachable_when_switched_on() {
    MigrationModel model = new MigrationModel(new MigrationConfig(SMALL, EnumSet.allOf(Fault.class), Variant.CORRECT));
    Set<Step> seen = EnumSet.noneOf(Step.class);
    for (MigrationState state : Reachable.states(model)) {
      if (!model.isTerminal(state)) {
        model.steps(state, (step, label, next) -> seen.add(step));
      }
    }
    assertThat(seen).contains(Step.LOSE_MESSAGE, Step.DUPLICATE_MESSAGE, Step.REORDER_MESSAGES, Step.PARTITION,
        Step.SOURCE_CRASH, Step.DESTINATION_CRASH, Step.LOSE_ANNOUNCEMENT);
  }

  @Test
  void renders_the_initial_state_readably() {
    MigrationModel model = new MigrationModel(new MigrationConfig(new Bounds(2, 1, 1), Set.of(), Variant.CORRECT));

    assertThat(model.render(model.initialStates().get(0))).isEqualTo(
        "source[pre-copy round 1, VM running, tracking, dirty {}, mem [0,0], connections 0] channel[]"
            + " lock[held by source] destination[receiving, expects #0, mem [_,_], device none]"
            + " switch[MAC -> source]");
  }
}

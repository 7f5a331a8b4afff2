package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Guards against a vacuous model (properties that pass because nothing interesting is reachable) and
 * checks protocol rules that are not among the properties.
 */
class MigrationModelTest {
  private static final Bounds SMALL = new Bounds(2, 2, 2, 1, 1);

  private static MigrationModel model(Set<Fault> faults) {
    return new MigrationModel(new MigrationConfig(SMALL, faults, Variant.CORRECT));
  }

  /** Without reductions, so that every state keeps the values the properties compare. */
  private static MigrationModel unreduced(Set<Fault> faults) {
    return new MigrationModel(new MigrationConfig(SMALL, faults, Variant.CORRECT, EnumSet.noneOf(Reduction.class)));
  }

  private static List<MigrationState> terminal(MigrationModel model) {
    return Reachable.states(model).stream().filter(model::isTerminal).toList();
  }

  private static Set<Step> stepsTaken(MigrationModel model) {
    Set<Step> seen = EnumSet.noneOf(Step.class);
    for (MigrationState state : Reachable.states(model)) {
      if (!model.isTerminal(state)) {
        model.steps(state, (step, label, next) -> seen.add(step));
      }
    }
    return seen;
  }

  /** Drives the correct protocol without faults up to the destination's commit point. */
  private static MigrationRun runToCommit(MigrationModel model) {
    MigrationRun run = new MigrationRun(model);
    while (run.enabled(Step.COMMIT).isEmpty()) {
      run.take(run.enabled().stream().filter(t -> !t.isFault() && t.step() != Step.GUEST_WRITE
          && t.step() != Step.GUEST_PACKET).findFirst().orElseThrow());
    }
    run.take(Step.COMMIT);
    return run;
  }

  @Test
  void the_migration_can_complete_with_the_destination_running_and_the_switch_pointing_at_it() {
    MigrationModel model = model(EnumSet.allOf(Fault.class));
    assertThat(terminal(model)).anySatisfy(s -> {
      assertThat(s.destinationPhase()).isEqualTo(DestinationPhase.DONE);
      assertThat(s.sourcePhase()).isEqualTo(SourcePhase.FREED);
      assertThat(s.switchForwardsToDestination()).isTrue();
      assertThat(model.isGoal(s)).isTrue();
    });
  }

  @Test
  void the_migration_can_abort_back_to_the_source_after_its_last_attempt() {
    assertThat(terminal(model(EnumSet.allOf(Fault.class)))).anySatisfy(s -> {
      assertThat(s.sourcePhase()).isEqualTo(SourcePhase.RESUMED);
      assertThat(s.attempt()).isEqualTo(SMALL.attempts());
      assertThat(s.sourceRunning()).isTrue();
      assertThat(s.lock()).isEqualTo(LockState.SOURCE_HELD);
    });
  }

  @Test
  void a_second_attempt_can_complete_the_migration() {
    assertThat(terminal(model(EnumSet.of(Fault.LOSS)))).anySatisfy(s -> {
      assertThat(s.attempt()).isEqualTo(2);
      assertThat(s.destinationPhase()).isEqualTo(DestinationPhase.DONE);
      assertThat(s.lockEpoch()).isEqualTo(2);
    });
  }

  @Test
  void without_faults_every_run_completes_and_no_timer_ever_fires() {
    MigrationModel model = model(EnumSet.noneOf(Fault.class));

    assertThat(terminal(model)).isNotEmpty().allSatisfy(s -> assertThat(model.isGoal(s)).isTrue());
    assertThat(stepsTaken(model)).doesNotContain(Step.SOURCE_TIMEOUT, Step.ABANDON, Step.RETRY);
  }

  @Test
  void a_source_crash_before_the_destination_resumes_can_stop_the_vm() {
    assertThat(terminal(model(EnumSet.of(Fault.SOURCE_CRASH)))).anySatisfy(s -> {
      assertThat(s.sourcePhase()).isEqualTo(SourcePhase.CRASHED);
      assertThat(s.destinationRunning()).isFalse();
      assertThat(s.stopExcused()).isTrue();
    });
  }

  @Test
  void a_destination_that_dies_after_its_commit_but_before_it_resumes_leaves_the_vm_to_the_source() {
    MigrationRun run = runToCommit(model(EnumSet.allOf(Fault.class)));

    run.take(Step.DESTINATION_CRASH);
    assertThat(run.enabled(Step.BREAK_LEASE)).as("the lease must expire first").isEmpty();
    run.take(Step.LEASE_EXPIRES);
    run.take(Step.BREAK_LEASE);

    MigrationState s = run.state();
    assertThat(s.sourceRunning()).isTrue();
    assertThat(s.sourcePhase()).isEqualTo(SourcePhase.RESUMED);
    assertThat(s.lock()).isEqualTo(LockState.SOURCE_HELD);
    assertThat(s.stopExcused()).as("the host holding the live copy did not crash").isFalse();
  }

  @Test
  void a_destination_cut_off_from_storage_after_its_commit_finds_its_lease_broken_and_discards_its_copy() {
    MigrationRun run = runToCommit(model(EnumSet.allOf(Fault.class)));

    run.take(Step.STORAGE_PATH_FAILS, next -> next.destinationPathDown());
    assertThat(run.enabled(Step.RESUME)).as("resuming needs the lock record").isEmpty();
    run.take(Step.LEASE_EXPIRES);
    run.take(Step.BREAK_LEASE);
    run.take(Step.STORAGE_PATH_RESTORED, next -> !next.destinationPathDown());
    run.take(Step.LOST_LOCK);

    assertThat(run.state().destinationPhase()).isEqualTo(DestinationPhase.ABANDONED);
    assertThat(run.state().sourceRunning()).isTrue();
  }

  @Test
  void a_destination_that_dies_while_running_the_vm_stops_it_and_the_source_frees_its_copy() {
    MigrationRun run = runToCommit(model(EnumSet.allOf(Fault.class)));

    run.take(Step.RESUME);
    run.take(Step.DESTINATION_CRASH);
    run.take(Step.FREE_COPY);

    MigrationState s = run.state();
    assertThat(run.ended()).isTrue();
    assertThat(s.sourceRunning() || s.destinationRunning()).isFalse();
    assertThat(s.stopExcused()).isTrue();
  }

  @Test
  void a_lost_message_makes_the_attempt_abort_instead_of_resuming_with_a_gap() {
    MigrationModel model = new MigrationModel(new MigrationConfig(SMALL.withFaultBudget(1), EnumSet.of(Fault.LOSS),
        Variant.CORRECT, EnumSet.noneOf(Reduction.class)));
    List<MigrationState> afterLoss = terminal(model).stream().filter(s -> s.faultsUsed() > 0).toList();

    assertThat(afterLoss).isNotEmpty().allSatisfy(s -> {
      if (s.destinationRunning()) {
        for (int p = 0; p < s.pages(); p++) {
          assertThat(s.destinationPage(p)).isEqualTo(s.stunPage(p) + 1);
        }
      }
    });
    assertThat(afterLoss).anySatisfy(s -> assertThat(s.sourcePhase()).isEqualTo(SourcePhase.RESUMED));
  }

  @Test
  void the_destination_runs_the_vm_only_after_marking_the_lock_running() {
    assertThat(Reachable.states(model(EnumSet.allOf(Fault.class))))
        .filteredOn(MigrationState::destinationRunning)
        .isNotEmpty()
        .allSatisfy(s -> {
          assertThat(s.lock()).isEqualTo(LockState.DESTINATION_RUNNING);
          assertThat(s.lockEpoch()).isEqualTo(s.destinationEpoch());
        });
  }

  @Test
  void the_source_frees_its_copy_only_once_the_lock_says_the_destination_runs_the_vm() {
    assertThat(Reachable.states(model(EnumSet.allOf(Fault.class))))
        .filteredOn(s -> s.sourcePhase() == SourcePhase.FREED)
        .isNotEmpty()
        .allSatisfy(s -> assertThat(s.lock()).isEqualTo(LockState.DESTINATION_RUNNING));
  }

  @Test
  void pages_written_during_pre_copy_reach_the_destination() {
    // Vacuity guard for no-page-lost: some completed run carries a page version above zero.
    assertThat(terminal(unreduced(EnumSet.noneOf(Fault.class))))
        .filteredOn(MigrationState::destinationRunning)
        .anySatisfy(s -> assertThat(s.destinationPage(0) + s.destinationPage(1)).isGreaterThan(2));
  }

  @Test
  void an_aborted_migration_resumes_the_source_with_its_memory_as_at_the_stun() {
    assertThat(Reachable.states(unreduced(EnumSet.allOf(Fault.class))))
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
    MigrationModel model = model(EnumSet.allOf(Fault.class));
    for (MigrationState state : Reachable.states(model)) {
      if (model.isTerminal(state) || state.sourceRunning()) {
        continue;
      }
      model.steps(state, (step, label, next) ->
          assertThat(step).isNotIn(Step.GUEST_WRITE, Step.GUEST_PACKET));
    }
  }

  @Test
  void every_fault_and_every_recovery_is_reachable_when_faults_are_switched_on() {
    assertThat(stepsTaken(model(EnumSet.allOf(Fault.class)))).contains(Step.LOSE_MESSAGE, Step.DUPLICATE_MESSAGE,
        Step.REORDER_MESSAGES, Step.PARTITION, Step.SOURCE_CRASH, Step.DESTINATION_CRASH, Step.LOSE_ANNOUNCEMENT,
        Step.STORAGE_PATH_FAILS, Step.STORAGE_PATH_RESTORED, Step.LEASE_EXPIRES, Step.BREAK_LEASE, Step.LOST_LOCK,
        Step.RETRY, Step.SOURCE_TIMEOUT, Step.ABANDON);
  }

  @Test
  void a_duplicate_travels_behind_messages_sent_after_its_original_and_any_two_messages_can_swap() {
    MigrationModel model = unreduced(EnumSet.of(Fault.DUPLICATION, Fault.REORDER));
    boolean[] duplicateBehindLater = {false};
    boolean[] farSwap = {false};
    for (MigrationState state : Reachable.states(model)) {
      if (model.isTerminal(state)) {
        continue;
      }
      model.steps(state, (step, label, next) -> {
        int length = state.channelLength();
        if (step == Step.DUPLICATE_MESSAGE && length == 2 && next.message(2).equals(state.message(0))) {
          duplicateBehindLater[0] = true;
        }
        if (step == Step.REORDER_MESSAGES && length == 3 && next.message(0).equals(state.message(2))) {
          farSwap[0] = true;
        }
      });
    }
    assertThat(duplicateBehindLater[0]).isTrue();
    assertThat(farSwap[0]).isTrue();
  }

  @Test
  void messages_of_an_aborted_attempt_reach_a_destination_that_receives_the_next_one_and_are_discarded() {
    // One duplicate lets the timers fire (the attempt aborts), a second one re-injects a message of the
    // aborted attempt behind those of the next.
    MigrationModel model = new MigrationModel(new MigrationConfig(SMALL.withFaultBudget(2),
        EnumSet.of(Fault.DUPLICATION), Variant.CORRECT, EnumSet.noneOf(Reduction.class)));
    assertThat(Reachable.states(model)).anySatisfy(state -> {
      assertThat(state.destinationEpoch()).isEqualTo(2);
      assertThat(state.channel()).isNotEmpty();
      assertThat(state.message(0).epoch()).isEqualTo(1);
      assertThat(model.enabled(state)).anySatisfy(t -> assertThat(t.step()).isEqualTo(Step.DISCARD));
    });
  }

  @Test
  void renders_the_initial_state_readably() {
    MigrationModel model = new MigrationModel(new MigrationConfig(new Bounds(2, 1, 1), Set.of(), Variant.CORRECT));

    assertThat(model.render(model.initialState())).isEqualTo(
        "source[pre-copy round 1, attempt 1, VM running, tracking, dirty {}, mem [0,0], connections 0] channel[]"
            + " lock[held by source] destination[receiving, attempt 1, expects #0, mem [_,_], device none]"
            + " switch[MAC -> source]");
  }
}

package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replaying a run step by step by the names of its steps, as an engine's event log would. */
class MigrationRunTest {
  private static MigrationModel model() {
    return new MigrationModel(new MigrationConfig(new Bounds(2, 1, 1), EnumSet.allOf(Fault.class), Variant.CORRECT));
  }

  @Test
  void a_logged_fault_free_migration_replays_to_completion() {
    MigrationRun run = new MigrationRun(model());
    // Three messages fill the channel: the device state waits for the first page to be delivered.
    List<Step> log = List.of(Step.TAKE_PAGE, Step.SEND_PAGE, Step.TAKE_PAGE, Step.SEND_PAGE, Step.STUN,
        Step.SEND_BITMAP, Step.DELIVER, Step.SEND_DEVICE_STATE, Step.OFFER_LOCK, Step.DELIVER, Step.DELIVER,
        Step.DELIVER, Step.COMMIT, Step.RESUME, Step.ANNOUNCE, Step.FREE_COPY);

    log.forEach(run::take);

    assertThat(run.ended()).isTrue();
    assertThat(run.model().isGoal(run.state())).isTrue();
    assertThat(run.history()).extracting(Transition::step).containsExactlyElementsOf(log);
  }

  @Test
  void every_enabled_transition_names_its_step_and_says_whether_it_is_a_fault() {
    List<Transition> enabled = new MigrationRun(model()).enabled();

    assertThat(enabled).extracting(Transition::step)
        .contains(Step.GUEST_WRITE, Step.GUEST_PACKET, Step.TAKE_PAGE, Step.SOURCE_CRASH, Step.DESTINATION_CRASH);
    assertThat(enabled).filteredOn(Transition::isFault).extracting(Transition::step)
        .containsOnly(Step.SOURCE_CRASH, Step.DESTINATION_CRASH, Step.PARTITION);
  }

  @Test
  void a_step_the_model_does_not_allow_is_refused_with_the_state_it_was_refused_in() {
    MigrationRun run = new MigrationRun(model());

    assertThatThrownBy(() -> run.take(Step.COMMIT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("step COMMIT is not enabled")
        .hasMessageContaining("source[pre-copy round 1");
  }

  @Test
  void a_predicate_picks_one_of_several_transitions_of_the_same_kind() {
    MigrationRun run = new MigrationRun(model());

    run.take(Step.GUEST_WRITE, next -> next.dirty() == 0b10);

    assertThat(run.state().dirty()).isEqualTo(0b10);
    assertThat(run.history().get(0).label()).isEqualTo("guest writes page 1 (now v1)");
  }
}

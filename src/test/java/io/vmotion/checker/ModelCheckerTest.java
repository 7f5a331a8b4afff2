package io.vmotion.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCheckerTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 300})
  void counts_exactly_the_reachable_states_transitions_and_depth_of_a_grid(int limit) {
    CheckResult result = new ModelChecker<>(new ToyModels.Grid(limit)).check();

    assertThat(result.passed()).isTrue();
    assertThat(result.trace()).isEmpty();
    assertThat(result.statistics().states()).isEqualTo((long) limit * limit);
    assertThat(result.statistics().transitions()).isEqualTo(2L * limit * (limit - 1));
    assertThat(result.statistics().depth()).isEqualTo(2 * (limit - 1));
  }

  @Test
  void reports_a_shortest_trace_to_the_first_state_breaking_an_invariant() {
    CheckResult result = new ModelChecker<>(new ToyModels.Grid(10, s -> s[0] + s[1] < 3)).check();

    assertThat(result.violatedProperty()).isEqualTo("grid-invariant");
    assertThat(result.trace()).hasSize(4);
    assertThat(result.trace().get(0).action()).isEqualTo(TraceStep.INITIAL);
    assertThat(result.trace().get(0).state()).isEqualTo("[0, 0]");
    assertThat(result.trace()).extracting(TraceStep::step).containsExactly(1, 2, 3, 4);
    String last = result.trace().get(3).state();
    int[] finalState = java.util.Arrays.stream(last.replaceAll("[\\[\\] ]", "").split(","))
        .mapToInt(Integer::parseInt).toArray();
    assertThat(finalState[0] + finalState[1]).isEqualTo(3);
  }

  @Test
  void reports_an_initial_state_that_breaks_an_invariant_as_a_one_step_trace() {
    CheckResult result = new ModelChecker<>(new ToyModels.Grid(3, s -> false)).check();

    assertThat(result.violatedProperty()).isEqualTo("grid-invariant");
    assertThat(result.trace()).containsExactly(new TraceStep(1, TraceStep.INITIAL, "[0, 0]"));
  }

  @Test
  void finds_the_state_where_a_model_deadlocks() {
    CheckResult result = new ModelChecker<>(new ToyModels.StuckCounter()).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.NO_DEADLOCK);
    assertThat(result.trace()).extracting(TraceStep::action)
        .containsExactly(TraceStep.INITIAL, "count to 1", "count to 2");
    assertThat(result.trace().get(2).state()).isEqualTo("[2]");
  }

  @Test
  void mutual_exclusion_holds_when_processes_take_the_lock() {
    CheckResult result = new ModelChecker<>(new ToyModels.Mutex(true)).check();

    assertThat(result.passed()).isTrue();
  }

  @Test
  void mutual_exclusion_breaks_without_the_lock_after_both_processes_enter() {
    CheckResult result = new ModelChecker<>(new ToyModels.Mutex(false)).check();

    assertThat(result.violatedProperty()).isEqualTo(ToyModels.Mutex.MUTUAL_EXCLUSION);
    assertThat(result.trace()).hasSize(5);
    assertThat(result.trace().get(0).action()).isEqualTo(TraceStep.INITIAL);
    assertThat(result.trace().subList(1, 5)).extracting(TraceStep::action)
        .containsExactlyInAnyOrder("A tries", "B tries", "A enters", "B enters");
    assertThat(result.trace().get(4).state()).isEqualTo("[2, 2, 0]");
  }

  @Test
  void a_cycle_that_can_never_reach_a_terminal_state_breaks_progress_and_is_reported_as_a_lasso() {
    CheckResult result = new ModelChecker<>(new ToyModels.Loop(false)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.PROGRESS);
    assertThat(result.trace()).extracting(TraceStep::state)
        .containsExactly("[0]", "[1]", "[2]", "[3]", "[1]");
    assertThat(result.trace()).extracting(TraceStep::action)
        .containsExactly(TraceStep.INITIAL, "enter loop", "one to two", "two to three", "three back to one");
    assertThat(result.loopsBackToStep()).isEqualTo(2);
    assertThat(result.statistics().states()).isEqualTo(5);
    assertThat(result.explanation()).contains("from step 2 on no run can reach a terminal state");
  }

  @Test
  void the_same_cycle_breaks_termination_once_progress_is_not_checked() {
    CheckResult result = new ModelChecker<>(new ToyModels.Loop(false)).skipping(List.of(ModelChecker.PROGRESS)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.TERMINATION);
    assertThat(result.trace()).extracting(TraceStep::state).containsExactly("[0]", "[1]", "[2]", "[3]", "[1]");
    assertThat(result.loopsBackToStep()).isEqualTo(2);
  }

  @Test
  void a_cycle_that_could_be_left_still_violates_termination_because_nothing_forces_leaving_it() {
    CheckResult result = new ModelChecker<>(new ToyModels.Loop(true)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.TERMINATION);
    assertThat(result.loopsBackToStep()).isEqualTo(2);
  }

  @Test
  void a_state_stepping_to_itself_is_a_non_terminating_cycle() {
    CheckResult result = new ModelChecker<>(new ToyModels.SelfLoop()).skipping(List.of(ModelChecker.PROGRESS)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.TERMINATION);
    assertThat(result.trace()).extracting(TraceStep::action).containsExactly(TraceStep.INITIAL, "spin");
    assertThat(result.loopsBackToStep()).isEqualTo(1);
  }

  @Test
  void a_state_that_only_faults_can_move_is_a_deadlock() {
    CheckResult result = new ModelChecker<>(new ToyModels.FaultyCounter(true)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.NO_DEADLOCK);
    assertThat(result.trace()).extracting(TraceStep::state).containsExactly("[0]", "[1]", "[2]");
    assertThat(result.explanation()).isEqualTo(
        "the last state is not terminal and only faults can happen in it: fault: crash");
  }

  @Test
  void a_cycle_that_needs_a_fault_in_every_round_is_not_a_termination_violation() {
    CheckResult result = new ModelChecker<>(new ToyModels.FaultyCounter(false)).check();

    assertThat(result.passed()).as("%s %s", result.violatedProperty(), result.trace()).isTrue();
    assertThat(result.statistics().states()).isEqualTo(5);
  }

  @Test
  void a_run_without_faults_that_ends_outside_the_goal_breaks_progress() {
    CheckResult result = new ModelChecker<>(new ToyModels.Outcomes(true)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.PROGRESS);
    assertThat(result.trace()).extracting(TraceStep::action).containsExactly(TraceStep.INITIAL, "start", "give up");
    assertThat(result.loopsBackToStep()).isZero();
    assertThat(result.explanation()).contains("a run without any fault ends in the last state");
  }

  @Test
  void a_failure_that_only_follows_a_fault_keeps_progress() {
    CheckResult result = new ModelChecker<>(new ToyModels.Outcomes(false)).check();

    assertThat(result.passed()).isTrue();
  }

  @Test
  void with_the_deadlock_check_left_out_a_state_with_no_successor_at_all_breaks_progress() {
    CheckResult result = new ModelChecker<>(new ToyModels.StuckCounter()).skipping(List.of(ModelChecker.NO_DEADLOCK)).check();

    assertThat(result.violatedProperty()).isEqualTo(ModelChecker.PROGRESS);
    assertThat(result.trace()).extracting(TraceStep::state).containsExactly("[0]", "[1]", "[2]");
    assertThat(result.explanation()).endsWith("the last state has no successor at all");
  }

  @Test
  void a_skipped_invariant_is_not_checked() {
    CheckResult result = new ModelChecker<>(new ToyModels.Mutex(false))
        .skipping(List.of(ToyModels.Mutex.MUTUAL_EXCLUSION)).check();

    assertThat(result.passed()).isTrue();
  }

  @Test
  void stores_states_whose_encodings_differ_in_length() {
    CheckResult result = new ModelChecker<>(new ToyModels.TwoLengths()).check();

    assertThat(result.passed()).isTrue();
    assertThat(result.statistics().states()).isEqualTo(3 + 4);
  }

  @Test
  void prints_progress_lines_to_the_given_stream_once_a_run_outlasts_three_seconds() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    long[] now = {0};
    // Every reading of the clock advances it by a second: the run "takes" many seconds.
    ModelChecker<int[]> checker = new ModelChecker<>(new ToyModels.Grid(100),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> now[0] += 1_000_000_000L);

    CheckResult result = checker.check();

    assertThat(result.passed()).isTrue();
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).matches(
        "progress: [0-9,]+ states, [0-9,]+ transitions, depth \\d+, \\d+s"));
  }

  @Test
  void prints_no_progress_when_the_run_is_quick() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CheckResult result = new ModelChecker<>(new ToyModels.Grid(100),
        new PrintStream(err, true, StandardCharsets.UTF_8), () -> 0L).check();

    assertThat(result.passed()).isTrue();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void explores_every_initial_state() {
    Model<int[]> twoStarts = new ToyModels.Grid(2) {
      @Override
      public List<int[]> initialStates() {
        return List.of(new int[] {0, 0}, new int[] {1, 0});
      }
    };

    CheckResult result = new ModelChecker<>(twoStarts).check();

    // [1, 1] is one step from the second initial state, so nothing lies two levels deep.
    assertThat(result.statistics().states()).isEqualTo(4);
    assertThat(result.statistics().depth()).isEqualTo(1);
  }
}

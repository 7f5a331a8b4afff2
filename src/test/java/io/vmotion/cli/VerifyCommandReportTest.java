package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.checker.CheckResult;
import io.vmotion.checker.Statistics;
import io.vmotion.checker.TraceStep;
import io.vmotion.protocol.MigrationConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report layouts, on hand-made results. */
class VerifyCommandReportTest {
  private static final CheckResult LASSO = new CheckResult("termination", List.of(
      new TraceStep(1, TraceStep.INITIAL, "s0"),
      new TraceStep(2, "go", "s1"),
      new TraceStep(3, "back", "s0")), 1, new Statistics(2, 2, 1, 0.5));

  @Test
  void a_text_report_says_where_a_non_terminating_cycle_loops_back_to() {
    String text = VerifyReport.text(MigrationConfig.defaults(), LASSO);

    assertThat(text).contains("VIOLATION of termination\n")
        .contains("  1. Initial state\n     s0\n  2. go\n     s1\n  3. back\n     s0\n")
        .contains("(the last state is the state of step 1: the run can cycle forever)");
  }

  @Test
  void a_json_report_marks_the_loop_back_step() throws Exception {
    JsonNode json = new ObjectMapper().readTree(VerifyReport.json(MigrationConfig.defaults(), LASSO));

    assertThat(json.get("property").asText()).isEqualTo("termination");
    assertThat(json.get("loopsBackToStep").asInt()).isEqualTo(1);
    assertThat(json.get("trace").size()).isEqualTo(3);
    assertThat(json.get("statesPerSecond").asLong()).isEqualTo(4);
  }

  @Test
  void a_text_report_lists_bounds_faults_and_variant_before_the_statistics() {
    String text = VerifyReport.text(MigrationConfig.defaults(),
        new CheckResult(null, List.of(), 0, new Statistics(10, 20, 3, 2.0)));

    assertThat(text.lines().toList()).containsSubsequence(
        "Bounds:       pages=3 writes=3 rounds=3 threshold=1 fault-budget=2 announce-loss-budget=1 attempts=2",
        "Faults:       loss,duplication,reorder,partition,source-crash,destination-crash,announce-loss,storage-path",
        "Reductions:   dead-variables,stale-attempts,version-ranks",
        "Variant:      correct",
        "States:       10 distinct",
        "Transitions:  20",
        "Depth:        3",
        "Seconds:      2.00",
        "States/s:     5",
        "PASS: every property holds on every reachable state");
  }
}

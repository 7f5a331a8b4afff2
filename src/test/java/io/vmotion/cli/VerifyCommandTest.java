package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.protocol.Variant;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerifyCommandTest {
  /** Small bounds keep these tests fast; the default bounds are exercised once below. */
  private static final String[] SMALL = {"--pages", "2", "--writes", "1", "--rounds", "2"};

  private record Run(int exitCode, String out, String err) {
  }

  private static Run verify(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String[] small(String... more) {
    List<String> args = new ArrayList<>(List.of(SMALL));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void the_correct_protocol_passes_at_the_default_bounds_with_exit_code_0() {
    Run run = verify();

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("Faults:       loss,duplication,reorder,partition,source-crash,"
        + "destination-crash,announce-loss,storage-path\n")
        .contains("Reductions:   dead-variables,stale-attempts,version-ranks\n")
        .contains("Properties:   exactly-one-runner, no-page-lost, network-identity, free-after-commit, no-deadlock,"
            + " progress, termination\n")
        .contains("Variant:      correct")
        .contains("States:").contains("Transitions:").contains("Depth:").contains("States/s:")
        .contains("PASS");
    assertThat(run.out()).doesNotContain("VIOLATION");
  }

  @Test
  void a_seeded_bug_exits_with_1_and_prints_a_numbered_trace() {
    Run run = verify(small("--variant", "no-announce"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("VIOLATION of network-identity")
        .contains("  1. Initial state")
        .contains("  2. ");
  }

  @Test
  void json_output_has_exactly_the_contract_keys_and_a_trace_from_an_initial_state() throws Exception {
    Run run = verify(small("--variant", "skip-device-state", "--format", "json"));

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("result").asText()).isEqualTo("violation");
    assertThat(json.get("property").asText()).isEqualTo("network-identity");
    assertThat(json.get("states").isIntegralNumber()).isTrue();
    assertThat(json.get("transitions").isIntegralNumber()).isTrue();
    assertThat(json.get("depth").isIntegralNumber()).isTrue();
    assertThat(json.get("seconds").isNumber()).isTrue();
    JsonNode trace = json.get("trace");
    assertThat(trace.isArray()).isTrue();
    assertThat(trace.size()).isGreaterThan(1);
    assertThat(trace.get(0).get("step").asInt()).isEqualTo(1);
    assertThat(trace.get(0).get("action").asText()).isEqualTo("Initial state");
    assertThat(trace.get(0).get("state").asText()).startsWith("source[pre-copy round 1");
    List<String> stepKeys = new ArrayList<>();
    trace.get(0).fieldNames().forEachRemaining(stepKeys::add);
    assertThat(stepKeys).containsExactly("step", "action", "state");
  }

  @Test
  void json_output_of_a_pass_has_a_null_property_and_an_empty_trace() throws Exception {
    Run run = verify(small("--format", "json", "--faults", "none"));

    assertThat(run.exitCode()).isEqualTo(0);
    JsonNode json = new ObjectMapper().readTree(run.out());
    List<String> keys = new ArrayList<>();
    json.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).startsWith("result", "property", "states", "transitions", "depth", "seconds", "trace");
    assertThat(json.get("result").asText()).isEqualTo("pass");
    assertThat(json.get("property").isNull()).isTrue();
    assertThat(json.get("trace").size()).isZero();
    assertThat(json.get("faults").size()).isZero();
    assertThat(json.get("bounds").get("pages").asInt()).isEqualTo(2);
  }

  @Test
  void list_variants_prints_every_variant_with_a_description() {
    Run run = verify("--list-variants");

    assertThat(run.exitCode()).isEqualTo(0);
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(Variant.values().length);
    for (Variant variant : Variant.values()) {
      assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(variant.cliName() + " ")
          .endsWith(variant.description()));
    }
  }

  @Test
  void diagram_prints_the_generated_mermaid() {
    Run run = verify("--diagram");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).isEqualTo(io.vmotion.protocol.Diagram.mermaid());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
    "--pages        | x       | --pages: 'x' is not a number; accepted values: integers from 1 to 8",
    "--pages        | 0       | --pages: 0 is out of range; accepted values: integers from 1 to 8",
    "--writes       | -1      | --writes: -1 is out of range; accepted values: integers from 0 to 20",
    "--rounds       | 99      | --rounds: 99 is out of range; accepted values: integers from 1 to 20",
    "--faults       | fire    | --faults: unknown fault 'fire'; accepted values: all, none, or a comma-separated list of loss, duplication",
    "--faults       | loss,   | --faults: unknown fault ''",
    "--variant      | broken  | --variant: unknown variant 'broken'; accepted values: correct, clear-dirty-bit-after-send",
    "--format       | xml     | --format: unknown format 'xml'; accepted values: text, json",
    "--fault-budget | 9       | --fault-budget: 9 is out of range; accepted values: integers from 0 to 5",
    "--attempts     | 0       | --attempts: 0 is out of range; accepted values: integers from 1 to 3",
    "--attempts     | two     | --attempts: 'two' is not a number; accepted values: integers from 1 to 3",
    "--announce-loss-budget | 6 | --announce-loss-budget: 6 is out of range; accepted values: integers from 0 to 5",
    "--reductions   | fast    | --reductions: unknown reduction 'fast'; accepted values: all, none, or a comma-separated list of dead-variables",
  })
  void a_bad_option_value_exits_with_2_naming_the_option_and_the_accepted_values(
      String option, String value, String message) {
    Run run = verify(option, value);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void an_unknown_option_exits_with_2_and_lists_the_accepted_options() {
    Run run = verify("--colour", "red");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown option --colour").contains("--pages").contains("--variant");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void a_missing_option_value_exits_with_2() {
    Run run = verify("--pages");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("pages");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void help_lists_every_option_and_exits_with_0() {
    Run run = verify("--help");

    assertThat(run.exitCode()).isEqualTo(0);
    for (String option : List.of("--pages N", "--writes N", "--rounds N", "--threshold N", "--fault-budget N",
        "--announce-loss-budget N", "--attempts N", "--faults LIST", "--reductions LIST", "--variant NAME",
        "--format FORMAT", "--list-variants", "--diagram")) {
      assertThat(run.out()).contains(option);
    }
  }

  @Test
  void a_stray_argument_exits_with_2() {
    Run run = verify("now");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unexpected argument 'now'");
  }

  @Test
  void a_fault_list_selects_exactly_those_faults() {
    Run run = verify(small("--faults", "reorder,loss"));

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("Faults:       loss,reorder\n");
  }

  @Test
  void the_same_verdict_comes_with_reductions_off_and_the_report_says_which_were_on() {
    Run reduced = verify(small("--variant", "no-timer-awaiting-commit", "--format", "json"));
    Run unreduced = verify(small("--variant", "no-timer-awaiting-commit", "--format", "json", "--reductions", "none"));

    assertThat(reduced.exitCode()).isEqualTo(1);
    assertThat(unreduced.exitCode()).isEqualTo(1);
    assertThat(reduced.out()).contains("\"property\" : \"no-deadlock\"")
        .contains("\"reductions\" : [ \"dead-variables\", \"stale-attempts\", \"version-ranks\" ]");
    assertThat(unreduced.out()).contains("\"property\" : \"no-deadlock\"").contains("\"reductions\" : [ ]");
  }

  @Test
  void a_deadlock_report_says_that_only_faults_can_still_happen() {
    Run run = verify(small("--variant", "no-timer-awaiting-commit"));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("VIOLATION of no-deadlock")
        .containsPattern("Why: +the last state is not terminal and only faults can happen in it: fault: ");
  }

  @Test
  void more_rounds_than_can_happen_are_reported_as_clamped() {
    Run run = verify("--pages", "2", "--writes", "1", "--rounds", "9", "--faults", "none");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("Rounds:       at most 1 can happen");
  }

  @Test
  void attempts_and_the_announce_loss_budget_reach_the_bounds() throws Exception {
    Run run = verify(small("--attempts", "1", "--announce-loss-budget", "2", "--format", "json"));

    JsonNode bounds = new ObjectMapper().readTree(run.out()).get("bounds");
    assertThat(bounds.get("attempts").asInt()).isEqualTo(1);
    assertThat(bounds.get("announceLossBudget").asInt()).isEqualTo(2);
    assertThat(bounds.get("effectiveRounds").asInt()).isEqualTo(1);
  }

  @Test
  void the_report_goes_to_stdout() {
    Run run = verify(small());

    assertThat(run.out()).startsWith("vmotion verify:").endsWith("PASS: every property holds on every reachable state\n");
  }
}

package io.vmotion.cli;

import static io.vmotion.testing.Fixture.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inventory with gaps: each gap is stated once with what it costs, each VM gets a readiness,
 * and "compatible" only ever means decided.
 */
class ReportsStateUnknownFactsOnceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** Four hosts whose licence a missing tab left unknown, one known to be Essentials; VMs of every readiness. */
  private Path inventory() throws Exception {
    Fixture f = Fixture.twoHosts().with(x -> {
      ObjectNode h3 = x.host(1).deepCopy().put("name", "h3");
      ObjectNode h4 = x.host(1).deepCopy().put("name", "h4");
      x.root().withArray("hosts").add(h3);
      x.root().withArray("hosts").add(h4);
      for (int i = 0; i < 4; i++) x.host(i).set("unknown", strings("license"));
      x.host(3).put("license", "essentials").remove("unknown");
      x.addVm("big", "h1").put("vcpus", 64); // more vCPUs than any target: blocked
      x.root().putArray("unknownCauses").addObject().put("cause", "tab vLicense is missing").put("fix", "export the vLicense tab")
          .<ObjectNode>set("hostFields", strings("license")).set("hosts", strings("h1", "h2", "h3"));
    });
    Path p = dir.resolve("inv.json");
    Files.writeString(p, f.json());
    return p;
  }

  @Test
  void the_text_report_states_each_cause_once_and_no_not_checked_line_per_move() throws Exception {
    Cli r = Cli.run("validate", inventory().toString());
    assertThat(r.out()).containsOnlyOnce("tab vLicense is missing: license unknown on 3 hosts; license.vmotion undecided on")
        .contains("fix: export the vLicense tab")
        .doesNotContain("not checked")
        .contains("vm1 on h1: unknown, 0 compatible, 2 undecided of 3 targets")
        .contains("  2 targets undecided: license unknown (license.vmotion)")
        .contains("big on h1: blocked")
        .containsPattern("readiness: 0 ready, 0 ready-with-warnings, 1 blocked, 1 unknown\n$");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void json_keeps_one_info_per_undecided_move_and_adds_readiness_undecided_targets_and_the_unknown_section() throws Exception {
    JsonNode report = JSON.readTree(Cli.run("validate", inventory().toString(), "--format", "json").out());
    JsonNode vm1 = null;
    for (JsonNode v : report.get("vms")) if (v.get("name").asText().equals("vm1")) vm1 = v;
    assertThat(vm1.get("readiness").asText()).isEqualTo("unknown");
    assertThat(vm1.get("compatibleTargets")).isEmpty();
    assertThat(vm1.get("undecidedTargets").toString()).isEqualTo("[\"h2\",\"h3\"]");
    assertThat(report.at("/summary/readiness/unknown").asInt()).isEqualTo(1);
    assertThat(report.at("/summary/readiness/blocked").asInt()).isEqualTo(1);
    assertThat(report.at("/summary/readiness/ready").asInt()).isZero();
    long infos = 0;
    for (JsonNode f : report.get("findings")) if (f.get("severity").asText().equals("info")) infos++;
    assertThat(infos).isEqualTo(report.at("/summary/infos").asLong()).isPositive();
    JsonNode cause = report.at("/unknown/0");
    assertThat(cause.get("cause").asText()).isEqualTo("tab vLicense is missing");
    assertThat(cause.get("hosts").asInt()).isEqualTo(3);
    assertThat(cause.get("rules").toString()).isEqualTo("[\"license.vmotion\"]");
    assertThat(cause.get("undecidedMoves").asInt()).isPositive();
  }

  @Test
  void sarif_and_junit_carry_the_unknown_section_too() throws Exception {
    JsonNode sarif = JSON.readTree(Cli.run("validate", inventory().toString(), "--format", "sarif").out());
    assertThat(sarif.at("/runs/0/properties/unknown/0/cause").asText()).isEqualTo("tab vLicense is missing");
    assertThat(sarif.at("/runs/0/properties/readiness/unknown").asInt()).isEqualTo(1);
    String junit = Cli.run("validate", inventory().toString(), "--format", "junit").out();
    assertThat(junit).contains("name=\"vmotion.unknown.1\"").contains("tab vLicense is missing").contains("<skipped");
  }

  @Test
  void fail_on_unknown_fails_a_run_whose_only_problem_is_an_undecided_vm() throws Exception {
    Fixture f = Fixture.twoHosts().with(x -> x.host(1).set("unknown", strings("license")));
    Path p = dir.resolve("one.json");
    Files.writeString(p, f.json());
    assertThat(Cli.run("validate", p.toString()).code()).isZero();
    Cli strict = Cli.run("validate", p.toString(), "--fail-on", "unknown");
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.err()).contains("note: 1 of 1 moves have a rule the known facts do not decide")
        .contains("host license marked unknown in the inventory (1 moves)");
  }

  @Test
  void summary_lines_carry_the_readiness() throws Exception {
    Cli r = Cli.run("validate", inventory().toString(), "--format", "summary");
    assertThat(r.out()).containsPattern("(?m)^vm1\\s+unknown\\s+0/3\\s+compatible\\s+2 undecided")
        .containsPattern("(?m)^big\\s+blocked ")
        .contains("unknown facts:\n  tab vLicense is missing");
  }
}

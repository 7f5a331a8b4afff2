package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.testing.Fixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaiversTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Clock JAN_2027 = Clock.fixed(Instant.parse("2027-01-15T12:00:00Z"), ZoneOffset.UTC);
  static final Clock MAR_2027 = Clock.fixed(Instant.parse("2027-03-01T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  /** b-01 and b-02 on esx-b1, moving to esx-b2 whose CPU model differs (cpu.family-model) and whose license lacks vMotion. */
  Path inventory() throws Exception {
    String json = Fixture.twoHosts().with(f -> {
      f.host(0).put("name", "esx-b1");
      f.host(1).put("name", "esx-b2").put("license", "essentials").with("cpu").put("model", 106);
      f.vm(0).put("name", "b-01").put("host", "esx-b1");
      f.addVm("b-02", "esx-b1");
      f.addVm("web-01", "esx-b1");
    }).json();
    return write("inv.json", json);
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  static Cli run(Clock clock, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new ValidateCommand(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), clock).run(args);
    return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static final String WAIVERS = """
      {"waivers": [
        {"rule": "license.vmotion", "vm": "b-*", "host": "esx-b?", "reason": "CHG-1234: license upgrade booked", "expires": "2027-01-31"},
        {"rule": "cpu.*", "reason": "EVC rollout in progress"}
      ]}
      """;

  @Test
  void waived_findings_are_marked_with_their_reason_and_do_not_count_in_json() throws Exception {
    Path inv = inventory();
    Path waivers = write("waivers.json", WAIVERS);
    Cli r = run(JAN_2027, inv.toString(), "--waivers", waivers.toString(), "--format", "json");
    JsonNode report = JSON.readTree(r.out());
    for (JsonNode f : report.get("findings")) {
      boolean shouldBeWaived = f.get("rule").asText().startsWith("cpu.") || !f.get("vm").asText().equals("web-01");
      assertThat(f.path("waived").asBoolean(false)).as(f.toString()).isEqualTo(shouldBeWaived);
      if (shouldBeWaived) assertThat(f.get("waiver").asText()).isNotBlank();
      else assertThat(f.has("waiver")).isFalse();
    }
    assertThat(report.get("summary").get("errors").asInt()).isEqualTo(1);
    assertThat(report.get("summary").get("warnings").asInt()).isZero();
    assertThat(report.get("summary").get("waived").asInt()).isEqualTo(5);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEmpty();
    // Only web-01's license error still blocks esx-b2.
    for (JsonNode vm : report.get("vms")) {
      if (vm.get("name").asText().equals("web-01")) assertThat(vm.get("compatibleTargets")).isEmpty();
      else assertThat(vm.get("compatibleTargets").get(0).asText()).isEqualTo("esx-b2");
    }
  }

  @Test
  void waived_findings_do_not_count_towards_the_exit_code() throws Exception {
    Path inv = inventory();
    Path waivers = write("waivers.json", "{\"waivers\": [{\"rule\": \"*\", \"reason\": \"accepted for the test\"}]}");
    Cli r = run(JAN_2027, inv.toString(), "--waivers", waivers.toString(), "--fail-on", "warning");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("0 errors, 0 warnings, 0 infos (6 waived) in 3 moves");
  }

  @Test
  void the_text_report_marks_waived_findings_with_their_reason_instead_of_the_fix() throws Exception {
    Cli r = run(JAN_2027, inventory().toString(), "--waivers", write("w.json", WAIVERS).toString());
    assertThat(r.out()).contains("  WAIVED ERROR license.vmotion -> esx-b2: no vMotion in the license edition of target esx-b2 (essentials)\n"
        + "      waived: CHG-1234: license upgrade booked\n");
    assertThat(r.out()).contains("  ERROR license.vmotion -> esx-b2");
    assertThat(r.out()).contains("1 errors, 0 warnings, 0 infos (5 waived) in 3 moves");
  }

  @Test
  void an_expired_waiver_is_reported_on_stderr_with_its_date_and_no_longer_waives() throws Exception {
    Cli r = run(MAR_2027, inventory().toString(), "--waivers", write("w.json", WAIVERS).toString(), "--format", "json");
    assertThat(r.err()).contains("waivers[0] (rule license.vmotion, vm b-*, host esx-b?) expired on 2027-01-31");
    JsonNode summary = JSON.readTree(r.out()).get("summary");
    assertThat(summary.get("errors").asInt()).isEqualTo(3);
    assertThat(summary.get("waived").asInt()).isEqualTo(3);
  }

  @Test
  void a_waiver_is_in_force_through_its_expiry_date() throws Exception {
    Clock lastDay = Clock.fixed(Instant.parse("2027-01-31T23:00:00Z"), ZoneOffset.UTC);
    Cli r = run(lastDay, inventory().toString(), "--waivers", write("w.json", WAIVERS).toString(), "--format", "json");
    assertThat(r.err()).isEmpty();
    assertThat(JSON.readTree(r.out()).get("summary").get("waived").asInt()).isEqualTo(5);
  }

  @Test
  void a_malformed_waiver_file_exits_2_naming_the_file_and_the_problems() throws Exception {
    Path w = write("w.json", """
        {"waivers": [
          {"rule": "cpu.vendor", "reason": "", "expires": "31/01/2027"},
          {"vm": "x", "reson": "typo"}
        ]}
        """);
    Cli r = run(JAN_2027, inventory().toString(), "--waivers", w.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains(w + ":2:26: waivers[0].reason: expected a non-empty string");
    assertThat(r.err()).contains(w + ":2:40: waivers[0].expires: \"31/01/2027\" is not an ISO date");
    assertThat(r.err()).contains(w + ":3:15: waivers[1].reson: unknown field; did you mean \"reason\"?");
    assertThat(r.err()).contains(w + ":3:3: waivers[1].rule: required field is missing");
  }

  @Test
  void a_missing_or_non_json_waiver_file_exits_2() throws Exception {
    Path inv = inventory();
    assertThat(run(JAN_2027, inv.toString(), "--waivers", dir.resolve("none.json").toString()).err()).contains("none.json: no such file");
    Cli r = run(JAN_2027, inv.toString(), "--waivers", write("w.json", "{\"waivers\": [").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("w.json:1:").contains("malformed JSON");
  }

  @Test
  void sarif_marks_waived_results_as_suppressed_and_junit_and_summary_do_not_fail_them() throws Exception {
    Path inv = inventory();
    Path waivers = write("w.json", WAIVERS);
    JsonNode sarif = JSON.readTree(run(JAN_2027, inv.toString(), "--waivers", waivers.toString(), "--format", "sarif").out());
    int suppressed = 0;
    for (JsonNode r : sarif.get("runs").get(0).get("results")) {
      if (r.has("suppressions")) {
        suppressed++;
        assertThat(r.get("suppressions").get(0).get("kind").asText()).isEqualTo("external");
        assertThat(r.get("suppressions").get(0).get("justification").asText()).isNotBlank();
      }
    }
    assertThat(suppressed).isEqualTo(5);
    String junit = run(JAN_2027, inv.toString(), "--waivers", waivers.toString(), "--format", "junit").out();
    assertThat(junit).contains("failures=\"1\"").contains("waived error license.vmotion");
    String summary = run(JAN_2027, inv.toString(), "--waivers", waivers.toString(), "--format", "summary").out();
    assertThat(summary).contains("1 errors, 0 warnings, 0 infos (5 waived)");
  }
}

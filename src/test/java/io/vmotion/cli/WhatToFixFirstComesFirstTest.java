package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WhatToFixFirstComesFirstTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void text_and_summary_open_with_the_vms_that_have_no_target_then_the_causes_by_moves_blocked() throws Exception {
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json").out());
    for (String format : List.of("text", "summary")) {
      String out = Cli.run("validate", "--format", format).out();
      List<String> lines = out.lines().toList();
      assertThat(lines.get(2)).as(format).isEqualTo("What to fix first: 9 VMs have no compatible target; 45 moves are blocked, by 41 causes");
      assertThat(lines.get(3)).isEqualTo("  VMs with no compatible target:");
      assertThat(lines.get(4)).isEqualTo("    b-db-01 on esx-b2: blocked, 0 of 3 targets compatible; blocked by cpu.bios-disabled=1 cpu.features=1 host.state=1 network.vmotion-link=1 storage.bus-sharing=3");
      assertThat(out).contains("    10 moves  license.vmotion on every host of cluster branch (3 hosts): The source's or target's license edition"
          + " does not include vMotion\n              fix: Assign the named host");
      assertThat(out).contains("     8 moves  host.state on host esx-b4: The target is disconnected, not responding or in maintenance mode");
      // The per-VM detail follows the view.
      int view = out.indexOf("What to fix first");
      int detail = format.equals("text") ? out.indexOf("\nad-01 on esx-a3: ready") : out.indexOf("\nad-01 ");
      assertThat(detail).as(format).isGreaterThan(view).isGreaterThan(out.indexOf("  Causes, by moves blocked"));
      for (JsonNode c : json.get("causes")) assertThat(out).contains(" " + c.get("rule").asText() + " on ");
    }
  }

  @Test
  void json_gets_a_causes_array_ranked_by_moves_and_the_vms_with_no_compatible_target() throws Exception {
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json").out());
    JsonNode causes = json.get("causes");
    assertThat(causes).hasSize(41);
    assertThat(causes.get(0).get("rule").asText()).isEqualTo("license.vmotion");
    assertThat(causes.get(0).get("cluster").asText()).isEqualTo("branch");
    assertThat(causes.get(0).get("hosts").asInt()).isEqualTo(3);
    assertThat(causes.get(0).get("moves").asInt()).isEqualTo(10);
    assertThat(causes.get(0).get("fix").asText()).isEqualTo(json.at("/rules/license.vmotion/remediation").asText());
    assertThat(causes.get(1).get("host").asText()).isEqualTo("esx-b4");
    for (int i = 1; i < causes.size(); i++) assertThat(causes.get(i).get("moves").asInt()).isLessThanOrEqualTo(causes.get(i - 1).get("moves").asInt());
    assertThat(json.get("noCompatibleTarget")).hasSize(9);
    // The fields that were there before are unchanged.
    assertThat(json.fieldNames()).toIterable().startsWith("findings", "vms", "summary", "unknown", "rules");
  }

  @Test
  void the_summary_counts_the_same_causes_as_the_json_report_without_keeping_findings() throws Exception {
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json", "--scope", "all").out());
    String summary = Cli.run("validate", "--format", "summary", "--scope", "all").out();
    for (JsonNode c : json.get("causes")) {
      String where = c.has("host") ? "host " + c.get("host").asText() : "every host of cluster " + c.get("cluster").asText();
      assertThat(summary).containsPattern("(?m)^ +" + c.get("moves").asInt() + " moves? +" + c.get("rule").asText().replace(".", "\\.") + " on "
          + java.util.regex.Pattern.quote(where));
    }
  }

  @Test
  void detail_none_and_blocked_leave_out_vms_and_say_so() {
    String none = Cli.run("validate", "--detail", "none").out();
    assertThat(none).contains("Per-VM detail: none of the 29 VMs (--detail none; --detail all lists every VM)").doesNotContain("\nad-01 on esx-a3");
    String blocked = Cli.run("validate", "--detail", "blocked").out();
    assertThat(blocked).contains("Per-VM detail: only the 9 VMs with no compatible target, of 29 (--detail blocked; --detail all lists every VM)")
        .contains("\nb-db-01 on esx-b2: blocked").doesNotContain("\nad-01 on esx-a3");
    String summary = Cli.run("validate", "--format", "summary", "--detail", "blocked").out();
    assertThat(summary).containsPattern("(?m)^b-db-01 +blocked").doesNotContainPattern("(?m)^ad-01 ");
    assertThat(Cli.run("validate").out()).doesNotContain("Per-VM detail");
  }

  @Test
  void above_a_few_hundred_vms_the_text_report_defaults_to_the_blocked_detail_and_says_so(@TempDir Path dir) {
    Path inventory = dir.resolve("gen.json");
    assertThat(Cli.run("generate", "--hosts", "12", "--vms", "320", "--clusters", "2", "--seed", "3", "-o", inventory.toString()).code()).isZero();
    String out = Cli.run("validate", inventory.toString()).out();
    assertThat(out).containsPattern("Per-VM detail: only the \\d+ VMs with no compatible target, of 320 \\(--detail blocked, the default above 300 VMs;"
        + " --detail all lists every VM\\)");
    assertThat(Cli.run("validate", inventory.toString(), "--detail", "all").out()).doesNotContain("Per-VM detail");
  }

  @Test
  void min_severity_leaves_lower_findings_out_of_every_format_but_not_the_counts() throws Exception {
    JsonNode json = JSON.readTree(Cli.run("validate", "--format", "json", "--min-severity", "error").out());
    assertThat(json.get("findings")).isNotEmpty().allSatisfy(f -> assertThat(f.get("severity").asText()).isEqualTo("error"));
    assertThat(json.at("/summary/warnings").asInt()).isPositive();
    assertThat(json.get("minSeverity").asText()).isEqualTo("error");
    assertThat(Cli.run("validate", "--min-severity", "error").out()).doesNotContain("  WARNING ").contains("  ERROR ");
    JsonNode sarif = JSON.readTree(Cli.run("validate", "--format", "sarif", "--min-severity", "error").out());
    assertThat(sarif.at("/runs/0/results")).allSatisfy(r -> assertThat(r.get("level").asText()).isEqualTo("error"));
    assertThat(Cli.run("validate", "--format", "csv", "--min-severity", "error").out()).doesNotContain(",warning,");
    assertThat(Cli.run("validate", "--format", "junit", "--min-severity", "error").out()).doesNotContain("warning cpu.family-model");
    assertThat(Cli.run("validate", "--format", "html", "--min-severity", "error").out()).doesNotContain("! warning</span> <a href=\"#rule-cpu.family-model\"");
  }
}

package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static final String BIG_VM = """
      package org.acme.checks;

      import io.vmotion.rules.facts.Move;

      global io.vmotion.rules.Findings findings;

      rule "big vm"
        @id("acme.big-vm")
        @severity("warning")
        @title("The VM has more than 8 vCPUs")
        @remediation("Right-size the VM.")
        @fault("None")
        @explain("Wide VMs take longer to converge during vMotion.")
        @docs("https://example.com/wide-vms")
      when
        $m : Move( vm.vcpus > 8 )
      then
        findings.report(kcontext, $m, $m.getVm().getVcpus() + " vCPUs");
      end
      """;

  Path write(String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void rules_list_prints_every_built_in_rule_sorted_by_id_with_severity_title_and_file() {
    Cli r = Cli.run("rules", "list");
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("SEVERITY", "TITLE", "FILE");
    List<String> ids = lines.stream().skip(1).map(l -> l.split("\\s+")[0]).toList();
    assertThat(ids).hasSize(io.vmotion.rules.Rules.folder().rules().size()).isSorted().containsAll(ValidateCommandTest.CONTRACT_IDS);
    assertThat(r.out()).contains("cpu.family-model", "warning", "built-in:cpu.drl:");
  }

  @Test
  void rules_list_as_json_gives_id_severity_title_file_and_fault_of_folder_rules_too() throws Exception {
    write("mine/big.drl", BIG_VM);
    Cli r = Cli.run("rules", "list", "--rules", dir.resolve("mine").toString(), "--format", "json");
    assertThat(r.code()).isZero();
    JsonNode rules = JSON.readTree(r.out()).get("rules");
    assertThat(rules).hasSize(io.vmotion.rules.Rules.folder().rules().size() + 1);
    JsonNode big = null;
    for (JsonNode n : rules) if (n.get("id").asText().equals("acme.big-vm")) big = n;
    assertThat(big).isNotNull();
    assertThat(big.get("severity").asText()).isEqualTo("warning");
    assertThat(big.get("title").asText()).isEqualTo("The VM has more than 8 vCPUs");
    assertThat(big.get("file").asText()).isEqualTo(dir.resolve("mine/big.drl").toString());
    assertThat(big.get("fault").asText()).isEqualTo("None");
  }

  @Test
  void rules_list_with_no_builtin_rules_lists_the_folder_alone() throws Exception {
    write("mine/big.drl", BIG_VM);
    Cli r = Cli.run("rules", "list", "--rules", dir.resolve("mine").toString(), "--no-builtin-rules");
    assertThat(r.out().lines().skip(1).toList()).singleElement().asString().startsWith("acme.big-vm");
  }

  @Test
  void no_builtin_rules_without_a_folder_is_a_usage_error() {
    Cli r = Cli.run("rules", "list", "--no-builtin-rules");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--no-builtin-rules needs at least one rule folder");
  }

  @Test
  void a_rules_folder_that_does_not_exist_exits_2_naming_it() {
    Cli r = Cli.run("validate", "--rules", dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("nope") + ": no such folder");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void rules_check_prints_one_ok_line_and_exits_0_naming_what_the_folder_replaces() throws Exception {
    write("mine/big.drl", BIG_VM);
    write("mine/host.drl", io.vmotion.rules.RuleLayeringTestAccess.rule("org.acme", "host", "host.state", "warning", "target.maintenanceMode", "m"));
    Cli r = Cli.run("rules", "check", dir.resolve("mine").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().toList()).singleElement().asString()
        .startsWith("OK: 29 rules from 11 .drl files build; replaced: host.state (built-in:host.drl:8 by " + dir.resolve("mine/host.drl") + ":7)");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void rules_check_reports_every_problem_as_path_line_column_with_the_line_and_a_caret_and_exits_2() throws Exception {
    write("mine/big.drl", BIG_VM.replace("vm.vcpus > 8", "vm.cpus > 8"));
    write("mine/meta.drl", BIG_VM.replace("acme.big-vm", "acme.other").replace("  @title(\"The VM has more than 8 vCPUs\")\n", "").replace("big vm", "other"));
    Cli r = Cli.run("rules", "check", dir.resolve("mine").toString());
    assertThat(r.code()).isEqualTo(2);
    String big = dir.resolve("mine/big.drl").toString();
    String meta = dir.resolve("mine/meta.drl").toString();
    assertThat(r.out()).contains(big + ":16:14: Unable to Analyse Expression vm.cpus");
    assertThat(r.out()).contains("  $m : Move( vm.cpus > 8 )\n             ^\n");
    assertThat(r.out()).contains(meta + ":7:1: rule \"other\" lacks metadata @title");
    assertThat(r.out().strip()).endsWith("2 problems in 2 files");
  }

  @Test
  void rules_check_warns_on_stderr_where_a_rule_reaches_outside_the_fact_model_without_failing() throws Exception {
    write("mine/big.drl", BIG_VM.replace("findings.report(", "java.nio.file.Files.writeString(java.nio.file.Path.of(\"/tmp/x\"), \"\");\n  Runtime.getRuntime();\n  findings.report("));
    Cli r = Cli.run("rules", "check", dir.resolve("mine").toString());
    assertThat(r.code()).isZero();
    String big = dir.resolve("mine/big.drl").toString();
    assertThat(r.err()).contains(big + ":18:3: warning: reaches outside the fact model: file access (java.nio.file)");
    assertThat(r.err()).contains(big + ":19:3: warning: reaches outside the fact model: process and JVM control (Runtime)");
    assertThat(r.out()).startsWith("OK: ");
  }

  @Test
  void rules_check_does_not_warn_about_the_built_in_rules_or_comments() throws Exception {
    write("mine/big.drl", "// this rule never touches java.io or System.exit\n" + BIG_VM);
    Cli r = Cli.run("rules", "check", dir.resolve("mine").toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
  }

  static String caseJson(String inventory, String expect, String expectNot) {
    return "{\n  \"inventory\": " + inventory + ",\n  \"expect\": " + expect + ",\n  \"expectNot\": " + expectNot + "\n}\n";
  }

  @Test
  void rules_test_runs_the_folder_cases_over_the_built_in_rules_and_prints_a_pass_line_for_each() throws Exception {
    write("mine/big.drl", BIG_VM);
    String wide = Fixture.twoHosts().with(f -> f.vm(0).put("vcpus", 16)).json();
    write("mine/cases/wide.case.json", caseJson(wide, "[{\"rule\": \"acme.big-vm\", \"vm\": \"vm1\", \"target\": \"h2\", \"messageContains\": \"16 vCPUs\"}]",
        "[{\"rule\": \"cpu.vendor\"}]"));
    write("mine/cases/narrow.case.json", caseJson(Fixture.twoHosts().json(), "[]", "[{\"rule\": \"acme.big-vm\"}]"));
    Cli r = Cli.run("rules", "test", dir.resolve("mine").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("PASS narrow\nPASS wide\n2 passed, 0 failed\n");
  }

  @Test
  void a_failing_case_shows_what_is_missing_and_what_is_unexpected_and_exits_1() throws Exception {
    write("mine/big.drl", BIG_VM);
    String wide = Fixture.twoHosts().with(f -> f.vm(0).put("vcpus", 16)).json();
    write("mine/cases/wrong.case.json", "{\"name\": \"wrong on purpose\", \"inventory\": " + wide
        + ", \"expect\": [{\"rule\": \"cpu.vendor\", \"vm\": \"vm1\"}], \"expectNot\": [{\"rule\": \"acme.big-vm\", \"target\": \"h2\"}]}");
    Cli r = Cli.run("rules", "test", dir.resolve("mine").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("FAIL wrong on purpose  (" + dir.resolve("mine/cases/wrong.case.json") + ")\n"
        + "  missing expected: cpu.vendor vm1 -> *\n"
        + "  unexpected present: acme.big-vm vm1 -> h2: 16 vCPUs\n"
        + "0 passed, 1 failed\n");
  }

  @Test
  void a_bad_case_file_exits_2_with_its_path_and_the_json_path_of_each_problem() throws Exception {
    write("mine/big.drl", BIG_VM);
    write("mine/cases/bad.case.json", """
        {
          "inventory": {"hosts": [], "vms": [{"name": "vm1"}]},
          "expect": [{"rule": "acme.big-vn", "vmm": "vm1"}],
          "expectNot": {}
        }
        """);
    Cli r = Cli.run("rules", "test", dir.resolve("mine").toString());
    assertThat(r.code()).isEqualTo(2);
    String bad = dir.resolve("mine/cases/bad.case.json").toString();
    assertThat(r.err()).contains(bad + ":2:38: inventory.vms[0].host: required field is missing");
    assertThat(r.err()).contains(bad + ":3:38: expect[0].vmm: unknown field; did you mean \"vm\"?");
    assertThat(r.err()).contains(bad + ":3:15: expect[0].rule: no loaded rule has the id \"acme.big-vn\"; closest: acme.big-vm");
    assertThat(r.err()).contains(bad + ":4:3: expectNot: expected an array");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void a_case_may_name_its_inventory_file_relative_to_itself_and_a_missing_one_is_a_bad_case() throws Exception {
    write("mine/big.drl", BIG_VM);
    write("mine/cases/inventories/wide.json", Fixture.twoHosts().with(f -> f.vm(0).put("vcpus", 16)).json());
    write("mine/cases/wide.case.json", "{\"inventoryFile\": \"inventories/wide.json\", \"expect\": [{\"rule\": \"acme.big-vm\"}]}");
    assertThat(Cli.run("rules", "test", dir.resolve("mine").toString()).out()).isEqualTo("PASS wide\n1 passed, 0 failed\n");

    write("mine/cases/lost.case.json", "{\"inventoryFile\": \"inventories/lost.json\", \"expect\": [{\"rule\": \"acme.big-vm\"}]}");
    Cli r = Cli.run("rules", "test", dir.resolve("mine").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("mine/cases/lost.case.json") + ":1:2: inventoryFile: no file \"inventories/lost.json\" beside this case");
  }

  @Test
  void a_folder_without_cases_exits_2() throws Exception {
    write("mine/big.drl", BIG_VM);
    Cli r = Cli.run("rules", "test", dir.resolve("mine").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no *.case.json case files");
  }

  @Test
  void explain_prints_a_rules_title_reason_fix_fault_and_docs_from_its_metadata() {
    Cli r = Cli.run("explain", "cpu.vendor");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("cpu.vendor (error): The VM's CPU vendor and the target's differ\ndefined in built-in:cpu.drl:14\n");
    assertThat(r.out()).contains("What it checks and why vMotion needs it:\n  A running guest's instruction stream");
    assertThat(r.out()).contains("How to fix it:\n  Pick a target with the same CPU vendor");
    assertThat(r.out()).contains("vSphere fault it mirrors:\n  CpuIncompatible\n");
    assertThat(r.out()).contains("Documentation:\n  https://knowledge.broadcom.com/");
  }

  @Test
  void explain_reads_a_folder_rule_and_its_optional_explain_file() throws Exception {
    write("mine/big.drl", BIG_VM);
    write("mine/explain/acme.big-vm.md", "Ask the app team before you shrink a VM.\n");
    Cli r = Cli.run("explain", "acme.big-vm", "--rules", dir.resolve("mine").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Wide VMs take longer", "https://example.com/wide-vms", "More:\n  Ask the app team before you shrink a VM.\n");
  }

  @Test
  void explain_of_an_unknown_id_exits_2_with_the_closest_known_ids() {
    Cli r = Cli.run("explain", "cpu.feature");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no rule has the id \"cpu.feature\"; closest: cpu.features, cpu.vendor, ");
    assertThat(Cli.run("explain", "zzz").err()).containsPattern("no rule has the id \"zzz\"; closest: [a-z.-]+, [a-z.-]+, [a-z.-]+\\.");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void rules_without_a_subcommand_or_with_an_unknown_one_is_a_usage_error() {
    assertThat(Cli.run("rules").code()).isEqualTo(2);
    Cli r = Cli.run("rules", "lint");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown subcommand 'lint'");
  }

  @Test
  void main_usage_names_the_rules_and_explain_commands() {
    List<String> lines = new ArrayList<>(Cli.run("help").out().lines().toList());
    assertThat(lines).anyMatch(l -> l.trim().startsWith("rules list|check|test")).anyMatch(l -> l.trim().startsWith("explain RULE_ID"));
  }

  @Test
  void a_rule_that_throws_ends_validate_with_exit_2_naming_the_rule_and_no_stack_trace() throws Exception {
    write("mine/big.drl", BIG_VM.replace("findings.report(", "if (true) throw new IllegalStateException(\"boom\");\n  findings.report("));
    Path inv = write("inv.json", Fixture.twoHosts().with(f -> f.vm(0).put("vcpus", 16)).json());
    Cli r = Cli.run("validate", inv.toString(), "--rules", dir.resolve("mine").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("rule acme.big-vm (" + dir.resolve("mine/big.drl") + ":7) failed in its consequence: java.lang.IllegalStateException: boom");
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();

    write("mine/cases/wide.case.json", "{\"inventory\": " + Files.readString(inv) + ", \"expect\": [{\"rule\": \"acme.big-vm\"}]}");
    Cli t = Cli.run("rules", "test", dir.resolve("mine").toString());
    assertThat(t.code()).isEqualTo(1);
    assertThat(t.out()).contains("FAIL wide", "failed in its consequence: java.lang.IllegalStateException: boom").endsWith("0 passed, 1 failed\n");
  }
}

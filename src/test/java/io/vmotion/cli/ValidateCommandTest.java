package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Set<String> CONTRACT_IDS = Set.of(
      "cpu.vendor", "cpu.features", "cpu.bios-disabled", "cpu.family-model", "vm.hardware-version", "vm.guest-os",
      "network.vmotion-nic", "network.port-group", "storage.shared", "resources.capacity", "license.vmotion", "host.state");

  /** The rules of vCenter parity (issue 9): the example fires each of them too. */
  static final Set<String> PARITY_IDS = Set.of(
      "devices.passthrough", "devices.vgpu", "devices.host-backed", "devices.file-backed-port", "devices.image-not-on-target",
      "storage.bus-sharing", "vm.affinity", "cluster.vm-host-rule", "cluster.vm-vm-rule", "network.vmotion-link", "network.vmotion-mtu",
      "network.vmotion-network-name", "vm.fault-tolerance");

  @TempDir Path dir;

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void validates_the_bundled_example_by_default_says_so_and_exits_1_on_its_errors() {
    Cli r = Cli.run("validate");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).startsWith("vmotion validate examples/datacenter.json");
    assertThat(r.out()).contains("fix: ");
    assertThat(r.out().strip()).containsPattern("\\d+ errors, \\d+ warnings, \\d+ infos in \\d+ moves of \\d+ VMs; \\d+ VMs have a compatible target; readiness: \\d+ ready, \\d+ ready-with-warnings, \\d+ blocked, \\d+ unknown$");
    assertThat(r.err()).isEqualTo("vmotion validate: no inventory given: validating the bundled example examples/datacenter.json\n");
  }

  @Test
  void every_contract_rule_fires_on_the_datacenter_example_while_most_vms_keep_a_target() throws Exception {
    JsonNode report = JSON.readTree(Cli.run("validate", "examples/datacenter.json", "--format", "json").out());
    Set<String> fired = new HashSet<>();
    report.get("findings").forEach(f -> fired.add(f.get("rule").asText()));
    assertThat(fired).containsAll(CONTRACT_IDS).containsAll(PARITY_IDS);
    int withTarget = 0;
    for (JsonNode vm : report.get("vms")) if (vm.get("compatibleTargets").size() > 0) withTarget++;
    assertThat(withTarget * 2).isGreaterThan(report.get("vms").size());
    JsonNode inv = JSON.readTree(Path.of("examples/datacenter.json").toFile());
    assertThat(inv.get("hosts").size()).isGreaterThanOrEqualTo(8);
    assertThat(inv.get("vms").size()).isGreaterThanOrEqualTo(30);
  }

  @Test
  void the_clean_example_exits_0() {
    Cli r = Cli.run("validate", "examples/clean.json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("0 errors, 0 warnings");
  }

  @Test
  void the_evacuation_plan_fails_at_the_move_that_overflows_the_target() throws Exception {
    Cli r = Cli.run("validate", "examples/datacenter.json", "--plan", "examples/evacuate-esx-a1.plan.json", "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode findings = JSON.readTree(r.out()).get("findings");
    List<String> capacity = new ArrayList<>();
    findings.forEach(f -> { if (f.get("rule").asText().equals("resources.capacity")) capacity.add(f.get("vm").asText() + "@" + f.get("step").asInt()); });
    assertThat(capacity).containsExactly("web-01@2");
  }

  @Test
  void json_report_keeps_its_contract_and_sorts_findings_by_vm_target_rule() throws Exception {
    JsonNode report = JSON.readTree(Cli.run("validate", "--format", "json").out());
    assertThat(report.fieldNames()).toIterable().contains("findings", "vms", "summary");
    List<String> keys = new ArrayList<>();
    for (JsonNode f : report.get("findings")) {
      assertThat(f.fieldNames()).toIterable().contains("rule", "severity", "vm", "source", "target", "message");
      keys.add(f.get("vm").asText() + "\u0000" + f.get("target").asText() + "\u0000" + f.get("rule").asText());
    }
    assertThat(keys).isSortedAccordingTo(Comparator.naturalOrder());
    JsonNode s = report.get("summary");
    assertThat(s.get("errors").asInt() + s.get("warnings").asInt() + s.get("infos").asInt()).isEqualTo(report.get("findings").size());
    assertThat(s.get("pairs").asInt()).isPositive();
  }

  @Test
  void the_same_input_gives_byte_identical_output() {
    assertThat(Cli.run("validate", "--format", "json").out()).isEqualTo(Cli.run("validate", "--format", "json").out());
  }

  @Test
  void fail_on_warning_turns_a_warning_into_exit_1() throws Exception {
    Path inv = write("w.json", Fixture.twoHosts().with(f -> f.host(1).with("cpu").put("model", 106)).json());
    assertThat(Cli.run("validate", inv.toString()).code()).isZero();
    assertThat(Cli.run("validate", inv.toString(), "--fail-on", "warning").code()).isEqualTo(1);
  }

  @Test
  void scope_all_widens_the_targets_to_other_clusters() throws Exception {
    Path inv = write("s.json", Fixture.twoHosts().with(f -> f.host(1).put("cluster", "c2")).json());
    assertThat(JSON.readTree(Cli.run("validate", inv.toString(), "--format", "json").out()).at("/summary/pairs").asInt()).isZero();
    assertThat(JSON.readTree(Cli.run("validate", inv.toString(), "--format", "json", "--scope", "all").out()).at("/summary/pairs").asInt()).isEqualTo(1);
  }

  @Test
  void usage_errors_exit_2_with_the_accepted_values_and_nothing_on_stdout() {
    for (String[] args : List.of(
        new String[] {"validate", "--format", "yaml"},
        new String[] {"validate", "--scope", "world"},
        new String[] {"validate", "--fail-on", "never"},
        new String[] {"validate", "--detail", "some"},
        new String[] {"validate", "--min-severity", "fatal"},
        new String[] {"validate", "--sarif-granularity", "host"},
        new String[] {"validate", "--bogus"},
        new String[] {"validate", "a.json", "b.json"},
        new String[] {"frobnicate"},
        new String[] {})) {
      Cli r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.out()).as(String.join(" ", args)).isEmpty();
      assertThat(r.err()).as(String.join(" ", args)).isNotBlank().doesNotContain("\tat ");
    }
    assertThat(Cli.run("validate", "--format", "yaml").err()).contains("accepted values are csv, html, json, junit, sarif, summary, text");
  }

  @Test
  void bad_inventories_exit_2_with_the_place_and_no_partial_report() throws Exception {
    List<Path> bad = List.of(
        write("malformed.json", "{\"hosts\": [}"),
        write("empty.json", ""),
        dir.resolve("missing.json"),
        write("typo.json", Fixture.twoHosts().with(f -> f.vm(0).put("memoryMB", 4)).json()),
        write("ref.json", Fixture.twoHosts().with(f -> f.vm(0).put("host", "nope")).json()));
    for (Path p : bad) {
      Cli r = Cli.run("validate", p.toString());
      assertThat(r.code()).as(p.toString()).isEqualTo(2);
      assertThat(r.out()).as(p.toString()).isEmpty();
      assertThat(r.err()).as(p.toString()).startsWith(p.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  @Test
  void a_bad_plan_file_exits_2_naming_the_unknown_vm() throws Exception {
    Path plan = write("plan.json", "{\"migrations\": [{\"vm\": \"web-1\", \"target\": \"esx-a2\"}]}");
    Cli r = Cli.run("validate", "--plan", plan.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("migrations[0].vm: unknown VM \"web-1\"");
  }

  @Test
  void help_prints_the_options_and_exits_0() {
    Cli r = Cli.run("validate", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--plan").contains("--scope").contains("--format").contains("--fail-on");
  }
}

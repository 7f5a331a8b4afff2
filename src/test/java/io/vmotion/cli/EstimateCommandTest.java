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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EstimateCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<String> names(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void help_shows_both_forms_units_and_exit_codes() {
    Cli r = Cli.run("estimate", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("vmotion estimate --memory-mb M --link-mbps B", "vmotion estimate INVENTORY [--vm NAME]",
        "MiB/s", "Mbit/s", "needs-sdps", "Exit codes");
    assertThat(Cli.run("help").out()).contains("estimate");
  }

  @Test
  void the_json_has_the_contract_fields_with_their_types() throws Exception {
    Cli r = Cli.run("estimate", "--memory-mb", "65536", "--link-mbps", "10000", "--dirty-mbps", "200", "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(names(o)).containsSubsequence("rounds", "totalSeconds", "downtimeMs", "converges", "verdict");
    assertThat(o.get("rounds")).hasSize(4);
    for (int i = 0; i < 4; i++) {
      JsonNode round = o.get("rounds").get(i);
      assertThat(round.get("round").asInt()).isEqualTo(i);
      assertThat(round.get("megabytes").isNumber()).isTrue();
      assertThat(round.get("seconds").isNumber()).isTrue();
    }
    assertThat(o.get("rounds").get(0).get("megabytes").asDouble()).isEqualTo(65536);
    assertThat(o.get("totalSeconds").asDouble()).isBetween(74.0, 77.0);
    assertThat(o.get("downtimeMs").asDouble()).isBetween(0.0, 500.0);
    assertThat(o.get("converges").isBoolean()).isTrue();
    assertThat(o.get("verdict").asText()).isIn("ok", "needs-sdps", "fails");
  }

  @Test
  void the_same_parameters_print_the_same_bytes() {
    String[] args = {"estimate", "--memory-mb", "12345.5", "--link-mbps", "25000", "--dirty-mbps", "321.7", "--hot-set-mb", "17",
        "--concurrent", "3", "--format", "json"};
    assertThat(Cli.run(args).out()).isEqualTo(Cli.run(args).out());
    String[] text = {"estimate", "--memory-mb", "12345.5", "--link-mbps", "25000", "--dirty-mbps", "321.7"};
    assertThat(Cli.run(text).out()).isEqualTo(Cli.run(text).out()).contains("round", "verdict");
  }

  @Test
  void a_guest_that_outruns_the_link_needs_sdps_and_a_stun_beyond_100_seconds_exits_1() throws Exception {
    Cli sdps = Cli.run("estimate", "--memory-mb", "65536", "--link-mbps", "1000", "--dirty-mbps", "150", "--format", "json");
    assertThat(sdps.code()).isZero();
    assertThat(JSON.readTree(sdps.out()).get("verdict").asText()).isEqualTo("needs-sdps");
    assertThat(JSON.readTree(sdps.out()).get("converges").asBoolean()).isFalse();

    Cli fails = Cli.run("estimate", "--memory-mb", "16384", "--link-mbps", "1000", "--device-state-mb", "24576");
    assertThat(fails.code()).isEqualTo(1);
    assertThat(fails.out()).contains("verdict    fails");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--link-mbps 10000|--memory-mb M is required",
      "--memory-mb 1024|--link-mbps B is required",
      "--memory-mb lots --link-mbps 10000|--memory-mb lots: not a number; give MiB",
      "--memory-mb 0 --link-mbps 10000|--memory-mb 0: must be above 0",
      "--memory-mb 1024 --link-mbps 10000 --dirty-mbps -5|--dirty-mbps -5: must be at least 0",
      "--memory-mb 1024 --link-mbps 10000 --dirty-mbps NaN|--dirty-mbps NaN: not a number",
      "--memory-mb 1024 --link-mbps 10000 --hot-set-mb 2048|--hot-set-mb 2048: cannot exceed --memory-mb 1024",
      "--memory-mb 1024 --link-mbps 10000 --concurrent 0|--concurrent 0: must be a whole number from 1 to 1024",
      "--memory-mb 1024 --link-mbps 10000 --concurrent 2.5|--concurrent 2.5: not a whole number",
      "--memory-mb 1024 --link-mbps 10000 --efficiency 1.5|--efficiency 1.5: must be at most 1",
      "--memory-mb 1024 --link-mbps 10000 --format xml|--format xml: accepted values are json, text",
      "--memory-mb 1024 --link-mbps 10000 --vm web-01|--vm names a VM of an inventory",
      "--memory-mb 1024 --link-mbps 10000 --speed 3|Unrecognized option: --speed"})
  void bad_usage_exits_2_naming_the_flag_and_never_with_a_stack_trace(String args, String message) {
    List<String> argv = new ArrayList<>(List.of("estimate"));
    argv.addAll(List.of(args.split(" ")));
    Cli r = Cli.run(argv.toArray(String[]::new));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message).contains("vmotion estimate --help").doesNotContain("Exception", "\tat ");
    assertThat(r.out()).isEmpty();
  }

  Path inventory(Fixture f) throws Exception {
    Path p = dir.resolve("inventory.json");
    Files.writeString(p, f.json());
    return p;
  }

  @Test
  void an_inventory_is_estimated_per_powered_on_vm_over_its_hosts_vmotion_adapters() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> {
      f.vm(0).put("dirtyRateMbps", 100).put("hotSetMb", 32);
      f.root().withArray("vms").addObject().put("name", "vm2").put("host", "h2").put("powerState", "poweredOn")
          .put("hardwareVersion", 19).put("guestOs", "rhel9_64Guest").put("vcpus", 2).put("memoryMb", 4096).put("activeMemoryMb", 512);
      f.root().withArray("vms").addObject().put("name", "off").put("host", "h2").put("powerState", "poweredOff")
          .put("hardwareVersion", 19).put("guestOs", "rhel9_64Guest").put("vcpus", 2).put("memoryMb", 4096);
    }));
    Cli r = Cli.run("estimate", inv.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.get("estimates")).hasSize(2);
    JsonNode first = o.get("estimates").get(0);
    assertThat(first.get("vm").asText()).isEqualTo("vm1");
    assertThat(names(first)).contains("rounds", "totalSeconds", "downtimeMs", "converges", "verdict");
    assertThat(first.get("input").get("linkMbps").asDouble()).isEqualTo(10000);
    assertThat(first.get("input").get("dirtyMbps").asDouble()).isEqualTo(100);
    assertThat(first.get("input").get("hotSetMb").asDouble()).isEqualTo(32);
    JsonNode second = o.get("estimates").get(1);
    assertThat(second.get("input").get("hotSetMb").asDouble()).isEqualTo(512);
    assertThat(second.get("assumptions").get(0).asText()).contains("active memory");
    assertThat(o.get("summary").get("vms").asInt()).isEqualTo(2);

    Cli text = Cli.run("estimate", inv.toString());
    assertThat(text.out()).contains("vm1", "dirty+hot set", "vm2", "active memory", "2 VMs: 2 ok").doesNotContain("off ");
  }

  @Test
  void one_vm_of_an_inventory_is_shown_in_detail_and_its_json_is_the_contract() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> f.vm(0).put("dirtyRateMbps", 50)));
    Cli text = Cli.run("estimate", inv.toString(), "--vm", "vm1");
    assertThat(text.code()).isZero();
    assertThat(text.out()).contains("VM vm1 on h1", "8192 MiB over 10000 Mbit/s", "assumed: hot set unknown", "verdict    ok");
    JsonNode o = JSON.readTree(Cli.run("estimate", inv.toString(), "--vm", "vm1", "--format", "json", "--concurrent", "4").out());
    assertThat(names(o)).startsWith("vm", "host").contains("rounds", "totalSeconds", "downtimeMs", "converges", "verdict");
    assertThat(o.get("input").get("concurrent").asInt()).isEqualTo(4);
  }

  @Test
  void a_vgpu_vm_whose_frame_buffer_outlasts_the_switchover_maximum_fails_with_exit_1() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> {
      f.host(0).withArray("vmotionNics").removeAll().addObject().put("name", "vmk1").put("speedMbps", 1000);
      f.vm(0).putArray("devices").addObject().put("type", "vgpu").put("name", "PCI device 0").put("profile", "grid_p40-24q");
    }));
    Cli r = Cli.run("estimate", inv.toString(), "--vm", "vm1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("24576 MiB frame buffer", "verdict    fails");
  }

  @Test
  void bad_memory_facts_in_the_inventory_exit_2_with_their_json_path() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> f.vm(0).put("dirtyRateMbps", "fast").put("hotSetMb", 9000)));
    Cli r = Cli.run("estimate", inv.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("vms[0].dirtyRateMbps: expected a number (MiB/s)", "vms[0].hotSetMb: cannot exceed the VM's memoryMb")
        .doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void with_an_inventory_a_vms_own_facts_cannot_be_given_as_flags_and_unknown_or_powered_off_vms_are_named() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> f.root().withArray("vms").addObject().put("name", "vm-off").put("host", "h2")
        .put("powerState", "poweredOff").put("hardwareVersion", 19).put("guestOs", "rhel9_64Guest").put("vcpus", 2).put("memoryMb", 4096)));
    Cli facts = Cli.run("estimate", inv.toString(), "--dirty-mbps", "10");
    assertThat(facts.code()).isEqualTo(2);
    assertThat(facts.err()).contains("--dirty-mbps describes one VM", "dirtyRateMbps");

    Cli unknown = Cli.run("estimate", inv.toString(), "--vm", "vm01");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--vm vm01: no VM of that name in the inventory; closest: vm1");

    Cli off = Cli.run("estimate", inv.toString(), "--vm", "vm-off");
    assertThat(off.code()).isEqualTo(2);
    assertThat(off.err()).contains("--vm vm-off: the VM is poweredOff");
  }

  @Test
  void vms_on_a_host_without_a_vmotion_adapter_are_listed_as_not_estimated_unless_a_link_speed_is_given() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> f.host(0).remove("vmotionNics")));
    Cli r = Cli.run("estimate", inv.toString(), "--format", "json");
    assertThat(r.code()).isZero();
    JsonNode o = JSON.readTree(r.out());
    assertThat(o.get("estimates")).isEmpty();
    assertThat(o.get("notEstimated").get(0).get("reason").asText()).contains("host h1 has no vMotion adapter", "--link-mbps");

    Cli one = Cli.run("estimate", inv.toString(), "--vm", "vm1");
    assertThat(one.code()).isEqualTo(2);
    assertThat(one.err()).contains("--link-mbps");

    Cli given = Cli.run("estimate", inv.toString(), "--vm", "vm1", "--link-mbps", "25000", "--format", "json");
    assertThat(given.code()).isZero();
    assertThat(JSON.readTree(given.out()).get("input").get("linkMbps").asDouble()).isEqualTo(25000);
  }

  @Test
  void a_host_whose_vmotion_adapters_an_import_left_unknown_is_used_with_a_note() throws Exception {
    Path inv = inventory(Fixture.twoHosts().with(f -> f.host(0).putArray("unknown").add("vmotionNics")));
    JsonNode o = JSON.readTree(Cli.run("estimate", inv.toString(), "--vm", "vm1", "--format", "json").out());
    assertThat(o.get("assumptions").toString()).contains("host h1: vMotion adapters marked unknown; the 10000 Mbit/s listed is used");
  }

  @Test
  void the_bundled_example_is_estimated() {
    Cli r = Cli.run("estimate", "examples/datacenter.json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("web-01", "not estimated: edge-cam-01");
    assertThat(List.of(r.out().split("\n"))).anySatisfy(line -> assertThat(line).matches("\\d+ VMs: .*"));
  }
}

package io.vmotion.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryReaderTest {

  static final Set<String> EVC = Set.of("intel-broadwell", "intel-skylake");
  final InventoryReader reader = new InventoryReader(EVC);

  String problems(String json) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> reader.read("inv.json", json));
    assertThat(e).as("expected the inventory to be refused").isNotNull();
    return e.render();
  }

  @Test
  void reads_the_fixture_with_defaults_applied() throws Exception {
    Inventory inv = reader.read("inv.json", Fixture.twoHosts().json());
    assertThat(inv.hosts()).hasSize(2);
    assertThat(inv.hosts().get(0).state()).isEqualTo(HostState.CONNECTED);
    assertThat(inv.hosts().get(0).maintenanceMode()).isFalse();
    assertThat(inv.vms().get(0).reservation()).isEqualTo(Reservation.NONE);
    assertThat(inv.vms().get(0).cpuFeatures()).isEmpty();
    assertThat(inv.hosts().get(0).version()).isEqualTo(new EsxiVersion(8, 0, 2));
  }

  @Test
  void malformed_json_names_line_column_and_what_was_expected_with_a_caret() {
    String out = problems("{\n  \"hosts\": [\n    {\"name\": \"h1\",}\n  ]\n}\n");
    assertThat(out).startsWith("inv.json:3:");
    assertThat(out).contains("malformed JSON").contains("double-quote to start field name");
    assertThat(out).contains("    {\"name\": \"h1\",}\n").contains("^");
  }

  @Test
  void an_empty_file_is_refused_with_what_was_expected() {
    assertThat(problems("  \n")).contains("inv.json: the file is empty");
  }

  @Test
  void a_missing_file_is_named() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> reader.read(Path.of("no/such/inventory.json")));
    assertThat(e.render()).contains("no/such/inventory.json: no such file");
  }

  @Test
  void a_wrong_type_names_the_json_path_and_its_position() {
    String out = problems(Fixture.twoHosts().with(f -> f.vm(0).put("memoryMb", "lots")).json());
    assertThat(out).contains("vms[0].memoryMb: expected a whole number, found the string \"lots\"");
    assertThat(out).containsPattern("inv\\.json:\\d+:\\d+: vms\\[0\\]\\.memoryMb");
  }

  @Test
  void a_negative_size_is_refused() {
    assertThat(problems(Fixture.twoHosts().with(f -> f.vm(0).put("memoryMb", -1)).json()))
        .contains("vms[0].memoryMb: must not be negative, found -1");
  }

  @Test
  void a_missing_required_field_is_named() {
    assertThat(problems(Fixture.twoHosts().with(f -> f.host(1).remove("license")).json()))
        .contains("hosts[1].license: required field is missing");
  }

  @Test
  void an_unknown_enum_value_lists_the_accepted_values() {
    String out = problems(Fixture.twoHosts().with(f -> f.vm(0).put("powerState", "running")).json());
    assertThat(out).contains("vms[0].powerState: unknown value \"running\"; accepted values: poweredOn, poweredOff, suspended");
    assertThat(problems(Fixture.twoHosts().with(f -> f.host(0).put("license", "enterprise_plus")).json()))
        .contains("did you mean \"enterprise-plus\"");
  }

  @Test
  void an_unknown_evc_mode_lists_the_known_ones() {
    assertThat(problems(Fixture.twoHosts().with(f -> f.host(0).put("evcMode", "intel-skylak")).json()))
        .contains("hosts[0].evcMode: unknown EVC mode \"intel-skylak\" (did you mean \"intel-skylake\"?)");
  }

  @Test
  void a_misspelt_field_is_refused_with_the_closest_known_name() {
    String out = problems(Fixture.twoHosts().with(f -> f.vm(0).put("memoryMB", 1)).json());
    assertThat(out).contains("vms[0].memoryMB: unknown field; did you mean \"memoryMb\"?");
  }

  @Test
  void every_unknown_reference_and_duplicate_is_listed_not_just_the_first() {
    String out = problems(Fixture.twoHosts().with(f -> {
      f.vm(0).put("host", "h9");
      f.addVm("vm2", "h8");
      f.addVm("vm2", "h1");
      f.host(1).put("name", "h1");
      f.root().putArray("migrations").add(Fixture.JSON.createObjectNode().put("vm", "vm7").put("target", "h3"));
    }).json());
    assertThat(out).contains("hosts[1].name: duplicate host name \"h1\"");
    assertThat(out).contains("vms[2].name: duplicate VM name \"vm2\"");
    assertThat(out).contains("vms[0].host: unknown host \"h9\"");
    assertThat(out).contains("vms[1].host: unknown host \"h8\"");
    assertThat(out).contains("migrations[0].vm: unknown VM \"vm7\"");
    assertThat(out).contains("migrations[0].target: unknown host \"h3\"");
  }

  @Test
  void deep_nesting_is_refused_cleanly() {
    String deep = "{\"hosts\": " + "[".repeat(5000) + "]".repeat(5000) + "}";
    assertThat(problems(deep)).contains("nesting deeper than");
  }

  @Test
  void a_file_over_the_size_limit_is_refused_before_it_is_read(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.json");
    Files.writeString(big, Fixture.twoHosts().json());
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> new InventoryReader(EVC, 100).read(big));
    assertThat(e.render()).contains("larger than 100 bytes are refused");
  }

  @Test
  void a_top_level_array_is_refused() {
    assertThat(problems("[]")).contains("expected a JSON object with \"hosts\" and \"vms\", found an array");
  }

  @Test
  void a_bad_mac_and_a_bad_version_are_explained() {
    String out = problems(Fixture.twoHosts().with(f -> {
      f.host(0).put("version", "eight");
      ((com.fasterxml.jackson.databind.node.ObjectNode) f.vm(0).withArray("nics").get(0)).put("mac", "zz");
    }).json());
    assertThat(out).contains("hosts[0].version: \"eight\" is not an ESXi version");
    assertThat(out).contains("vms[0].nics[0].mac: \"zz\" is not a MAC address");
  }

  @Test
  void esxi_versions_order_by_update() {
    assertThat(EsxiVersion.parse("7.0.3")).isGreaterThan(EsxiVersion.parse("7.0.2"));
    assertThat(EsxiVersion.parse("8.0")).isEqualTo(new EsxiVersion(8, 0, 0));
    assertThat(EsxiVersion.parse("7.0.3").display()).isEqualTo("7.0 U3");
  }
}

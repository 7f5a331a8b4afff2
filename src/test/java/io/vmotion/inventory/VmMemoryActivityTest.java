package io.vmotion.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.vmotion.testing.Fixture;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The optional VM fields the duration estimate reads: activeMemoryMb, dirtyRateMbps (MiB/s), hotSetMb. */
class VmMemoryActivityTest {

  static final JsonSchema SCHEMA = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
      .getSchema(Path.of("docs/inventory.schema.json").toUri());
  static final ObjectMapper JSON = new ObjectMapper();
  final InventoryReader reader = new InventoryReader(Set.of("intel-skylake"));

  String problems(Consumer<Fixture> change) {
    Fixture f = Fixture.twoHosts();
    change.accept(f);
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> reader.read("inv.json", f.json()));
    assertThat(e).as("expected the inventory to be refused").isNotNull();
    return e.render();
  }

  @Test
  void the_three_fields_are_read_when_given_and_empty_when_not() throws Exception {
    Vm plain = reader.read("inv.json", Fixture.twoHosts().json()).vms().get(0);
    assertThat(plain.activeMemoryMb()).isEmpty();
    assertThat(plain.dirtyRateMbps()).isEmpty();
    assertThat(plain.hotSetMb()).isEmpty();

    Fixture f = Fixture.twoHosts().with(x -> x.vm(0).put("activeMemoryMb", 2048).put("dirtyRateMbps", 37.5).put("hotSetMb", 64));
    Vm vm = reader.read("inv.json", f.json()).vms().get(0);
    assertThat(vm.activeMemoryMb()).hasValue(2048);
    assertThat(vm.dirtyRateMbps()).hasValue(37.5);
    assertThat(vm.hotSetMb()).hasValue(64);
    assertThat(SCHEMA.validate(JSON.readTree(f.json()))).isEmpty();
  }

  @Test
  void a_whole_dirty_rate_is_a_number_too() throws Exception {
    Vm vm = reader.read("inv.json", Fixture.twoHosts().with(x -> x.vm(0).put("dirtyRateMbps", 200)).json()).vms().get(0);
    assertThat(vm.dirtyRateMbps()).hasValue(200.0);
  }

  @Test
  void bad_values_are_refused_with_their_json_path_and_what_is_expected() {
    assertThat(problems(f -> f.with(x -> x.vm(0).put("dirtyRateMbps", "fast"))))
        .containsPattern("inv\\.json:\\d+:\\d+: vms\\[0\\]\\.dirtyRateMbps: expected a number \\(MiB/s\\), found the string \"fast\"");
    assertThat(problems(f -> f.with(x -> x.vm(0).put("dirtyRateMbps", -1))))
        .contains("vms[0].dirtyRateMbps: must not be negative, found -1");
    assertThat(problems(f -> f.with(x -> x.vm(0).put("dirtyRateMbps", 2e6))))
        .contains("vms[0].dirtyRateMbps: must be at most 1048576 MiB/s, found 2000000");
    assertThat(problems(f -> f.with(x -> x.vm(0).put("activeMemoryMb", 1.5))))
        .contains("vms[0].activeMemoryMb: expected a whole number, found the number 1.5");
    assertThat(problems(f -> f.with(x -> x.vm(0).put("hotSetMb", -4))))
        .contains("vms[0].hotSetMb: must not be negative, found -4");
  }

  @Test
  void active_memory_and_the_hot_set_cannot_exceed_the_vms_memory() {
    String out = problems(f -> f.with(x -> x.vm(0).put("activeMemoryMb", 9000).put("hotSetMb", 8193)));
    assertThat(out).contains("vms[0].activeMemoryMb: cannot exceed the VM's memoryMb (8192 MiB), found 9000");
    assertThat(out).contains("vms[0].hotSetMb: cannot exceed the VM's memoryMb (8192 MiB), found 8193");
  }

  @Test
  void a_misspelt_field_gets_the_known_name() {
    assertThat(problems(f -> f.with(x -> x.vm(0).put("dirtyRateMBps", 10)))).contains("did you mean \"dirtyRateMbps\"");
  }

  @Test
  void the_schema_refuses_what_the_reader_refuses() throws Exception {
    for (Consumer<ObjectNode> bad : List.<Consumer<ObjectNode>>of(
        v -> v.put("dirtyRateMbps", "fast"), v -> v.put("dirtyRateMbps", -1), v -> v.put("activeMemoryMb", 1.5),
        v -> v.put("hotSetMb", -4), v -> v.put("dirtyRateMbps", 2e6))) {
      Fixture f = Fixture.twoHosts().with(x -> bad.accept(x.vm(0)));
      assertThat(SCHEMA.validate(JSON.readTree(f.json()))).as(f.json()).isNotEmpty();
    }
  }

  @Test
  void renaming_a_vm_keeps_its_memory_activity() throws Exception {
    Fixture f = Fixture.twoHosts().with(x -> x.vm(0).put("activeMemoryMb", 2048).put("dirtyRateMbps", 1.25).put("hotSetMb", 8));
    Vm vm = reader.read("inv.json", f.json()).vms().get(0).withNames("other", "h2");
    assertThat(vm.activeMemoryMb()).hasValue(2048);
    assertThat(vm.dirtyRateMbps()).hasValue(1.25);
    assertThat(vm.hotSetMb()).hasValue(8);
  }
}

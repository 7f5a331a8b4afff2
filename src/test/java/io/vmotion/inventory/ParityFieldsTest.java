package io.vmotion.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import io.vmotion.testing.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fields of vCenter parity are read strictly: every problem with its JSON path, every reference checked. */
class ParityFieldsTest {

  final InventoryReader reader = new InventoryReader(Set.of());

  static JsonNode json(String text) {
    try {
      return Fixture.JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String problems(Fixture f) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> reader.read("inv.json", f.json()));
    assertThat(e).as("expected the inventory to be refused").isNotNull();
    return e.render();
  }

  static Fixture full() {
    return Fixture.twoHosts().with(f -> {
      f.vm(0).set("devices", json("[{'type': 'cdrom', 'name': 'CD/DVD drive 1', 'backing': 'datastore', 'datastore': 'iso', 'connected': false},"
          + " {'type': 'vgpu', 'profile': 'grid_a100-8c', 'vgpuMemoryMb': 8192}, {'type': 'floppy'}, {'type': 'parallel', 'backing': 'file'}]"));
      f.vm(0).set("scsiControllers", json("[{'name': 'SCSI controller 0'}, {'name': 'SCSI controller 1', 'busSharing': 'physical'}]"));
      f.vm(0).set("cpuAffinity", json("[0, 1]"));
      f.vm(0).set("memoryAffinity", json("[1]"));
      f.vm(0).set("ft", json("{'role': 'primary', 'partnerHost': 'h2'}"));
      ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(0).withArray("vmotionNics").get(0)).put("duplex", "half").put("linkUp", false)
          .put("portGroup", "vMotion");
      f.host(1).set("gpuProfiles", Fixture.strings("grid_a100-8c"));
      f.root().set("clusters", json("[{'name': 'c1', 'vmGroups': {'g': ['vm1']}, 'hostGroups': {'hg': ['h2']}, 'rules': ["
          + "{'name': 'r1', 'type': 'vm-host', 'vmGroup': 'g', 'hostGroup': 'hg', 'affine': true, 'mandatory': false},"
          + "{'name': 'r2', 'type': 'vm-vm', 'vms': ['vm1', 'vm1b'], 'affine': false, 'enabled': false}]}]"));
      f.addVm("vm1b", "h2").remove(List.of("devices", "scsiControllers", "cpuAffinity", "memoryAffinity", "ft"));
      f.root().set("vcenter", json("{'vgpuHotMigrate': true}"));
    });
  }

  @Test
  void every_parity_field_is_read_with_its_defaults() throws Exception {
    Inventory inv = reader.read("inv.json", full().json());
    Vm vm = inv.vms().get(0);
    assertThat(vm.devices()).containsExactly(new VmDevice("cdrom", "CD/DVD drive 1", null, "datastore", false, "iso", null),
        new VmDevice("vgpu", null, "grid_a100-8c", null, true, null, 8192L), new VmDevice("floppy", null, null, null, true, null, null),
        new VmDevice("parallel", null, null, "file", true, null, null));
    assertThat(vm.scsiControllers()).containsExactly(new ScsiController("SCSI controller 0", "none"), new ScsiController("SCSI controller 1", "physical"));
    assertThat(vm.cpuAffinity()).containsExactly(0, 1);
    assertThat(vm.memoryAffinity()).containsExactly(1);
    assertThat(vm.ft()).isEqualTo(new FaultTolerance("primary", "h2"));
    assertThat(inv.hosts().get(0).vmotionNics()).containsExactly(new VmotionNic("vmk1", 10000, 9000, "half", false, "vMotion"));
    assertThat(inv.hosts().get(1).vmotionNics()).containsExactly(new VmotionNic("vmk1", 10000, 9000, "full", true, null));
    assertThat(inv.hosts().get(1).gpuProfiles()).containsExactly("grid_a100-8c");
    assertThat(inv.clusters()).singleElement().satisfies(c -> {
      assertThat(c.vmGroups()).containsEntry("g", List.of("vm1"));
      assertThat(c.rules()).containsExactly(new ClusterRule("r1", "vm-host", "g", "hg", List.of(), true, false, true),
          new ClusterRule("r2", "vm-vm", null, null, List.of("vm1", "vm1b"), false, false, false));
    });
    assertThat(inv.vcenter()).isEqualTo(new Vcenter(true, Set.of()));
  }

  @Test
  void without_the_new_fields_an_inventory_reads_as_before_and_vgpu_migration_is_off() throws Exception {
    Inventory inv = reader.read("inv.json", Fixture.twoHosts().json());
    assertThat(inv.clusters()).isEmpty();
    assertThat(inv.vcenter().vgpuHotMigrate()).isFalse();
    assertThat(inv.vms().get(0).ft()).isNull();
    assertThat(inv.hosts().get(0).vmotionNics().get(0).linkUp()).isTrue();
  }

  @Test
  void a_wrong_backing_a_misplaced_datastore_and_a_frame_buffer_on_a_cdrom_are_refused_at_their_paths() {
    String out = problems(Fixture.twoHosts().with(f -> f.vm(0).set("devices", json("[{'type': 'usb', 'backing': 'file'},"
        + " {'type': 'cdrom', 'backing': 'datastore'}, {'type': 'cdrom', 'backing': 'host', 'datastore': 'ds1'},"
        + " {'type': 'cdrom', 'vgpuMemoryMb': 1}, {'type': 'sriov', 'backing': 'host'}, {'type': 'serial', 'backing': 'tcp'}]"))));
    assertThat(out).contains("vms[0].devices[0].backing: a usb device cannot have backing \"file\"; accepted values: host, client");
    assertThat(out).contains("vms[0].devices[1].datastore: required field is missing");
    assertThat(out).contains("vms[0].devices[2].datastore: only a device with backing \"datastore\" has a datastore");
    assertThat(out).contains("vms[0].devices[3].vgpuMemoryMb: only a vgpu device has a vGPU frame buffer");
    assertThat(out).contains("vms[0].devices[4].backing: a sriov device has no backing to state");
    assertThat(out).contains("vms[0].devices[5].backing: unknown value \"tcp\"; accepted values: host, client, file, datastore, uri, pipe, none");
  }

  @Test
  void bad_bus_sharing_affinity_ft_and_link_values_are_refused_at_their_paths() {
    String out = problems(Fixture.twoHosts().with(f -> {
      f.vm(0).set("scsiControllers", json("[{'name': 'SCSI controller 0', 'busSharing': 'shared'}, {'busSharing': 'none'}]"));
      f.vm(0).set("cpuAffinity", json("[-1, 'x']"));
      f.vm(0).set("memoryAffinity", json("[5000]"));
      f.vm(0).set("ft", json("{'role': 'tertiary', 'partnerHost': 'h2'}"));
      ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(0).withArray("vmotionNics").get(0)).put("duplex", "auto").put("linkUp", "yes");
    }));
    assertThat(out).contains("vms[0].scsiControllers[0].busSharing: unknown value \"shared\"; accepted values: none, virtual, physical");
    assertThat(out).contains("vms[0].scsiControllers[1].name: required field is missing");
    assertThat(out).contains("vms[0].cpuAffinity[0]: must be from 0 to 4095, found -1");
    assertThat(out).contains("vms[0].cpuAffinity[1]: expected a whole number");
    assertThat(out).contains("vms[0].memoryAffinity[0]: must be from 0 to 1023, found 5000");
    assertThat(out).contains("vms[0].ft.role: unknown value \"tertiary\"; accepted values: primary, secondary");
    assertThat(out).contains("hosts[0].vmotionNics[0].duplex: unknown value \"auto\"; accepted values: full, half");
    assertThat(out).contains("hosts[0].vmotionNics[0].linkUp: expected true or false");
  }

  @Test
  void group_members_rule_groups_and_ft_partners_must_exist_each_named_at_its_path() {
    String out = problems(Fixture.twoHosts().with(f -> {
      f.vm(0).set("ft", json("{'role': 'secondary', 'partnerHost': 'h9'}"));
      f.root().set("clusters", json("[{'name': 'c1', 'vmGroups': {'g': ['vm1', 'vm7']}, 'hostGroups': {'hg': ['h2', 'h8']}, 'rules': ["
          + "{'name': 'r1', 'type': 'vm-host', 'vmGroup': 'gg', 'hostGroup': 'hx', 'affine': true, 'mandatory': true},"
          + "{'name': 'r2', 'type': 'vm-vm', 'vms': ['vm1', 'vm2'], 'affine': true}]}, {'name': 'c9'}]"));
    }));
    assertThat(out).contains("vms[0].ft.partnerHost: unknown host \"h9\"");
    assertThat(out).contains("clusters[0].vmGroups.g[1]: unknown VM \"vm7\"");
    assertThat(out).contains("clusters[0].hostGroups.hg[1]: unknown host \"h8\"");
    assertThat(out).contains("clusters[0].rules[0].vmGroup: unknown VM group \"gg\" (did you mean \"g\"?)");
    assertThat(out).contains("clusters[0].rules[0].hostGroup: unknown host group \"hx\"");
    assertThat(out).contains("clusters[0].rules[1].vms[1]: unknown VM \"vm2\" (did you mean \"vm1\"?)");
    assertThat(out).contains("clusters[1].name: no host is in cluster \"c9\"");
  }

  @Test
  void a_rule_of_one_type_refuses_the_fields_of_the_other_and_needs_its_own() {
    String out = problems(Fixture.twoHosts().with(f -> f.root().set("clusters", json("[{'name': 'c1', 'rules': ["
        + "{'name': 'r1', 'type': 'vm-vm', 'vms': ['vm1'], 'affine': true, 'mandatory': true},"
        + "{'name': 'r2', 'type': 'vm-host', 'vmGroup': 'g', 'hostGroup': 'hg'}]}]"))));
    assertThat(out).contains("clusters[0].rules[0].mandatory: unknown field");
    assertThat(out).contains("clusters[0].rules[0].vms: a VM-VM rule names at least two VMs, found 1");
    assertThat(out).contains("clusters[0].rules[1].affine: required field is missing");
    assertThat(out).contains("clusters[0].rules[1].mandatory: required field is missing");
  }

  @Test
  void an_ft_pair_on_one_host_and_a_partner_left_out_without_marking_ft_unknown_are_refused() throws Exception {
    assertThat(problems(Fixture.twoHosts().with(f -> f.vm(0).set("ft", json("{'role': 'primary', 'partnerHost': 'h1'}")))))
        .contains("vms[0].ft.partnerHost: the partner of a Fault Tolerance pair runs on another host than the VM (h1)");
    assertThat(problems(Fixture.twoHosts().with(f -> f.vm(0).set("ft", json("{'role': 'primary'}")))))
        .contains("vms[0].ft.partnerHost: required field is missing");
    Inventory inv = reader.read("inv.json", Fixture.twoHosts().with(f -> {
      f.vm(0).set("ft", json("{'role': 'primary'}"));
      f.vm(0).set("unknown", Fixture.strings("ft"));
    }).json());
    assertThat(inv.vms().get(0).ft()).isEqualTo(new FaultTolerance("primary", null));
  }

  @Test
  void the_new_unknown_names_are_accepted_and_a_vcenter_setting_can_be_unknown() throws Exception {
    Inventory inv = reader.read("inv.json", Fixture.twoHosts().with(f -> {
      f.vm(0).set("unknown", Fixture.strings("devices.serial", "scsiControllers", "cpuAffinity", "memoryAffinity", "clusterRules"));
      f.host(0).set("unknown", Fixture.strings("gpuProfiles", "hostGroups"));
      f.root().set("vcenter", json("{'unknown': ['vgpuHotMigrate']}"));
    }).json());
    assertThat(inv.vms().get(0).isUnknown("devices.serial")).isTrue();
    assertThat(inv.vms().get(0).isUnknown("devices.cdrom")).isFalse();
    assertThat(inv.vcenter().unknown()).containsExactly("vgpuHotMigrate");
    assertThat(problems(Fixture.twoHosts().with(f -> f.root().set("vcenter", json("{'unknown': ['drs']}")))))
        .contains("vcenter.unknown: \"drs\" cannot be marked unknown; accepted values: vgpuHotMigrate");
  }

  @Test
  void validate_exits_2_with_the_json_path_line_and_caret_of_a_bad_parity_field(@TempDir Path dir) throws Exception {
    Path inv = dir.resolve("inv.json");
    Files.writeString(inv, Fixture.twoHosts().with(f -> f.vm(0).set("scsiControllers", json("[{'name': 'c', 'busSharing': 'yes'}]"))).json());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run("validate", inv.toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .containsPattern("inv\\.json:\\d+:\\d+: vms\\[0\\]\\.scsiControllers\\[0\\]\\.busSharing: unknown value \"yes\"").contains("^");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}

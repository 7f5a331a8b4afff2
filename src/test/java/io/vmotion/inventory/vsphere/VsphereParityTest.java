package io.vmotion.inventory.vsphere;

import static io.vmotion.inventory.vsphere.VsphereImporterTest.host;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.inventory.ClusterRule;
import io.vmotion.inventory.FaultTolerance;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.ScsiController;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmDevice;
import io.vmotion.inventory.VmotionNic;
import io.vmotion.inventory.imports.Causes;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The facts of vCenter parity from a vSphere dump in govmomi's JSON (camelCase with "_typeName",
 * as govc 0.35 and later write it), and from the same dump in the older Go-field form without types.
 */
class VsphereParityTest {

  static final Path PARITY = Path.of("src/test/resources/import/vsphere-parity.json");

  final VsphereImporter importer = new VsphereImporter(RuleFacts.evc());

  Inventory read(JsonNode dump) throws Exception {
    ImportResult r = importer.read("parity.json", dump);
    Causes.assertAllExplainedByTheImporter(r.inventory());
    return RuleFacts.readBack(r);
  }

  static JsonNode dump() throws Exception {
    return VsphereImporterTest.JSON.readTree(PARITY.toFile());
  }

  static Vm vm(Inventory inv, String name) {
    return VsphereImporterTest.vm(inv, name);
  }

  @Test
  void devices_of_every_backing_are_read_from_their_type_names() throws Exception {
    Inventory inv = read(dump());
    assertThat(vm(inv, "gpu-01").devices()).containsExactlyInAnyOrder(
        new VmDevice("cdrom", "CD/DVD drive 1", null, "datastore", true, "iso-lib", null),
        new VmDevice("floppy", "Floppy drive 1", null, "client", false, null, null),
        new VmDevice("serial", "Serial port 1", null, "file", true, null, null),
        new VmDevice("serial", "Serial port 2", null, "uri", true, null, null),
        new VmDevice("parallel", "Parallel port 1", null, "host", true, null, null),
        new VmDevice("usb", "USB 1", null, "client", true, null, null),
        new VmDevice("vgpu", "PCI device 0", "grid_a100-8c", null, true, null, 8192L),
        // Without vgpuMigrateDataSizeMB (before vSphere 8.0 U1), the frame buffer is the profile name's 16 GB.
        new VmDevice("vgpu", "PCI device 1", "grid_a100-16c", null, true, null, 16384L));
    assertThat(vm(inv, "io-01").devices()).containsExactlyInAnyOrder(
        new VmDevice("dynamic-directpath", "PCI device 0", null, null, true, null, null),
        new VmDevice("pci-passthrough", "PCI device 1", null, null, true, null, null),
        new VmDevice("sriov", "Network adapter 1", null, null, true, null, null),
        new VmDevice("cdrom", "CD/DVD drive 1", null, "host", false, null, null));
    assertThat(vm(inv, "gpu-01").unknown()).isEmpty();
    // An ISO or a serial port's file is not where the VM's disks are: storage.shared does not ask for its datastore.
    assertThat(vm(inv, "gpu-01").datastores()).containsExactly("shared-1");
  }

  @Test
  void bus_sharing_affinity_and_an_ft_pair_are_read() throws Exception {
    Inventory inv = read(dump());
    assertThat(vm(inv, "gpu-01").scsiControllers()).containsExactly(new ScsiController("SCSI controller 0", "none"),
        new ScsiController("SCSI controller 1", "physical"));
    assertThat(vm(inv, "gpu-01").cpuAffinity()).containsExactly(0, 1);
    assertThat(vm(inv, "gpu-01").memoryAffinity()).containsExactly(0);
    // vCenter names the secondary like its primary; inventory v1 wants unique names.
    assertThat(vm(inv, "pay-gw").ft()).isEqualTo(new FaultTolerance("primary", "esx-2"));
    assertThat(vm(inv, "pay-gw #2").ft()).isEqualTo(new FaultTolerance("secondary", "esx-1"));
  }

  @Test
  void drs_groups_and_rules_host_vgpu_profiles_link_state_and_vcenters_vgpu_setting_are_read() throws Exception {
    Inventory inv = read(dump());
    assertThat(inv.clusters()).singleElement().satisfies(c -> {
      assertThat(c.name()).isEqualTo("prod");
      assertThat(c.vmGroups()).containsExactly(Map.entry("gpu-vms", List.of("gpu-01")));
      assertThat(c.hostGroups()).containsExactly(Map.entry("gpu-hosts", List.of("esx-2")));
      assertThat(c.rules()).containsExactly(new ClusterRule("gpu-on-gpu-hosts", "vm-host", "gpu-vms", "gpu-hosts", List.of(), true, true, true),
          new ClusterRule("web-apart", "vm-vm", null, null, List.of("web-01", "web-02"), false, false, true),
          new ClusterRule("web-with-io", "vm-vm", null, null, List.of("io-01", "web-01"), true, false, false));
    });
    assertThat(host(inv, "esx-2").gpuProfiles()).containsExactly("grid_a100-16c", "grid_a100-8c");
    assertThat(host(inv, "esx-1").gpuProfiles()).isEmpty();
    assertThat(host(inv, "esx-1").vmotionNics()).containsExactly(new VmotionNic("vmk1", 25000, 9000, "half", true, "vMotion"));
    assertThat(host(inv, "esx-2").vmotionNics()).containsExactly(new VmotionNic("vmk1", 25000, 9000, "full", true, "vMotion"));
    assertThat(inv.vcenter().vgpuHotMigrate()).isTrue();
    assertThat(inv.vcenter().unknown()).isEmpty();
  }

  @Test
  void without_a_vcenter_setting_in_the_dump_vgpu_migration_is_unknown_for_the_vgpu_vms_alone() throws Exception {
    ArrayNode d = (ArrayNode) dump();
    for (Iterator<JsonNode> it = d.elements(); it.hasNext(); ) if ("OptionManager".equals(it.next().path("_typeName").asText())) it.remove();
    Inventory inv = read(d);
    assertThat(inv.vcenter().unknown()).containsExactly("vgpuHotMigrate");
    assertThat(inv.unknownCauses()).filteredOn(c -> c.vmFields().contains("vgpuHotMigrate")).singleElement()
        .satisfies(c -> assertThat(c.vms()).containsExactly("gpu-01"));
  }

  @Test
  void a_dump_without_type_names_keeps_what_the_fields_tell_and_marks_the_rest_unknown() throws Exception {
    Inventory inv = read(untyped(dump()));
    Vm gpu = vm(inv, "gpu-01");
    // A file, a URI and an image say what they are; a remote floppy and a USB device of a client do not.
    assertThat(gpu.devices()).contains(new VmDevice("cdrom", "CD/DVD drive 1", null, "datastore", true, "iso-lib", null),
        new VmDevice("serial", "Serial port 1", null, "file", true, null, null), new VmDevice("serial", "Serial port 2", null, "uri", true, null, null),
        new VmDevice("vgpu", "PCI device 0", "grid_a100-8c", null, true, null, 8192L));
    assertThat(gpu.unknown()).contains("devices.floppy", "devices.usb").doesNotContain("devices.cdrom", "devices.serial");
    assertThat(vm(inv, "io-01").devices()).extracting(VmDevice::type).contains("dynamic-directpath", "pci-passthrough", "sriov", "cdrom");
    // Keep-together and keep-apart rules have the same fields: their VMs' rules are unknown, the VM-Host rule is read.
    assertThat(vm(inv, "web-01").unknown()).contains("clusterRules");
    assertThat(vm(inv, "gpu-01").unknown()).doesNotContain("clusterRules");
    assertThat(inv.clusters().get(0).rules()).extracting(ClusterRule::name).containsExactly("gpu-on-gpu-hosts");
  }

  @Test
  void a_cluster_the_dump_lacks_leaves_its_vms_drs_rules_unknown() throws Exception {
    ArrayNode d = (ArrayNode) dump();
    for (Iterator<JsonNode> it = d.elements(); it.hasNext(); ) if ("ClusterComputeResource".equals(it.next().path("_typeName").asText())) it.remove();
    Inventory inv = read(d);
    assertThat(vm(inv, "web-01").unknown()).contains("clusterRules");
    assertThat(inv.clusters()).isEmpty();
  }

  /** The dump as govc before 0.35 wrote it: Go field names, no "_typeName". */
  static JsonNode untyped(JsonNode n) {
    if (n.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("_typeName")) continue;
        String k = e.getKey();
        out.set(Character.toUpperCase(k.charAt(0)) + k.substring(1), untyped(e.getValue()));
      }
      // A boxed primitive ({"_typeName": "boolean", "_value": true}) is the plain value in Go's JSON.
      if (out.size() == 1 && out.has("_value")) return out.get("_value");
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      n.forEach(x -> out.add(untyped(x)));
      return out;
    }
    return n;
  }
}

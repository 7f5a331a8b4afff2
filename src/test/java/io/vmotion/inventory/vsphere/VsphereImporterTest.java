package io.vmotion.inventory.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class VsphereImporterTest {

  /** The shared govmomi/vcsim dump: 3 hosts (2 in cluster DC0_C0, 1 standalone), 4 VMs. */
  static final Path SAMPLE = Path.of("src/test/resources/import/vsphere-vcsim-small.json");
  static final ObjectMapper JSON = new ObjectMapper();

  final VsphereImporter importer = new VsphereImporter(RuleFacts.evc());

  static Host host(Inventory inv, String name) {
    return inv.host(name).orElseThrow();
  }

  static Vm vm(Inventory inv, String name) {
    return inv.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void the_vcsim_sample_becomes_an_inventory_the_strict_reader_accepts() throws Exception {
    ImportResult r = importer.read(SAMPLE);
    Inventory inv = RuleFacts.readBack(r);
    assertThat(inv.hosts()).extracting(Host::name).containsExactly("DC0_C0_H0", "DC0_C0_H1", "DC0_H0");
    assertThat(inv.vms()).extracting(Vm::name).containsExactly("DC0_C0_RP0_VM0", "DC0_C0_RP0_VM1", "DC0_H0_VM0", "DC0_H0_VM1");

    Host h0 = host(inv, "DC0_C0_H0");
    assertThat(h0.cluster()).isEqualTo("DC0_C0");
    assertThat(host(inv, "DC0_H0").cluster()).isNull(); // its parent is a standalone ComputeResource
    assertThat(h0.version().toString()).isEqualTo("6.5.0");
    assertThat(h0.state().json()).isEqualTo("connected");
    assertThat(h0.cpu().vendor()).isEqualTo("intel");
    assertThat(h0.cpu().family()).isEqualTo(6);
    assertThat(h0.cpu().model()).isEqualTo(45);
    assertThat(h0.cpu().cores()).isEqualTo(2);
    assertThat(h0.cpu().threads()).isEqualTo(2);
    assertThat(h0.cpu().mhz()).isEqualTo(2294);
    // Leaf 1 ECX 0x97BA222B: aes (25) and avx (28) set; no leaf 7 in the dump, so no avx2.
    assertThat(h0.cpu().features()).contains("aes", "avx", "sse4_2", "popcnt", "nx", "lm", "lahf_lm").doesNotContain("avx2", "hypervisor");
    assertThat(h0.memoryMb()).isEqualTo(4294430720L / (1024 * 1024));
    assertThat(h0.datastores()).containsExactly("LocalDS_0");
    assertThat(h0.portGroups()).contains("DC0_DVPG0", "VM Network", "Management Network");
    // vcsim enables no vMotion adapter: the import says so rather than inventing one.
    assertThat(h0.vmotionNics()).isEmpty();

    Vm v = vm(inv, "DC0_C0_RP0_VM0");
    assertThat(v.host()).isEqualTo("DC0_C0_H1");
    assertThat(v.powerState().json()).isEqualTo("poweredOn");
    assertThat(v.hardwareVersion()).isEqualTo(13);
    assertThat(v.guestOs()).isEqualTo("otherGuest");
    assertThat(v.vcpus()).isEqualTo(1);
    assertThat(v.memoryMb()).isEqualTo(32);
    assertThat(v.datastores()).containsExactly("LocalDS_0");
    assertThat(v.nics()).singleElement().satisfies(n -> assertThat(n.portGroup()).isEqualTo("DC0_DVPG0"));

    assertThat(r.warnings()).anyMatch(w -> w.contains("license unknown"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("CPUID leaf 7 not in Hardware.CpuFeature"));
  }

  /** The sample with a vMotion adapter on vmk0, a max EVC mode, a VM EVC requirement and a template. */
  static ObjectNode enriched() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(SAMPLE.toFile());
    for (JsonNode h : root.get("hosts")) {
      ObjectNode config = (ObjectNode) h.get("Config");
      for (JsonNode nc : config.at("/VirtualNicManagerInfo/NetConfig")) {
        if (nc.get("NicType").asText().equals("vmotion")) {
          ((ObjectNode) nc).putArray("SelectedVnic").add("vmotion.key-vim.host.VirtualNic-vmk0");
          ((ObjectNode) nc).putArray("CandidateVnic").addObject().put("Device", "vmk0")
              .put("Key", "vmotion.key-vim.host.VirtualNic-vmk0").putObject("Spec").put("Portgroup", "Management Network").put("Mtu", 9000);
        }
      }
      ((ObjectNode) h.get("Summary")).put("MaxEVCModeKey", "intel-sandybridge");
    }
    ObjectNode vm = (ObjectNode) root.get("vms").get(0);
    ((ObjectNode) vm.get("Runtime")).put("MinRequiredEVCModeKey", "intel-westmere");
    ObjectNode template = root.get("vms").get(1).deepCopy();
    template.put("Name", "a-template");
    ((ObjectNode) template.get("Config")).put("Template", true);
    ((ArrayNode) root.get("vms")).add(template);
    ObjectNode placeholder = root.get("vms").get(1).deepCopy();
    placeholder.put("Name", "an-srm-placeholder");
    ((ObjectNode) placeholder.get("Config")).putObject("ManagedBy").put("ExtensionKey", "com.vmware.vcDr").put("Type", "placeholderVm");
    ((ArrayNode) root.get("vms")).add(placeholder);
    return root;
  }

  @Test
  void vmotion_adapters_resolve_their_uplink_speed_and_evc_modes_give_cpu_features() throws Exception {
    ImportResult r = importer.read("enriched.json", enriched());
    Inventory inv = RuleFacts.readBack(r);
    Host h = host(inv, "DC0_C0_H0");
    // vmk0 → port group "Management Network" → vSwitch0 → vmnic0, 10,000 Mbit/s in the sample.
    assertThat(h.vmotionNics()).singleElement().satisfies(n -> {
      assertThat(n.name()).isEqualTo("vmk0");
      assertThat(n.speedMbps()).isEqualTo(10000);
      assertThat(n.mtu()).isEqualTo(1500); // the adapter's own spec in Config.Network.Vnic wins
    });
    // The max EVC baseline adds what HostCpuIdInfo cannot show (leaf 0DH: xsaveopt).
    assertThat(h.cpu().features()).contains("xsaveopt");
    Vm vm = vm(inv, "DC0_H0_VM0");
    // The EVC requirement is the VM's own; the rules take its baseline's features (no FeatureRequirement here).
    assertThat(vm.minRequiredEvcMode()).isEqualTo("intel-westmere");
    assertThat(vm.cpuVendor()).isEqualTo("intel");
    assertThat(vm.cpuFeatures()).isEmpty();
    assertThat(h.maxEvcMode()).isEqualTo("intel-sandybridge");
    assertThat(inv.vms()).extracting(Vm::name).doesNotContain("a-template", "an-srm-placeholder");
    assertThat(r.warnings()).anyMatch(w -> w.contains("1 SRM placeholder VM(s) skipped"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("1 template(s) skipped"));
  }

  @Test
  void a_vm_on_a_host_missing_from_the_dump_keeps_it_with_defaults() throws Exception {
    ObjectNode root = enriched();
    ((ArrayNode) root.get("hosts")).remove(0); // DC0_H0 (host-21), the standalone host of DC0_H0_VM0/1
    ImportResult r = importer.read("partial.json", root);
    Inventory inv = RuleFacts.readBack(r);
    assertThat(vm(inv, "DC0_H0_VM0").host()).isEqualTo("host-21");
    assertThat(inv.host("host-21")).isPresent();
    assertThat(r.warnings()).anyMatch(w -> w.contains("reference not found in the dump") && w.contains("HostSystem:host-21"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("host not in the dump's hosts") && w.contains("host-21"));
  }

  @Test
  void an_array_of_managed_objects_is_read_like_the_keyed_layout() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(SAMPLE.toFile());
    ArrayNode flat = JSON.createArrayNode();
    root.fields().forEachRemaining(e -> e.getValue().forEach(flat::add));
    assertThat(importer.read("flat.json", flat).inventory()).isEqualTo(importer.read(SAMPLE).inventory());
  }

  @Test
  void json_without_vsphere_objects_is_refused_with_what_was_expected() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> importer.read("inv.json", JSON.readTree("{\"hosts\": [{\"name\": \"h1\"}], \"vms\": []}")));
    assertThat(e.render()).startsWith("inv.json: no HostSystem or VirtualMachine objects found");
    InvalidInputException props = catchThrowableOfType(InvalidInputException.class, () -> importer.read("props.json",
        JSON.readTree("[{\"Obj\": {\"Type\": \"HostSystem\", \"Value\": \"host-1\"}, \"PropSet\": [{\"Name\": \"name\", \"Val\": \"esx\"}]}]")));
    assertThat(props.render()).contains("govc object.collect -o -json");
  }

  @Test
  void the_same_dump_gives_identical_output() throws Exception {
    assertThat(importer.read(SAMPLE).inventory().toString()).isEqualTo(importer.read(SAMPLE).inventory().toString());
  }
}

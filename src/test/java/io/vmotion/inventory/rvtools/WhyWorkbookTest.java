package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.Causes;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "Why": what an import of that workbook knows, and what it says it does not. */
class WhyWorkbookTest {

  @TempDir static Path dir;
  static ImportResult result;
  static Inventory inventory;
  static JsonNode json;
  static Map<String, Causes.Cause> causes;

  @BeforeAll
  static void importIt() throws Exception {
    result = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels()).read(WhyWorkbook.write(dir));
    inventory = RuleFacts.readBack(result);
    json = result.inventory();
    causes = Causes.of(json);
  }

  static Host host(String name) {
    return inventory.host(name).orElseThrow();
  }

  static Vm vm(String name) {
    return inventory.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void the_icelake_vm_requires_intel_icelake_of_its_own() {
    Vm v = vm(WhyWorkbook.ICELAKE_VM);
    assertThat(v.minRequiredEvcMode()).isEqualTo("intel-icelake");
    assertThat(v.cpuVendor()).isEqualTo("intel");
    assertThat(vm(WhyWorkbook.CASCADELAKE_VM).minRequiredEvcMode()).isEqualTo("intel-cascadelake");
    assertThat(vm("web-01").minRequiredEvcMode()).isNull();
    assertThat(vm("web-01").cpuVendor()).isNull();
  }

  @Test
  void every_vhost_host_is_bounded_by_its_max_evc_with_its_features_a_lower_bound() {
    var cascadelake = RuleFacts.rules().data().baselines().get("intel-cascadelake").features();
    for (String name : WhyWorkbook.VHOST_HOSTS) {
      Host h = host(name);
      assertThat(h.maxEvcMode()).as(name).isEqualTo("intel-cascadelake");
      assertThat(h.cpu().features()).as(name).isEqualTo(cascadelake);
      assertThat(h.unknown()).as(name).contains("cpu.features").doesNotContain("cpu", "cpu.vendor", "cpu.cores", "cpu.threads", "cpu.mhz");
      assertThat(h.cpu().vendor()).isEqualTo("intel");
      assertThat(h.cpu().cores()).isEqualTo(32);
      assertThat(h.cpu().threads()).isEqualTo(64);
      assertThat(h.cpu().mhz()).isEqualTo(2295);
      assertThat(h.memoryMb()).isEqualTo(261797);
      // No "ESX Version" column: the version is unknown, not vCenter's 8.0.3.
      assertThat(h.unknown()).as(name).contains("version", "license", "vmotionNics", "datastores", "portGroups").doesNotContain("evcMode");
      assertThat(h.evcMode()).isNull(); // "Current EVC" empty: EVC off, a fact
    }
  }

  @Test
  void the_hosts_vhost_lacks_are_unknown_in_every_fact_with_one_cause() {
    for (String name : WhyWorkbook.MISSING_HOSTS) {
      Host h = host(name);
      assertThat(h.unknown()).as(name)
          .contains("cpu", "version", "license", "evcMode", "memoryMb", "vmotionNics", "datastores", "portGroups");
      // Not a copy of another host's CPU features passing as known: none are listed.
      assertThat(h.cpu().features()).as(name).isEmpty();
      assertThat(h.maxEvcMode()).isNull();
      assertThat(h.cluster()).isEqualTo("Cluster");
    }
    Causes.Cause notInVhost = causes.get("host not in tab vHost");
    assertThat(notInVhost).isNotNull();
    assertThat(notInVhost.hosts()).containsExactlyElementsOf(WhyWorkbook.MISSING_HOSTS);
    assertThat(notInVhost.hostFields())
        .containsExactlyInAnyOrder("cpu", "datastores", "evcMode", "license", "memoryMb", "portGroups", "version", "vmotionNics");
    assertThat(notInVhost.fix()).contains("vHost");
  }

  @Test
  void unknown_causes_name_each_gap_once() {
    assertThat(causes.keySet()).contains(
        "host not in tab vHost",
        "tab vHost has no column \"ESX Version\"",
        "tab vLicense is missing",
        RvToolsImporter.NO_CPUID,
        "tabs vPort and dvPort are missing",
        "tabs vDatastore and vMultiPath are missing",
        "tab vSC_VMK is missing",
        "tab vInfo has no column \"Path\"",
        "tab vDisk, column \"Disk Path\": empty cell");
    assertThat(causes.get("tab vHost has no column \"ESX Version\"").hosts()).containsExactlyElementsOf(WhyWorkbook.VHOST_HOSTS);
    assertThat(causes.get("tab vHost has no column \"ESX Version\"").hostFields()).containsExactly("version");
    assertThat(causes.get("tab vLicense is missing").hostFields()).containsExactly("license");
    assertThat(causes.get("tab vLicense is missing").fix()).isEqualTo("export the vLicense tab, or vHost with its \"Assigned License(s)\" column");
    assertThat(causes.get(RvToolsImporter.NO_CPUID).hostFields()).containsExactly("cpu.features");
    assertThat(causes.get(RvToolsImporter.NO_CPUID).hosts()).containsExactlyElementsOf(WhyWorkbook.VHOST_HOSTS);
    assertThat(causes.get("tab vDisk, column \"Disk Path\": empty cell").vmFields()).containsExactly("datastores");
    assertThat(causes.get("tab vDisk, column \"Disk Path\": empty cell").vms()).hasSize(8);
    // vInfo's "Network #1".."#8" name each VM's one network: the NICs are known without vNetwork.
    assertThat(causes.keySet()).doesNotContain("tab vNetwork is missing");
    assertThat(vm(WhyWorkbook.ICELAKE_VM).nics()).extracting(n -> n.portGroup()).containsExactly("VM Network");
    assertThat(vm(WhyWorkbook.ICELAKE_VM).unknown()).contains("datastores").doesNotContain("nics", "powerState", "reservation");
    Causes.assertAllExplainedByTheImporter(json);
  }

  @Test
  void the_import_has_powered_on_vms_so_it_is_not_empty() {
    assertThat(result.emptyImport()).isEmpty();
    assertThat(inventory.vms()).hasSize(8);
    assertThat(inventory.vms().stream().filter(Vm::poweredOn)).hasSize(3);
    assertThat(inventory.hosts()).hasSize(10);
    assertThat(result.warnings()).doesNotHaveDuplicates();
    assertThat(result.warnings()).anyMatch(w -> w.contains("host not in tab vHost") && w.contains("3: "));
    List<String> missingHosts = WhyWorkbook.MISSING_HOSTS;
    assertThat(inventory.vms()).extracting(Vm::host).allMatch(missingHosts::contains);
  }
}

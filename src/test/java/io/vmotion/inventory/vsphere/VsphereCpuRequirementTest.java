package io.vmotion.inventory.vsphere;

import static io.vmotion.inventory.vsphere.VsphereImporterTest.host;
import static io.vmotion.inventory.vsphere.VsphereImporterTest.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import org.junit.jupiter.api.Test;

/** A VM's own CPU requirement (Runtime.FeatureRequirement, MinRequiredEVCModeKey) and a host's max EVC mode and feature capability. */
class VsphereCpuRequirementTest {

  final VsphereImporter importer = new VsphereImporter(RuleFacts.evc());

  @Test
  void feature_requirements_become_the_vms_cpu_features_under_linux_names() throws Exception {
    ImportResult r = importer.read(VsphereLicensingTest.LICENSED);
    Inventory inv = RuleFacts.readBack(r);
    Vm app = vm(inv, "app-01");
    // avx512f is listed as Bool:Min:0 (not required); ibrs is no flag an EVC baseline lists; the
    // XSAVE state component and the unknown keys are not flags.
    assertThat(app.cpuFeatures()).hasValueSatisfying(f ->
        assertThat(f).containsExactlyInAnyOrder("avx2", "sse4_1", "lahf_lm", "erms", "3dnowprefetch", "cx16"));
    assertThat(app.cpuVendor()).isEqualTo("intel");
    assertThat(r.warnings()).filteredOn(w -> w.contains("Runtime.FeatureRequirement keys")).singleElement()
        .satisfies(w -> assertThat(w).contains("cpuid.frobnicate, hv.capable").contains("app-01"));
  }

  @Test
  void upper_case_keys_of_older_esxi_decode_too_and_an_intel_vm_keeps_only_intel_baseline_flags() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereLicensingTest.LICENSED));
    Vm legacy = vm(inv, "legacy-01");
    // cpuid.RDTSCP is kept: Intel baselines list rdtscp from Nehalem on.
    assertThat(legacy.cpuFeatures()).hasValueSatisfying(f -> assertThat(f).containsExactlyInAnyOrder("pni", "ssse3", "nx", "rdtscp"));
    assertThat(legacy.cpuVendor()).isEqualTo("intel");
    assertThat(legacy.minRequiredEvcMode()).isNull();
  }

  @Test
  void min_required_evc_mode_is_read_with_the_vendor_it_implies() throws Exception {
    ObjectNode root = VsphereLicensingTest.licensed();
    ObjectNode runtime = (ObjectNode) root.get("vms").get(0).get("Runtime");
    runtime.remove("FeatureRequirement");
    runtime.put("MinRequiredEVCModeKey", "amd-zen2");
    Inventory inv = RuleFacts.readBack(importer.read("evc.json", root));
    Vm app = vm(inv, "app-01");
    assertThat(app.minRequiredEvcMode()).isEqualTo("amd-zen2");
    assertThat(app.cpuVendor()).isEqualTo("amd");
    assertThat(app.cpuFeatures()).isEmpty(); // the rules take the baseline's features
  }

  @Test
  void a_requirement_vendor_differing_from_the_evc_mode_is_kept_with_a_warning() throws Exception {
    ObjectNode root = VsphereLicensingTest.licensed();
    ((ObjectNode) root.get("vms").get(0).get("Runtime")).put("MinRequiredEVCModeKey", "amd-zen");
    ImportResult r = importer.read("clash.json", root);
    assertThat(vm(RuleFacts.readBack(r), "app-01").cpuVendor()).isEqualTo("intel");
    assertThat(r.warnings()).anyMatch(w -> w.contains("names CPU vendor intel but the min required EVC mode amd-zen is amd"));
  }

  @Test
  void max_evc_mode_is_read_and_without_cpuid_bounds_the_features_marked_unknown() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereLicensingTest.LICENSED));
    Host esx2 = host(inv, "esx-2");
    assertThat(esx2.maxEvcMode()).isEqualTo("intel-cascadelake");
    assertThat(esx2.cpu().features()).containsAll(RuleFacts.rules().data().baselines().get("intel-cascadelake").features());
    assertThat(esx2.unknown()).contains("cpu.features").doesNotContain("cpu", "cpu.vendor", "cpu.cores");
    assertThat(VsphereLicensingTest.cause(inv, "the HostSystem has no Hardware.CpuFeature (CPUID) or Config.FeatureCapability").hosts())
        .containsExactly("esx-2");
    // The CPU model table gives family and model where CPUID leaf 1 is missing (Gold 6248: Cascade Lake, 06_55H).
    assertThat(esx2.cpu().family()).isEqualTo(6);
    assertThat(esx2.cpu().model()).isEqualTo(0x55);
  }

  @Test
  void a_feature_capability_with_the_max_evc_mode_gives_complete_features() throws Exception {
    ImportResult r = importer.read(VsphereLicensingTest.LICENSED);
    Host esx1 = host(RuleFacts.readBack(r), "esx-1");
    assertThat(esx1.maxEvcMode()).isEqualTo("intel-icelake");
    assertThat(esx1.cpu().vendor()).isEqualTo("intel");
    // pcid comes with the intel-icelake baseline (Intel baselines list it from Sandy Bridge on); amx_tile has capability value 0.
    assertThat(esx1.cpu().features()).contains("avx512f", "avx512_vnni", "sha_ni", "fsrm", "erms", "rdtscp", "xsaveopt", "pcid")
        .doesNotContain("amx_tile");
    assertThat(esx1.unknown()).isEmpty();
    assertThat(r.warnings()).anyMatch(w -> w.contains("Config.FeatureCapability keys with no CPU flag known to vmotion, ignored: cpuid.mystery_bit"));
  }

  @Test
  void an_unknown_max_evc_mode_is_left_out_with_a_warning() throws Exception {
    ObjectNode root = VsphereLicensingTest.licensed();
    ((ObjectNode) root.get("hosts").get(1).get("Summary")).put("MaxEVCModeKey", "intel-granite-rapids");
    ((ArrayNode) root.get("vms")).remove(1);
    ImportResult r = importer.read("granite.json", root);
    assertThat(host(RuleFacts.readBack(r), "esx-2").maxEvcMode()).isNull();
    assertThat(r.warnings()).anyMatch(w -> w.contains("max EVC mode \"intel-granite-rapids\" unknown"));
  }
}

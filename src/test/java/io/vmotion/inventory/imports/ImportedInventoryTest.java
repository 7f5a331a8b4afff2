package io.vmotion.inventory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportedInventoryTest {

  @Test
  void a_gap_is_reported_once_with_how_many_it_affects_and_the_first_few() {
    Warnings w = new Warnings("x.xlsx");
    for (int i = 1; i <= 7; i++) w.add("license unknown", "esx-" + i);
    w.add("license unknown", "esx-1");
    w.add("tab vCPU missing");
    w.add("tab vCPU missing");
    assertThat(w.lines()).containsExactly(
        "x.xlsx: license unknown (7: esx-1, esx-2, esx-3, esx-4, esx-5, ...)",
        "x.xlsx: tab vCPU missing");
  }

  @Test
  void esxi_versions_are_found_in_product_strings() {
    assertThat(ImportedInventory.esxiVersion("VMware ESXi 8.0.2 build-22380479")).isEqualTo("8.0.2");
    assertThat(ImportedInventory.esxiVersion("8.0")).isEqualTo("8.0.0");
    assertThat(ImportedInventory.esxiVersion("VMware ESXi 7.0 Update 3")).isEqualTo("7.0.3");
    assertThat(ImportedInventory.esxiVersion("ESXi 6.7 U2")).isEqualTo("6.7.2");
    assertThat(ImportedInventory.esxiVersion("VMware ESXi 8.0.3 build-24022510")).isEqualTo("8.0.3");
    assertThat(ImportedInventory.esxiVersion("unknown")).isNull();
  }

  @Test
  void evc_keys_and_labels_are_recognized() {
    EvcCatalog evc = RuleFacts.evc();
    assertThat(evc.normalize("intel-broadwell")).isEqualTo("intel-broadwell");
    assertThat(evc.normalize("INTEL-BROADWELL")).isEqualTo("intel-broadwell");
    assertThat(evc.normalize("Intel \"Cascade Lake\" Generation")).isEqualTo("intel-cascadelake");
    assertThat(evc.normalize("AMD \"Zen 2\" Generation")).isEqualTo("amd-zen2");
    assertThat(evc.normalize("")).isNull();
    assertThat(evc.normalize("Disabled")).isNull();
    assertThat(evc.normalize("intel-nosuchlake")).isNull();
  }

  @Test
  void cpu_models_map_to_generations() {
    CpuModels m = CpuModels.builtin();
    assertThat(m.find("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")).get().extracting(CpuModels.Generation::evc).isEqualTo("intel-cascadelake");
    assertThat(m.find("Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz")).get().extracting(CpuModels.Generation::evc).isEqualTo("intel-icelake");
    assertThat(m.find("Intel(R) Xeon(R) CPU E5-2680 v3 @ 2.50GHz")).get().extracting(CpuModels.Generation::evc).isEqualTo("intel-haswell");
    assertThat(m.find("Intel(R) Xeon(R) CPU E5-1620 0 @ 3.60GHz")).get().extracting(CpuModels.Generation::evc).isEqualTo("intel-sandybridge");
    assertThat(m.find("AMD EPYC 7763 64-Core Processor")).get().extracting(CpuModels.Generation::evc).isEqualTo("amd-zen3");
    assertThat(m.find("AMD EPYC 9654 96-Core Processor")).get().extracting(CpuModels.Generation::evc).isEqualTo("amd-zen4");
    assertThat(m.find("Intel(R) Core(TM) i7-3615QM CPU @ 2.30GHz")).isEmpty();
    // Every generation names an EVC mode the rule data knows.
    EvcCatalog evc = RuleFacts.evc();
    for (String model : new String[] {"Xeon Gold 6148", "Xeon Gold 6248", "Xeon Gold 6348", "Xeon Gold 6448", "Xeon Gold 6548",
        "Xeon E5-2690 v4", "Xeon E5-2690 v3", "Xeon E5-2690 v2", "Xeon X5690", "Xeon X5570", "EPYC 7551", "EPYC 7742",
        "EPYC 7763", "EPYC 9654", "EPYC 9755", "Opteron 6380", "Opteron 6276", "Opteron 6176"}) {
      assertThat(m.find(model)).as(model).isPresent();
      assertThat(evc.knows(m.find(model).get().evc())).as(model).isTrue();
    }
  }
}

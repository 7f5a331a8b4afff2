package io.vmotion.inventory.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.imports.RuleFacts;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Active memory, which the duration estimate copies first, from a VM's QuickStats in a vSphere dump. */
class VsphereActiveMemoryTest {

  final VsphereImporter importer = new VsphereImporter(RuleFacts.evc());

  java.util.OptionalLong activeMemory(String vmName, Consumer<ObjectNode> quickStats) throws Exception {
    ObjectNode root = (ObjectNode) VsphereImporterTest.JSON.readTree(VsphereImporterTest.SAMPLE.toFile());
    for (var vm : root.get("vms")) {
      if (vm.get("Name").asText().equals(vmName)) quickStats.accept((ObjectNode) vm.at("/Summary/QuickStats"));
    }
    Inventory inv = RuleFacts.readBack(importer.read("quickstats.json", root));
    return VsphereImporterTest.vm(inv, vmName).activeMemoryMb();
  }

  @Test
  void active_memory_is_preferred_to_guest_memory_usage() throws Exception {
    assertThat(activeMemory("DC0_C0_RP0_VM0", q -> q.put("ActiveMemory", 12).put("GuestMemoryUsage", 20))).hasValue(12);
  }

  @Test
  void guest_memory_usage_stands_in_on_hosts_older_than_api_7_0_3() throws Exception {
    assertThat(activeMemory("DC0_C0_RP0_VM0", q -> q.put("GuestMemoryUsage", 20))).hasValue(20);
  }

  @Test
  void a_zero_is_an_unsampled_vm_and_is_left_out() throws Exception {
    // The simulator reports zeros: taking them as an idle guest would shorten every estimate.
    assertThat(activeMemory("DC0_C0_RP0_VM0", q -> q.put("ActiveMemory", 0).put("GuestMemoryUsage", 0))).isEmpty();
  }

  @Test
  void active_memory_above_the_vm_memory_is_cut_to_it() throws Exception {
    assertThat(activeMemory("DC0_C0_RP0_VM0", q -> q.put("ActiveMemory", 4096))).hasValue(32);
  }
}

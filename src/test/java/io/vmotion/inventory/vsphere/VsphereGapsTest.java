package io.vmotion.inventory.vsphere;

import static io.vmotion.inventory.vsphere.VsphereImporterTest.host;
import static io.vmotion.inventory.vsphere.VsphereImporterTest.vm;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.UnknownCause;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.RuleFacts;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the dump lacks is unknown, with its cause, rather than borrowed or empty. */
class VsphereGapsTest {

  final VsphereImporter importer = new VsphereImporter(RuleFacts.evc());

  @Test
  void a_host_the_dump_lacks_has_every_fact_unknown_and_no_other_hosts_cpu() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereLicensingTest.LICENSED));
    Host missing = host(inv, "host-9");
    Host peer = host(inv, "esx-1");
    // What the dump does say: the cluster listing it, that cluster's EVC mode, its license assignment.
    assertThat(missing.cluster()).isEqualTo("prod");
    assertThat(missing.evcMode()).isEqualTo("intel-broadwell");
    assertThat(missing.license()).isEqualTo("vcf");
    assertThat(missing.unknown()).contains("cpu", "version", "memoryMb", "vmotionNics", "datastores", "portGroups")
        .doesNotContain("license", "evcMode");
    assertThat(missing.isUnknown("cpu.features")).isTrue();
    assertThat(missing.cpu().features()).isEmpty();
    assertThat(missing.cpu().cores()).isEqualTo(8).isNotEqualTo(peer.cpu().cores()); // its VM's 8 vCPUs, not esx-1's 56 cores
    assertThat(missing.cpu().mhz()).isNotEqualTo(peer.cpu().mhz());
    assertThat(missing.memoryMb()).isEqualTo(16384);
    UnknownCause c = VsphereLicensingTest.cause(inv, "the host is not among the dump's HostSystem objects, but VMs run on it");
    assertThat(c.hosts()).containsExactly("host-77", "host-9");
    assertThat(c.hostFields()).contains("cpu", "version", "memoryMb", "vmotionNics", "datastores", "portGroups");
  }

  @Test
  void a_host_the_dump_lacks_gets_its_clusters_datastores_and_port_groups_marked_unknown() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereLicensingTest.LICENSED));
    Host missing = host(inv, "host-9");
    assertThat(missing.datastores()).containsExactly("shared-1");
    assertThat(missing.portGroups()).containsExactly("VM Network");
    assertThat(missing.unknown()).contains("datastores", "portGroups");
  }

  @Test
  void a_host_in_no_cluster_of_the_dump_has_its_evc_mode_unknown_too() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereLicensingTest.LICENSED));
    Host stray = host(inv, "host-77");
    assertThat(stray.cluster()).isNull();
    assertThat(stray.unknown()).contains("evcMode", "license", "cpu");
    assertThat(VsphereLicensingTest.cause(inv, "the host is not among the dump's HostSystem objects and no cluster of the dump lists it")
        .hostFields()).containsExactly("evcMode");
  }

  @Test
  void the_vcsim_sample_without_a_host_keeps_no_copy_of_another_hosts_cpu() throws Exception {
    ObjectNode root = VsphereImporterTest.enriched();
    ((ArrayNode) root.get("hosts")).remove(0); // DC0_H0 (host-21)
    Inventory inv = RuleFacts.readBack(importer.read("partial.json", root));
    Host missing = host(inv, "host-21");
    assertThat(missing.cpu().features()).isEmpty();
    assertThat(missing.cpu().model()).isZero();
    assertThat(missing.unknown()).contains("cpu", "version", "license", "memoryMb", "vmotionNics");
  }

  @Test
  void a_vm_whose_datastores_cannot_be_read_has_them_unknown_not_empty() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereLicensingTest.LICENSED));
    Vm vm = vm(inv, "summary-only");
    assertThat(vm.unknown()).contains("datastores", "nics");
    assertThat(VsphereLicensingTest.cause(inv, "the VirtualMachine has no Datastore references").vms()).containsExactly("summary-only");
    assertThat(vm(inv, "app-01").unknown()).isEmpty();
  }

  @Test
  void a_dump_with_newer_govcs_camel_case_names_reads_like_one_with_go_names() throws Exception {
    JsonNode go = VsphereImporterTest.JSON.readTree(VsphereLicensingTest.LICENSED.toFile());
    assertThat(importer.read("camel.json", camel(go)).inventory()).isEqualTo(importer.read("go.json", go).inventory());
    JsonNode sample = VsphereImporterTest.JSON.readTree(VsphereImporterTest.SAMPLE.toFile());
    assertThat(importer.read("camel.json", camel(sample)).inventory()).isEqualTo(importer.read(VsphereImporterTest.SAMPLE).inventory());
  }

  /** Every field name with its first letter in lower case, as govc 0.35 and later writes them. */
  static JsonNode camel(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String k = e.getKey();
        out.set(Character.toLowerCase(k.charAt(0)) + k.substring(1), camel(e.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(camel(n)));
      return out;
    }
    return node;
  }
}

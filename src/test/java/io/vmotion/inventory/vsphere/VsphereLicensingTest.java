package io.vmotion.inventory.vsphere;

import static io.vmotion.inventory.vsphere.VsphereImporterTest.host;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.UnknownCause;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Host licenses from the dump's LicenseManager and license assignments. */
class VsphereLicensingTest {

  /** Two hosts of cluster "prod" (esx-1 assigned Enterprise Plus, esx-2 not assigned), and host-9 that only VMs name. */
  static final Path LICENSED = Path.of("src/test/resources/import/vsphere-licensed-small.json");
  static final ObjectMapper JSON = new ObjectMapper();

  final VsphereImporter importer = new VsphereImporter(RuleFacts.evc());

  static ObjectNode licensed() throws Exception {
    return (ObjectNode) JSON.readTree(LICENSED.toFile());
  }

  static UnknownCause cause(Inventory inv, String startsWith) {
    return inv.unknownCauses().stream().filter(c -> c.cause().startsWith(startsWith)).findFirst()
        .orElseThrow(() -> new AssertionError("no cause starting \"" + startsWith + "\" in " + inv.unknownCauses()));
  }

  @Test
  void an_assigned_license_gives_the_host_its_edition() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(LICENSED));
    assertThat(host(inv, "esx-1").license()).isEqualTo("enterprise-plus");
    assertThat(host(inv, "esx-1").unknown()).doesNotContain("license");
    // An assignment to a host the dump lacks still says its license (esx.vcf.entitlement.cpuCoreMin).
    assertThat(host(inv, "host-9").license()).isEqualTo("vcf");
    assertThat(host(inv, "host-9").unknown()).doesNotContain("license");
  }

  @Test
  void a_host_without_assignment_among_several_editions_in_use_has_its_license_unknown_with_that_cause() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(LICENSED));
    assertThat(host(inv, "esx-2").unknown()).contains("license");
    UnknownCause c = cause(inv, "the dump's LicenseManager lists several vSphere editions (enterprise-plus, vcf)");
    assertThat(c.hostFields()).containsExactly("license");
    assertThat(c.hosts()).containsExactly("esx-2");
    assertThat(c.fix()).contains("govc license.assigned.ls -json");
  }

  @Test
  void without_assignments_the_only_vsphere_edition_in_use_is_taken_with_a_warning() throws Exception {
    ObjectNode root = licensed();
    ArrayNode licensing = (ArrayNode) root.get("licensing");
    licensing.remove(1); // the LicenseAssignmentManager
    ArrayNode licenses = (ArrayNode) licensing.get(0).get("Licenses");
    licenses.remove(2); // VCF: Enterprise Plus is left in use (the evaluation license is listed but unused)
    ImportResult r = importer.read("one-edition.json", root);
    Inventory inv = RuleFacts.readBack(r);
    assertThat(host(inv, "esx-1").license()).isEqualTo("enterprise-plus");
    assertThat(host(inv, "esx-2").license()).isEqualTo("enterprise-plus");
    assertThat(r.warnings()).anyMatch(w -> w.contains("the only vSphere edition in use in LicenseManager (enterprise-plus) is used")
        && w.contains("esx-1") && w.contains("esx-2"));
    // A guess from the others is no fact about a host the dump lacks.
    assertThat(host(inv, "host-9").unknown()).contains("license");
  }

  @Test
  void without_license_objects_every_license_is_unknown_with_one_cause() throws Exception {
    ObjectNode root = licensed();
    root.remove("licensing");
    Inventory inv = RuleFacts.readBack(importer.read("unlicensed.json", root));
    UnknownCause c = cause(inv, "the dump has no LicenseManager or LicenseAssignmentManager object");
    assertThat(c.hostFields()).containsExactly("license");
    assertThat(c.hosts()).containsExactly("esx-1", "esx-2");
    assertThat(host(inv, "esx-1").unknown()).contains("license");
    assertThat(host(inv, "esx-1").license()).isEqualTo("evaluation"); // the import's default, marked unknown
  }

  @Test
  void the_vcsim_sample_has_no_license_objects_so_its_licenses_are_unknown_with_that_cause() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(VsphereImporterTest.SAMPLE));
    UnknownCause c = cause(inv, "the dump has no LicenseManager or LicenseAssignmentManager object");
    assertThat(c.hosts()).containsExactly("DC0_C0_H0", "DC0_C0_H1", "DC0_H0");
    inv.hosts().forEach(h -> assertThat(h.unknown()).contains("license"));
  }

  @Test
  void assignments_as_govc_license_assigned_ls_prints_them_are_read_from_a_flat_dump() throws Exception {
    ObjectNode root = licensed();
    JsonNode assignments = root.get("licensing").get(1).get("Returnval");
    ArrayNode flat = JSON.createArrayNode();
    root.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("licensing")) e.getValue().forEach(flat::add);
    });
    flat.add(assignments); // 'jq -s' nests the command's array
    Inventory inv = RuleFacts.readBack(importer.read("flat.json", flat));
    assertThat(host(inv, "esx-1").license()).isEqualTo("enterprise-plus");
    // Assignments alone: esx-2 has none, and there is no LicenseManager to guess from.
    assertThat(cause(inv, "the dump's license assignments (LicenseAssignmentManager) do not include the host").hosts()).containsExactly("esx-2");
  }

  @Test
  void an_assigned_license_that_is_no_known_host_edition_leaves_the_license_unknown_naming_it() throws Exception {
    ObjectNode root = licensed();
    ObjectNode assigned = (ObjectNode) root.get("licensing").get(1).get("Returnval").get(0).get("AssignedLicense");
    assigned.put("EditionKey", "esx.mystery.cpuCore").put("Name", "VMware Mystery Bundle");
    Inventory inv = RuleFacts.readBack(importer.read("mystery.json", root));
    assertThat(host(inv, "esx-1").unknown()).contains("license");
    assertThat(cause(inv, "the license assigned to the host, \"VMware Mystery Bundle\" (esx.mystery.cpuCore), is not a vSphere host edition")
        .hosts()).containsExactly("esx-1");
  }

  @Test
  void every_unknown_field_has_a_cause_naming_it_and_its_host_or_vm() throws Exception {
    ObjectNode partial = VsphereImporterTest.enriched();
    ((ArrayNode) partial.get("hosts")).remove(0);
    ObjectNode unlicensed = licensed();
    unlicensed.remove("licensing");
    assertThat(uncovered(RuleFacts.readBack(importer.read(LICENSED)))).isEmpty();
    assertThat(uncovered(RuleFacts.readBack(importer.read("unlicensed.json", unlicensed)))).isEmpty();
    assertThat(uncovered(RuleFacts.readBack(importer.read(VsphereImporterTest.SAMPLE)))).isEmpty();
    assertThat(uncovered(RuleFacts.readBack(importer.read("partial.json", partial)))).isEmpty();
  }

  /** "host field" or "vm field" for each unknown field no cause covers. */
  static List<String> uncovered(Inventory inv) {
    List<String> uncovered = new ArrayList<>();
    inv.hosts().forEach(h -> h.unknown().forEach(f -> {
      if (inv.unknownCauses().stream().noneMatch(c -> c.hostFields().contains(f) && c.hosts().contains(h.name()))) uncovered.add(h.name() + " " + f);
    }));
    inv.vms().forEach(v -> v.unknown().forEach(f -> {
      if (inv.unknownCauses().stream().noneMatch(c -> c.vmFields().contains(f) && c.vms().contains(v.name()))) uncovered.add(v.name() + " " + f);
    }));
    return uncovered;
  }
}

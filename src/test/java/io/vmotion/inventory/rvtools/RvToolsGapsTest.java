package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.Causes;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing an import invents passes as known: each gap is in "unknown", with its cause. */
class RvToolsGapsTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());

  ImportResult importOf(Workbooks wb, String name) throws Exception {
    return importer.read(wb.write(dir.resolve(name)));
  }

  @Test
  void a_fully_exported_host_and_vm_know_everything_rvtools_can_tell() throws Exception {
    ImportResult r = importOf(RvToolsImporterTest.rvtools47(), "full.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    // RVTools has no CPUID, no vMotion service flag and no vGPU profiles: those stay unknown however complete the export.
    assertThat(inv.host("esx-a1").orElseThrow().unknown()).containsExactlyInAnyOrder("cpu.features", "vmotionNics", "gpuProfiles");
    assertThat(inv.host("esx-a1").orElseThrow().maxEvcMode()).isEqualTo("intel-skylake");
    // Nor serial, parallel or PCI devices, affinity, or floppy drives (RVTools 4 has no vFloppy tab).
    assertThat(inv.vms().stream().filter(v -> v.name().equals("web-01")).findFirst().orElseThrow().unknown()).containsExactlyInAnyOrder(
        "devices.serial", "devices.parallel", "devices.pci-passthrough", "devices.dynamic-directpath", "devices.sriov", "devices.vgpu",
        "devices.floppy", "cpuAffinity", "memoryAffinity");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void a_host_missing_from_vhost_stays_known_only_by_what_the_export_says() throws Exception {
    ImportResult r = importOf(RvToolsImporterTest.rvtools47(), "missing.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Host b1 = inv.host("esx-b1").orElseThrow();
    assertThat(b1.unknown()).contains("cpu", "version", "license", "evcMode", "memoryMb", "vmotionNics", "datastores", "portGroups");
    // Other hosts know their CPU; esx-b1 gets no copy of their features as known.
    assertThat(b1.cpu().features()).isEmpty();
    assertThat(b1.maxEvcMode()).isNull();
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get(RvToolsImporter.HOST_NOT_IN_VHOST).hosts()).containsExactly("esx-b1");
  }

  @Test
  void without_vhost_every_host_is_unknown_because_the_tab_is_missing() throws Exception {
    ImportResult r = importOf(new Workbooks().tab("vInfo", "VM", "Powerstate", "Host").row("a", "poweredOn", "esx-1"), "novhost.xlsx");
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get("tab vHost is missing").hostFields()).contains("cpu", "version", "license", "memoryMb");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void port_groups_and_datastores_given_from_the_cluster_are_marked_unknown() throws Exception {
    ImportResult r = importOf(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host", "Cluster", "Path", "Network #1").row("a", "poweredOn", "esx-1", "c1", "[ds-1] a/a.vmx", "pg-a")
        .tab("vDisk", "VM", "Disk Path").row("a", "[ds-1] a/a.vmdk")
        .tab("vHost", "Host", "Cluster").row("esx-1", "c1").row("esx-2", "c1"), "cluster.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Host h2 = inv.host("esx-2").orElseThrow();
    assertThat(h2.portGroups()).containsExactly("pg-a");
    assertThat(h2.datastores()).containsExactly("ds-1");
    assertThat(h2.unknown()).contains("portGroups", "datastores");
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get("tabs vPort and dvPort are missing").hosts()).containsExactly("esx-1", "esx-2");
    assertThat(causes.get("tabs vDatastore and vMultiPath are missing").hostFields()).containsExactly("datastores");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void distributed_port_groups_without_switch_members_are_a_guess_and_marked_unknown() throws Exception {
    ImportResult r = importOf(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host").row("a", "poweredOn", "esx-1")
        .tab("vHost", "Host").row("esx-1").row("esx-2")
        .tab("vPort", "Host", "Port Group").row("esx-1", "pg-std")
        .tab("dvPort", "Port", "Switch").row("pg-dv", "dvs-1")
        .tab("vDatastore", "Name", "Hosts", "# Hosts").row("ds-1", "esx-1, esx-2", 2).row("ds-2", null, 1), "dv.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Host h1 = inv.host("esx-1").orElseThrow();
    assertThat(h1.portGroups()).containsExactly("pg-dv", "pg-std");
    assertThat(h1.unknown()).contains("portGroups");
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get("tab dvSwitch is missing").hosts()).containsExactly("esx-1", "esx-2");
    // A datastore whose host list is empty although "# Hosts" says 1: every host's datastores are unknown.
    assertThat(h1.datastores()).containsExactly("ds-1");
    assertThat(causes.get("tab vDatastore, column \"Hosts\": empty cell").hosts()).containsExactly("esx-1", "esx-2");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void vport_without_dvport_leaves_distributed_port_groups_unknown() throws Exception {
    ImportResult r = importOf(RvToolsImporterTest.rvtools3(), "v3.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Host esx1 = inv.host("esx-1").orElseThrow();
    assertThat(esx1.portGroups()).contains("VM Network", "Backup");
    assertThat(esx1.unknown()).contains("portGroups", "datastores"); // no dvPort; vMultiPath lists block storage only
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes).containsKeys("tab dvPort is missing", "tab vDatastore is missing");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void a_vm_whose_datastores_cannot_be_read_has_them_unknown_not_empty() throws Exception {
    ImportResult r = importOf(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host", "Path")
        .row("ok", "poweredOn", "esx-1", "[ds-1] ok/ok.vmx")
        .row("no-disk-path", "poweredOn", "esx-1", "[ds-1] b/b.vmx")
        .row("no-vmx-path", "poweredOn", "esx-1", null)
        .tab("vDisk", "VM", "Disk Path").row("ok", "[ds-2] ok/ok.vmdk").row("no-disk-path", null).row("no-vmx-path", "[ds-1] c/c.vmdk"), "ds.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Vm ok = inv.vms().stream().filter(v -> v.name().equals("ok")).findFirst().orElseThrow();
    Vm noDisk = inv.vms().stream().filter(v -> v.name().equals("no-disk-path")).findFirst().orElseThrow();
    Vm noVmx = inv.vms().stream().filter(v -> v.name().equals("no-vmx-path")).findFirst().orElseThrow();
    assertThat(ok.datastores()).containsExactly("ds-1", "ds-2");
    assertThat(ok.unknown()).doesNotContain("datastores");
    assertThat(noDisk.unknown()).contains("datastores");
    assertThat(noVmx.unknown()).contains("datastores");
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get("tab vDisk, column \"Disk Path\": empty cell").vms()).containsExactly("no-disk-path");
    assertThat(causes.get("tab vInfo, column \"Path\": empty cell").vms()).containsExactly("no-vmx-path");

    ImportResult noPath = importOf(new Workbooks().tab("vInfo", "VM", "Powerstate", "Host").row("a", "poweredOn", "esx-1"), "nopath.xlsx");
    assertThat(Causes.unknown(noPath.inventory(), "vms", "a")).contains("datastores", "reservation", "nics");
    assertThat(Causes.of(noPath.inventory())).containsKeys("tab vInfo has no column \"Path\"", "tab vDisk is missing", "tab vCPU is missing",
        "tab vMemory is missing", "tab vNetwork is missing");
  }

  @Test
  void licenses_that_vlicense_cannot_settle_are_unknown_with_why() throws Exception {
    ImportResult r = importOf(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host").row("a", "poweredOn", "esx-1")
        .tab("vHost", "Host", "Assigned License(s)").row("esx-1", null).row("esx-2", "VMware vSAN Enterprise")
        .tab("vLicense", "Name").row("VMware vSphere 8 Standard").row("VMware vSphere 8 Enterprise Plus"), "lic.xlsx");
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get("tab vLicense lists several vSphere editions and vHost does not say which host has which").hosts()).containsExactly("esx-1");
    assertThat(causes.get("tab vHost, column \"Assigned License(s)\": names no vSphere edition").hosts()).containsExactly("esx-2");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void a_guest_name_without_a_known_id_is_unknown_not_other_guest_passing_as_known() throws Exception {
    ImportResult r = importOf(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host", "OS according to the configuration file").row("a", "poweredOn", "esx-1", "Plan 9 (64-bit)"), "os.xlsx");
    assertThat(Causes.unknown(r.inventory(), "vms", "a")).contains("guestOs");
    assertThat(Causes.of(r.inventory())).containsKey("tab vInfo, column \"OS according to the configuration file\": guest OS name with no known guest id");
  }
}

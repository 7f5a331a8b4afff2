package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts of vCenter parity from an RVTools workbook: vCD and vUSB devices, vDisk "Shared Bus",
 * vInfo's Fault Tolerance and DRS rule columns, vSC_VMK port groups and vNIC duplex; and the facts
 * RVTools never exports, unknown with one cause each.
 */
class RvToolsParityTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());

  Inventory read(Workbooks wb) throws Exception {
    ImportResult r = importer.read(wb.write(dir.resolve("parity.xlsx")));
    Causes.assertAllExplainedByTheImporter(r.inventory());
    return RuleFacts.readBack(r);
  }

  static Vm vm(Inventory inv, String name) {
    return RvToolsImporterTest.vm(inv, name);
  }

  @Test
  void cd_roms_usb_devices_and_bus_sharing_are_read_with_their_backings() throws Exception {
    Inventory inv = read(RvToolsImporterTest.rvtools47());
    assertThat(vm(inv, "web-01").devices()).containsExactly(new VmDevice("cdrom", "CD/DVD drive 1", null, "datastore", true, "ds-shared", null));
    assertThat(vm(inv, "db-01").devices()).containsExactly(new VmDevice("cdrom", "CD/DVD drive 1", null, "client", false, null, null));
    assertThat(vm(inv, "orphan-01").devices()).containsExactly(new VmDevice("usb", "USB 1", null, "host", true, null, null));
    assertThat(vm(inv, "db-01").scsiControllers()).containsExactly(new ScsiController("SCSI controller 0", "physical"));
    assertThat(vm(inv, "web-01").scsiControllers()).containsExactly(new ScsiController("SCSI controller 0", "none"));
  }

  @Test
  void the_devices_rvtools_never_exports_are_unknown_with_one_cause_for_all_vms() throws Exception {
    Inventory inv = read(RvToolsImporterTest.rvtools47());
    for (Vm v : inv.vms()) assertThat(v.unknown()).as(v.name()).contains("devices.serial", "devices.vgpu", "devices.sriov", "cpuAffinity");
    assertThat(inv.unknownCauses()).filteredOn(c -> c.cause().equals(RvToolsImporter.NO_PORTS_OR_PCI)).singleElement()
        .satisfies(c -> assertThat(c.vms()).containsExactlyInAnyOrder("db-01", "orphan-01", "web-01"));
    assertThat(inv.unknownCauses()).filteredOn(c -> c.cause().equals(RvToolsImporter.NO_AFFINITY)).hasSize(1);
    assertThat(inv.unknownCauses()).filteredOn(c -> c.cause().equals(RvToolsImporter.NO_VCENTER_SETTINGS)).singleElement()
        .satisfies(c -> assertThat(c.vmFields()).containsExactly("vgpuHotMigrate"));
    assertThat(inv.vcenter().unknown()).containsExactly("vgpuHotMigrate");
  }

  @Test
  void an_ft_vm_without_its_pair_in_vinfo_has_its_role_and_an_unknown_partner() throws Exception {
    Inventory inv = read(RvToolsImporterTest.rvtools47());
    assertThat(vm(inv, "db-01").ft()).isEqualTo(new FaultTolerance("primary", null));
    assertThat(vm(inv, "db-01").unknown()).contains("ft");
    assertThat(vm(inv, "web-01").ft()).isNull();
    assertThat(vm(inv, "web-01").unknown()).doesNotContain("ft", "clusterRules");
  }

  @Test
  void an_ft_pair_listed_twice_under_one_name_names_each_others_host() throws Exception {
    Workbooks wb = new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Template", "CPUs", "Memory", "HW version", "Path", "Cluster", "Host",
            "OS according to the configuration file", "VM UUID", "FT State", "FT Role", "Cluster rule(s)", "Cluster rule name(s)")
        .row("pay-gw", "poweredOn", "False", 2, 4096, "19", "[ds1] pay-gw/pay-gw.vmx", "prod", "esx-1", "Ubuntu Linux (64-bit)", "u-1", "running", 1,
            "VM-VM anti-affinity", "keep-apart")
        .row("pay-gw", "poweredOn", "False", 2, 4096, "19", "[ds1] pay-gw/pay-gw.vmx", "prod", "esx-2", "Ubuntu Linux (64-bit)", "u-2", "running", 2,
            null, null)
        .tab("vHost", "Host", "Cluster", "CPU Model", "Speed", "# CPU", "Cores per CPU", "# Cores", "HT Active", "# Memory", "Max EVC", "ESX Version")
        .row("esx-1", "prod", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", 2500, 2, 20, 40, "True", 393216, "intel-cascadelake", "VMware ESXi 8.0.2 build-1")
        .row("esx-2", "prod", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", 2500, 2, 20, 40, "True", 393216, "intel-cascadelake", "VMware ESXi 8.0.2 build-1");
    Inventory inv = read(wb);
    assertThat(vm(inv, "pay-gw").ft()).isEqualTo(new FaultTolerance("primary", "esx-2"));
    assertThat(vm(inv, "pay-gw #2").ft()).isEqualTo(new FaultTolerance("secondary", "esx-1"));
    // vInfo names a DRS rule but not its groups or kind: the VM's rules are unknown; the other VM's are none.
    assertThat(vm(inv, "pay-gw").unknown()).contains("clusterRules").doesNotContain("ft");
    assertThat(vm(inv, "pay-gw #2").unknown()).doesNotContain("clusterRules");
    // Without the tabs of its devices, the VM's CD-ROMs and USB devices are unknown, each tab one cause.
    assertThat(vm(inv, "pay-gw").unknown()).contains("devices.cdrom", "devices.usb", "scsiControllers");
    assertThat(inv.unknownCauses()).extracting(c -> c.cause()).contains("tab vCD is missing", "tab vUSB is missing", "tab vDisk is missing");
  }

  @Test
  void vmotion_adapters_carry_the_port_group_of_vsc_vmk_and_the_duplex_of_their_uplink() throws Exception {
    Inventory inv = read(RvToolsImporterTest.rvtools47().tab("vNIC", "Host", "Datacenter", "Cluster", "Network Device", "Driver", "Speed",
            "Duplex", "MAC", "Switch")
        .row("esx-a1", "dc1", "prod", "vmnic2", "i40en", 25000, "False", "3c:fd:00:00:00:02", "vSwitch1")
        .row("esx-a2", "dc1", "prod", "vmnic2", "i40en", null, "True", "3c:fd:00:00:00:03", "vSwitch1"));
    assertThat(RvToolsImporterTest.host(inv, "esx-a1").vmotionNics()).containsExactly(new VmotionNic("vmk1", 25000, 9000, "half", true, "vMotion"));
    // A NIC that shows no speed has no link.
    assertThat(RvToolsImporterTest.host(inv, "esx-a2").vmotionNics().get(0).linkUp()).isFalse();
  }

  @Test
  void device_types_of_a_cd_rom_tell_image_client_and_host_drives_apart_and_refuse_the_rest() {
    assertThat(RvToolsImporter.backing("[iso-lib] linux/rhel9.iso")).isEqualTo("datastore");
    assertThat(RvToolsImporter.backing("Client Device")).isEqualTo("client");
    assertThat(RvToolsImporter.backing("Host Device")).isEqualTo("host");
    assertThat(RvToolsImporter.backing("/vmfs/devices/cdrom/mpx.vmhba32:C0:T0:L0")).isEqualTo("host");
    assertThat(RvToolsImporter.backing("emulated")).isNull();
  }
}

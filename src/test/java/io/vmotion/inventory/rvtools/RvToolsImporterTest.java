package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RvToolsImporterTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());

  /**
   * Headers in the order of RVTools 4.6/4.7 (vInfo with "min Required EVC Mode Key", "HW version"
   * as a bare number, "Size MiB", vHost with "Max EVC" and "Assigned License(s)"), with columns
   * the import does not read left in between, a blank row, a template, an SRM placeholder and a VM
   * on a host that vHost lacks.
   */
  static Workbooks rvtools47() {
    return new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Template", "SRM Placeholder", "Config status", "DNS Name", "CPUs", "Memory", "NICs",
            "min Required EVC Mode Key", "Network #1", "Network #2", "Provisioned MiB", "HW version", "Path", "Datacenter",
            "Cluster", "Host", "OS according to the configuration file", "OS according to the VMware Tools", "VM ID", "VM UUID",
            "FT State", "FT Role", "Cluster rule(s)", "Cluster rule name(s)")
        .row("web-01", "poweredOn", "False", "False", "green", "web-01.lab", 4, 8192, 1, "intel-skylake", "pg-web", null, 40960,
            "19", "[ds-shared] web-01/web-01.vmx", "dc1", "prod", "esx-a1", "Microsoft Windows Server 2019 (64-bit)", null, "vm-101",
            "5001aaaa-0000-0000-0000-000000000101", null, null, null, null)
        .blankRow()
        .row("db-01", "poweredOn", "False", "False", "green", "db-01.lab", 8, 32768, 2, null, "pg-db", "pg-backup", 102400,
            "19", "[ds-shared] db-01/db-01.vmx", "dc1", "prod", "esx-a2", "Red Hat Enterprise Linux 8 (64-bit)", null, "vm-102",
            "5001aaaa-0000-0000-0000-000000000102", "running", 1, null, null)
        .row("tmpl-rhel9", "poweredOff", "True", "False", "green", null, 2, 4096, 1, null, "pg-web", null, 20480,
            "19", "[ds-shared] tmpl/tmpl.vmx", "dc1", "prod", "esx-a1", "Red Hat Enterprise Linux 9 (64-bit)", null, "vm-103",
            "5001aaaa-0000-0000-0000-000000000103", null, null, null, null)
        .row("srm-web-01", "poweredOff", "False", "True", "green", null, 4, 8192, 1, null, "pg-web", null, 40960,
            "19", "[ds-dr] srm/srm.vmx", "dc1", "prod", "esx-a1", "Microsoft Windows Server 2019 (64-bit)", null, "vm-104",
            "5001aaaa-0000-0000-0000-000000000104", null, null, null, null)
        .row("orphan-01", "poweredOn", "False", "False", "green", null, 2, 2048, 1, null, "pg-web", null, 10240,
            "17", "[ds-local-b1] orphan-01/orphan-01.vmx", "dc1", "branch", "esx-b1", "Ubuntu Linux (64-bit)", null, "vm-105",
            "5001aaaa-0000-0000-0000-000000000105", null, null, null, null)
        .tab("vCPU", "VM", "Powerstate", "Template", "SRM Placeholder", "CPUs", "Sockets", "Cores p/s", "Max", "Overall", "Level",
            "Shares", "Reservation", "Entitlement", "Limit", "Hot Add", "VM UUID")
        .row("web-01", "poweredOn", "False", "False", 4, 2, 2, 9000, 100, "normal", 4000, 1000, 0, -1, "False",
            "5001aaaa-0000-0000-0000-000000000101")
        .row("db-01", "poweredOn", "False", "False", 8, 2, 4, 18000, 200, "normal", 8000, 0, 0, -1, "False",
            "5001aaaa-0000-0000-0000-000000000102")
        .tab("vMemory", "VM", "Powerstate", "Template", "SRM Placeholder", "Size MiB", "Memory Reservation Locked To Max",
            "Overhead", "Max", "Consumed", "Level", "Shares", "Reservation", "Limit", "Hot Add", "VM UUID")
        .row("web-01", "poweredOn", "False", "False", 8192, "False", 60, 8192, 4000, "normal", 81920, 2048, -1, "False",
            "5001aaaa-0000-0000-0000-000000000101")
        .row("db-01", "poweredOn", "False", "False", 32768, "True", 120, 32768, 30000, "normal", 327680, 32768, -1, "False",
            "5001aaaa-0000-0000-0000-000000000102")
        .tab("vDisk", "VM", "Powerstate", "Template", "SRM Placeholder", "Disk", "Disk Key", "Disk UUID", "Disk Path",
            "Capacity MiB", "Raw", "Disk Mode", "Thin", "Controller", "Label", "Unit #", "Shared Bus", "Path", "VM UUID")
        .row("web-01", "poweredOn", "False", "False", "Hard disk 1", 2000, "6000", "[ds-shared] web-01/web-01.vmdk", 40960,
            "False", "persistent", "True", "SCSI controller 0", "Hard disk 1", 0, "noSharing", "[ds-shared] web-01/web-01.vmdk",
            "5001aaaa-0000-0000-0000-000000000101")
        .row("db-01", "poweredOn", "False", "False", "Hard disk 2", 2001, "6001", "[ds-data] db-01/db-01_1.vmdk", 102400,
            "False", "persistent", "False", "SCSI controller 0", "Hard disk 2", 1, "physicalSharing", "[ds-data] db-01/db-01_1.vmdk",
            "5001aaaa-0000-0000-0000-000000000102")
        .tab("vNetwork", "VM", "Powerstate", "Template", "SRM Placeholder", "NIC label", "Adapter", "Network", "Switch",
            "Connected", "Starts Connected", "Mac Address", "Type", "IPv4 Address", "VM UUID")
        .row("web-01", "poweredOn", "False", "False", "Network adapter 1", "vmxnet3", "pg-web", "vSwitch0", "True", "True",
            "00:50:56:AA:00:01", "assigned", "10.0.0.11", "5001aaaa-0000-0000-0000-000000000101")
        .row("db-01", "poweredOn", "False", "False", "Network adapter 1", "vmxnet3", "pg-db", "dvs-prod", "True", "True",
            "00:50:56:aa:00:02", "assigned", "10.0.0.12", "5001aaaa-0000-0000-0000-000000000102")
        .row("db-01", "poweredOn", "False", "False", "Network adapter 2", "vmxnet3", "pg-backup", "dvs-prod", "True", "True",
            "00:50:56:aa:00:03", "assigned", "10.0.1.12", "5001aaaa-0000-0000-0000-000000000102")
        .tab("vCD", "VM", "Powerstate", "Template", "SRM Placeholder", "Device Node", "Connected", "Starts Connected", "Device Type",
            "Annotation", "Datacenter", "Cluster", "Host", "VM UUID")
        .row("web-01", "poweredOn", "False", "False", "CD/DVD drive 1", "True", "True", "[ds-shared] iso/rhel9.iso", null, "dc1",
            "prod", "esx-a1", "5001aaaa-0000-0000-0000-000000000101")
        .row("db-01", "poweredOn", "False", "False", "CD/DVD drive 1", "False", "False", "Client Device", null, "dc1", "prod",
            "esx-a2", "5001aaaa-0000-0000-0000-000000000102")
        .tab("vUSB", "VM", "Powerstate", "Template", "SRM Placeholder", "Device Node", "Device Type", "Connected", "Family", "Speed",
            "VM UUID")
        .row("orphan-01", "poweredOn", "False", "False", "USB 1", "Host USB device", "True", "storage", "high",
            "5001aaaa-0000-0000-0000-000000000105")
        .tab("vHost", "Host", "Datacenter", "Cluster", "Config status", "in Maintenance Mode", "in Quarantine Mode", "CPU Model",
            "Speed", "HT Available", "HT Active", "# CPU", "Cores per CPU", "# Cores", "CPU usage %", "# Memory", "Memory usage %",
            "# NICs", "VMotion support", "Current EVC", "Max EVC", "Assigned License(s)", "ESX Version", "Vendor", "UUID")
        .row("esx-a2", "dc1", "prod", "green", "False", "False", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", 2500, "True",
            "True", 2, 20, 40, 30, 786432, 40, 4, "True", "intel-skylake", "intel-cascadelake",
            "VMware vSphere 8 Enterprise Plus", "VMware ESXi 8.0.2 build-22380479", "Dell Inc.", "4c4c-2")
        .row("esx-a1", "dc1", "prod", "green", "True", "False", "Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz", 2400, "True",
            "False", 2, 20, 40, 30, 393216, 40, 4, "True", "intel-skylake", "intel-skylake",
            "VMware vSphere 8 Enterprise Plus, VMware vSAN Enterprise", "VMware ESXi 7.0.3 build-21930508", "Dell Inc.", "4c4c-1")
        .tab("vPort", "Host", "Datacenter", "Cluster", "Port Group", "Switch", "VLAN")
        .row("esx-a1", "dc1", "prod", "pg-web", "vSwitch0", 10)
        .row("esx-a1", "dc1", "prod", "vMotion", "vSwitch1", 20)
        .row("esx-a2", "dc1", "prod", "pg-web", "vSwitch0", 10)
        .row("esx-a2", "dc1", "prod", "vMotion", "vSwitch1", 20)
        .tab("dvSwitch", "Switch", "Datacenter", "Name", "Vendor", "Version", "Host members", "Max Ports")
        .row("dvs-prod", "dc1", "dvs-prod", "VMware, Inc.", "8.0.0", "esx-a1, esx-a2", 2000)
        .tab("dvPort", "Port", "Switch", "Type", "# Ports", "VLAN")
        .row("pg-db", "dvs-prod", "earlyBinding", 8, 30)
        .row("pg-backup", "dvs-prod", "earlyBinding", 8, 31)
        .tab("vDatastore", "Name", "Config status", "Address", "Accessible", "Type", "# VMs", "Capacity MiB", "# Hosts", "Hosts", "URL")
        .row("ds-shared", "green", "", "True", "VMFS", 3, 4194304, 2, "esx-a1, esx-a2", "ds:///vmfs/volumes/1/")
        .row("ds-data", "green", "", "True", "VMFS", 1, 4194304, 1, "esx-a2", "ds:///vmfs/volumes/2/")
        .tab("vSC_VMK", "Host", "Datacenter", "Cluster", "Port Group", "Device", "Mac Address", "DHCP", "IP Address", "MTU")
        .row("esx-a1", "dc1", "prod", "Management Network", "vmk0", "00:50:56:00:00:a1", "False", "10.1.0.1", 1500)
        .row("esx-a1", "dc1", "prod", "vMotion", "vmk1", "00:50:56:00:01:a1", "False", "10.2.0.1", 9000)
        .row("esx-a2", "dc1", "prod", "vMotion", "vmk1", "00:50:56:00:01:a2", "False", "10.2.0.2", 9000)
        .tab("vNIC", "Host", "Datacenter", "Cluster", "Network Device", "Driver", "Speed", "Duplex", "MAC", "Switch")
        .row("esx-a1", "dc1", "prod", "vmnic0", "i40en", 10000, "True", "3c:fd:00:00:00:01", "vSwitch0")
        .row("esx-a1", "dc1", "prod", "vmnic2", "i40en", 25000, "True", "3c:fd:00:00:00:02", "vSwitch1")
        .row("esx-a2", "dc1", "prod", "vmnic2", "i40en", 1000, "True", "3c:fd:00:00:00:03", "vSwitch1")
        .tab("vLicense", "Name", "Key", "Labels", "Cost Unit", "Total", "Used", "Expiration Date", "Features")
        .row("VMware vSphere 8 Enterprise Plus", "XXXXX-XXXXX", "", "cpuPackage", 8, 4, "Never", "vMotion");
  }

  ImportResult importOf(Workbooks wb, String name) throws Exception {
    return importer.read(wb.write(dir.resolve(name)));
  }

  static Host host(Inventory inv, String name) {
    return inv.host(name).orElseThrow(() -> new AssertionError("no host " + name));
  }

  static Vm vm(Inventory inv, String name) {
    return inv.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no VM " + name));
  }

  @Test
  void an_rvtools_4_7_export_becomes_an_inventory_the_strict_reader_accepts() throws Exception {
    ImportResult r = importOf(rvtools47(), "rvtools47.xlsx");
    Inventory inv = RuleFacts.readBack(r);

    assertThat(inv.hosts()).extracting(Host::name).containsExactly("esx-a1", "esx-a2", "esx-b1");
    assertThat(inv.vms()).extracting(Vm::name).containsExactly("db-01", "orphan-01", "web-01");

    Host a1 = host(inv, "esx-a1");
    assertThat(a1.cluster()).isEqualTo("prod");
    assertThat(a1.version().toString()).isEqualTo("7.0.3");
    assertThat(a1.license()).isEqualTo("enterprise-plus");
    assertThat(a1.maintenanceMode()).isTrue();
    assertThat(a1.evcMode()).isEqualTo("intel-skylake");
    assertThat(a1.cpu().vendor()).isEqualTo("intel");
    assertThat(a1.cpu().family()).isEqualTo(6);
    assertThat(a1.cpu().model()).isEqualTo(85);
    assertThat(a1.cpu().cores()).isEqualTo(40);
    assertThat(a1.cpu().threads()).isEqualTo(40); // HT Active False
    assertThat(a1.cpu().mhz()).isEqualTo(2400);
    assertThat(a1.cpu().features()).isEqualTo(RuleFacts.rules().data().baselines().get("intel-skylake").features());
    assertThat(a1.memoryMb()).isEqualTo(393216);
    assertThat(a1.vmotionNics()).singleElement().satisfies(n -> {
      assertThat(n.name()).isEqualTo("vmk1");
      assertThat(n.speedMbps()).isEqualTo(25000); // the fastest NIC on vSwitch1, where the vMotion port group is
      assertThat(n.mtu()).isEqualTo(9000);
    });
    assertThat(a1.portGroups()).containsExactly("pg-backup", "pg-db", "pg-web", "vMotion");
    assertThat(a1.datastores()).containsExactly("ds-shared");

    Host a2 = host(inv, "esx-a2");
    assertThat(a2.version().toString()).isEqualTo("8.0.2");
    assertThat(a2.cpu().threads()).isEqualTo(80);
    assertThat(a2.cpu().features()).contains("avx512_vnni");
    assertThat(a2.datastores()).containsExactly("ds-data", "ds-shared");
    assertThat(a2.vmotionNics().get(0).speedMbps()).isEqualTo(1000);

    Vm web = vm(inv, "web-01");
    assertThat(web.host()).isEqualTo("esx-a1");
    assertThat(web.hardwareVersion()).isEqualTo(19);
    assertThat(web.guestOs()).isEqualTo("windows2019srv_64Guest");
    assertThat(web.vcpus()).isEqualTo(4);
    assertThat(web.memoryMb()).isEqualTo(8192);
    assertThat(web.reservation().cpuMhz()).isEqualTo(1000);
    assertThat(web.reservation().memoryMb()).isEqualTo(2048);
    assertThat(web.datastores()).containsExactly("ds-shared");
    assertThat(web.nics()).singleElement().satisfies(n -> {
      assertThat(n.portGroup()).isEqualTo("pg-web");
      assertThat(n.mac()).isEqualTo("00:50:56:aa:00:01");
    });
    // The VM's own requirement is its minimum EVC mode, with the vendor it implies; not a copy of its features.
    assertThat(web.minRequiredEvcMode()).isEqualTo("intel-skylake");
    assertThat(web.cpuVendor()).isEqualTo("intel");
    assertThat(web.cpuFeatures()).isEmpty();

    Vm db = vm(inv, "db-01");
    assertThat(db.guestOs()).isEqualTo("rhel8_64Guest");
    assertThat(db.datastores()).containsExactly("ds-data", "ds-shared");
    assertThat(db.nics()).extracting(n -> n.portGroup()).containsExactly("pg-db", "pg-backup");
    assertThat(db.cpuFeatures()).isEmpty();
    assertThat(db.minRequiredEvcMode()).isNull();
    assertThat(db.reservation().memoryMb()).isEqualTo(32768);
  }

  @Test
  void templates_and_srm_placeholders_are_skipped_and_counted() throws Exception {
    ImportResult r = importOf(rvtools47(), "t.xlsx");
    assertThat(r.inventory().get("vms").findValuesAsText("name")).doesNotContain("tmpl-rhel9", "srm-web-01");
    assertThat(r.warnings()).anyMatch(w -> w.contains("1 template(s) skipped"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("1 SRM placeholder VM(s) skipped"));
  }

  @Test
  void a_vm_whose_host_is_missing_from_vhost_keeps_its_host_with_the_cluster_from_vinfo() throws Exception {
    ImportResult r = importOf(rvtools47(), "m.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Host b1 = host(inv, "esx-b1");
    assertThat(b1.cluster()).isEqualTo("branch");
    // Nothing says what esx-b1 mounts or connects: it offers what its cluster's VMs use.
    assertThat(b1.datastores()).containsExactly("ds-local-b1");
    assertThat(b1.portGroups()).containsExactly("pg-web");
    assertThat(b1.version().toString()).isEqualTo("7.0.3"); // the lowest known release, as no host shares its cluster
    assertThat(vm(inv, "orphan-01").host()).isEqualTo("esx-b1");
    assertThat(r.warnings()).anyMatch(w -> w.startsWith(dir.resolve("m.xlsx") + ": host not in tab vHost") && w.contains("esx-b1"));
    // Each gap is reported once, however many facts it affected.
    assertThat(r.warnings()).doesNotHaveDuplicates();
    assertThat(r.warnings().stream().filter(w -> w.contains("host not in tab vHost")).count()).isEqualTo(1);
  }

  /**
   * An older layout (RVTools 3.x/4.0): "HW version" as "vmx-13", "Size MB", no "Max EVC" or
   * "Assigned License(s)" columns, columns in another order, no vNetwork/vDatastore tabs but
   * vMultiPath, and a single edition in vLicense.
   */
  static Workbooks rvtools3() {
    return new Workbooks()
        .tab("vInfo", "VM", "Host", "Cluster", "Powerstate", "Template", "Memory", "CPUs", "Network #1", "Network #2",
            "HW version", "OS according to the configuration file", "Path")
        .row("app-01", "esx-1", "c1", "poweredOn", "False", 4096, 2, "VM Network", "Backup", "vmx-13",
            "SUSE Linux Enterprise 15 (64-bit)", "[nfs-01] app-01/app-01.vmx")
        .row("app-02", "esx-2", "c1", "suspended", "False", 2048, 1, "VM Network", null, "vmx-11",
            "Some Exotic OS 3000", "[nfs-01] app-02/app-02.vmx")
        .row(null, null, null, null, null, null, null, null, null, null, null, null)
        .tab("vMemory", "VM", "Size MB", "Reservation")
        .row("app-01", 4096, 1024)
        .tab("vHost", "Host", "Cluster", "ESX Version", "# Memory", "CPU Model", "Speed", "# Cores", "HT Active")
        .row("esx-1", "c1", "VMware ESXi 6.7.0 build-17700523", 262144, "Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz", 2400, 28, "True")
        .row("esx-2", "c1", "VMware ESXi 6.7.0 build-17700523", 262144, "AMD EPYC 7302 16-Core Processor", 3000, 32, "True")
        .tab("vPort", "Host", "Port Group")
        .row("esx-1", "VM Network").row("esx-1", "Backup").row("esx-2", "VM Network")
        .tab("vMultiPath", "Host", "Cluster", "Datastore", "Disk")
        .row("esx-1", "c1", "nfs-01", "naa.1").row("esx-2", "c1", "nfs-01", "naa.1")
        .tab("vLicense", "Name", "Key", "Total", "Used")
        .row("VMware vSphere 6 Standard", "AAAAA", 4, 4)
        .row("VMware vCenter Server 6 Standard", "BBBBB", 1, 1);
  }

  @Test
  void an_older_layout_with_other_names_and_missing_columns_still_imports() throws Exception {
    ImportResult r = importOf(rvtools3(), "rvtools3.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    Vm app1 = vm(inv, "app-01");
    assertThat(app1.hardwareVersion()).isEqualTo(13);
    assertThat(app1.guestOs()).isEqualTo("sles15_64Guest");
    assertThat(app1.nics()).extracting(n -> n.portGroup()).containsExactly("VM Network", "Backup");
    assertThat(app1.datastores()).containsExactly("nfs-01");
    assertThat(app1.reservation().memoryMb()).isEqualTo(1024);
    Vm app2 = vm(inv, "app-02");
    assertThat(app2.powerState().json()).isEqualTo("suspended");
    assertThat(app2.guestOs()).isEqualTo("otherGuest");

    Host esx1 = host(inv, "esx-1");
    assertThat(esx1.license()).isEqualTo("standard");
    assertThat(esx1.cpu().threads()).isEqualTo(56);
    assertThat(esx1.cpu().model()).isEqualTo(79);
    assertThat(esx1.cpu().features()).isEqualTo(RuleFacts.rules().data().baselines().get("intel-broadwell").features());
    assertThat(esx1.datastores()).containsExactly("nfs-01");
    Host esx2 = host(inv, "esx-2");
    assertThat(esx2.cpu().vendor()).isEqualTo("amd");
    assertThat(esx2.cpu().features()).isEqualTo(RuleFacts.rules().data().baselines().get("amd-zen2").features());

    String file = dir.resolve("rvtools3.xlsx").toString();
    assertThat(r.warnings()).contains(
        file + ": tab vHost: column \"Max EVC\" missing; CPU features come from the CPU model table",
        file + ": tab vNetwork missing; VM networks come from vInfo's \"Network #1..#8\" columns, without MAC addresses");
    assertThat(r.warnings()).anyMatch(w -> w.contains("guest OS \"Some Exotic OS 3000\" has no known guest id") && w.contains("app-02"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("tab vCPU missing"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("tab vSC_VMK missing"));
  }

  @Test
  void a_workbook_with_only_a_sparse_vinfo_imports_with_defaults_and_says_which() throws Exception {
    Workbooks wb = new Workbooks().tab("vInfo", "VM", "Host").row("lonely", "esx-x").row(null, "esx-y");
    ImportResult r = importOf(wb, "sparse.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    assertThat(inv.hosts()).extracting(Host::name).containsExactly("esx-x");
    assertThat(inv.vms()).extracting(Vm::name).containsExactly("lonely");
    assertThat(String.join("\n", r.warnings()))
        .contains("tab vHost missing")
        .contains("column \"Powerstate\" missing")
        .contains("license unknown; set to \"evaluation\"")
        .contains("ESXi version unknown; set to 6.7.0")
        .contains("vMotion VMkernel adapter unknown");
  }

  @Test
  void a_workbook_with_no_tabs_of_rvtools_still_opens_and_gives_an_empty_inventory() throws Exception {
    ImportResult r = importOf(new Workbooks().tab("Sheet1", "a", "b").row(1, 2), "other.xlsx");
    Inventory inv = RuleFacts.readBack(r);
    assertThat(inv.hosts()).isEmpty();
    assertThat(inv.vms()).isEmpty();
    assertThat(r.warnings()).anyMatch(w -> w.contains("tab vInfo missing; no VMs imported"));
  }

  @Test
  void the_same_workbook_gives_byte_identical_output_with_sorted_hosts_and_vms() throws Exception {
    JsonNode a = importOf(rvtools47(), "a.xlsx").inventory();
    JsonNode b = importOf(rvtools47(), "b.xlsx").inventory();
    assertThat(a.toString()).isEqualTo(b.toString());
    List<String> hosts = new ArrayList<>();
    a.get("hosts").forEach(h -> hosts.add(h.get("name").asText()));
    List<String> vms = new ArrayList<>();
    a.get("vms").forEach(v -> vms.add(v.get("name").asText()));
    assertThat(hosts).hasSize(3).isSorted();
    assertThat(vms).hasSize(3).isSorted();
  }

  @Test
  void a_file_that_is_not_a_workbook_is_refused_naming_the_file() throws Exception {
    Path zip = dir.resolve("fake.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("xl/workbook.xml"));
      z.write("this is not XML".getBytes());
      z.closeEntry();
    }
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> importer.read(zip));
    assertThat(e).isNotNull();
    assertThat(e.render()).startsWith(zip + ": cannot be opened as an Excel workbook");
  }

  @Test
  void license_names_map_to_edition_keys() {
    assertThat(Licenses.edition("VMware vSphere 7 Enterprise Plus")).isEqualTo("enterprise-plus");
    assertThat(Licenses.edition("VMware vSphere 6 Enterprise")).isEqualTo("enterprise");
    assertThat(Licenses.edition("VMware vSphere 8 Standard")).isEqualTo("standard");
    assertThat(Licenses.edition("VMware vSphere 7 Essentials Plus")).isEqualTo("essentials-plus");
    assertThat(Licenses.edition("VMware vSphere 6 Essentials")).isEqualTo("essentials");
    assertThat(Licenses.edition("VMware vSphere Foundation")).isEqualTo("vsphere-foundation");
    assertThat(Licenses.edition("VMware Cloud Foundation 5")).isEqualTo("vcf");
    assertThat(Licenses.edition("Evaluation Mode")).isEqualTo("evaluation");
    assertThat(Licenses.edition("VMware vSphere Hypervisor")).isEqualTo("free");
    assertThat(Licenses.edition("VMware vSAN Enterprise")).isNull();
    assertThat(Licenses.firstEdition("VMware vSAN Enterprise, VMware vSphere 8 Standard")).isEqualTo("standard");
  }

  @Test
  void guest_os_full_names_map_to_ids_the_rule_data_knows() {
    GuestNames g = new GuestNames(RuleFacts.guestLabels());
    assertThat(g.id("Microsoft Windows Server 2022 (64-bit)")).contains("windows2019srvNext_64Guest");
    assertThat(g.id("Microsoft Windows Server 2016 or later (64-bit)")).contains("windows9Server64Guest");
    assertThat(g.id("Red Hat Enterprise Linux 9 (64-bit)")).contains("rhel9_64Guest");
    assertThat(g.id("Debian GNU/Linux 12 (64-bit)")).contains("debian12_64Guest");
    assertThat(g.id("Other 4.x or later Linux (64-bit)")).contains("other4xLinux64Guest");
    assertThat(g.id("rhel8_64Guest")).contains("rhel8_64Guest");
    assertThat(g.id("Plan 9")).isEmpty();
  }

  @Test
  void headers_match_whatever_their_case_spacing_and_punctuation() {
    assertThat(Table.key("# Cores")).isEqualTo(Table.key("#cores"));
    assertThat(Table.key("min Required EVC Mode Key")).isEqualTo(Table.key("Min required EVC mode key"));
    assertThat(Table.key("Size MiB")).isEqualTo(Table.key("size_mib"));
  }
}

package io.vmotion.inventory.rvtools;

import java.nio.file.Path;
import java.util.List;

/**
 * The workbook of the issue's "Why", rebuilt by code: an RVTools 4.7 export of a vCenter 8.0.3
 * site laid out as the public sample kubev2v/migration-planner
 * test/e2e/data/example_rvtools_files/example1.xlsx is (its tabs and columns, not its data): seven
 * hosts in vHost, each with "Max EVC" intel-cascadelake and an empty "Current EVC", and no "ESX
 * Version" or "Assigned License(s)" column; eight VMs in vInfo (three powered on) that run on three
 * hosts vHost lacks, one VM with "min Required EVC Mode Key" intel-icelake and one with
 * intel-cascadelake; vInfo without "Path", vDisk with empty "Disk Path" cells; vCPU, vMemory and
 * vPartition; no vLicense, vNetwork, vPort, dvPort, dvSwitch, vDatastore, vMultiPath, vSC_VMK or
 * vNIC tab.
 */
public final class WhyWorkbook {

  /** The hosts vHost lists. */
  public static final List<String> VHOST_HOSTS = List.of("10.20.0.11", "10.20.0.12", "10.20.0.13", "10.20.0.14", "10.20.0.15",
      "10.20.0.16", "10.20.0.17");
  /** The hosts the VMs run on, none of them in vHost. */
  public static final List<String> MISSING_HOSTS = List.of("10.20.1.21", "10.20.1.22", "10.20.1.23");
  /** The VM whose minimum EVC mode is intel-icelake (powered on, on a host vHost lacks). */
  public static final String ICELAKE_VM = "app-icelake";
  public static final String CASCADELAKE_VM = "db-cascadelake";
  public static final String VCENTER = "VMware vCenter Server 8.0.3 build-24262322";

  private WhyWorkbook() {}

  /** Writes the workbook as {@code why.xlsx} in {@code folder} and returns its path. */
  public static Path write(Path folder) throws Exception {
    return workbook().write(folder.resolve("why.xlsx"));
  }

  public static Workbooks workbook() {
    Workbooks wb = new Workbooks();
    wb.tab("vInfo", "VM", "Powerstate", "Template", "SRM Placeholder", "Config status", "Connection state", "Guest state", "Heartbeat",
        "CPUs", "Memory", "NICs", "Disks", "Total disk capacity MiB", "min Required EVC Mode Key", "Network #1", "Network #2", "Network #3",
        "Network #4", "Network #5", "Network #6", "Network #7", "Network #8", "Resource pool", "Provisioned MiB", "In Use MiB", "Firmware",
        "HW version", "Datacenter", "Cluster", "Host", "OS according to the configuration file", "OS according to the VMware Tools",
        "VM ID", "VM UUID", "VI SDK Server type", "VI SDK API Version");
    Object[][] vms = {
        // name, power, cpus, memory, min EVC, network, hw, host, os, id
        {"web-01", "poweredOff", 2, 4096, null, "VM Network", 21, MISSING_HOSTS.get(0), "Red Hat Enterprise Linux 9 (64-bit)", "vm-1001"},
        {"web-02", "poweredOff", 2, 4096, null, "VM Network", 21, MISSING_HOSTS.get(0), "Red Hat Enterprise Linux 9 (64-bit)", "vm-1002"},
        {"web-03", "poweredOff", 4, 8192, null, "VM Network", 21, MISSING_HOSTS.get(0), "Red Hat Enterprise Linux 9 (64-bit)", "vm-1003"},
        {"batch-01", "poweredOff", 8, 16384, null, "VM Network", 21, MISSING_HOSTS.get(0), "Ubuntu Linux (64-bit)", "vm-1004"},
        {"batch-02", "poweredOff", 8, 16384, null, "VM Network", 21, MISSING_HOSTS.get(0), "Ubuntu Linux (64-bit)", "vm-1005"},
        {ICELAKE_VM, "poweredOn", 4, 16384, "intel-icelake", "VM Network", 20, MISSING_HOSTS.get(1), "Microsoft Windows Server 2022 (64-bit)", "vm-1006"},
        {CASCADELAKE_VM, "poweredOn", 8, 32768, "intel-cascadelake", "VM Network", 21, MISSING_HOSTS.get(2), "Debian GNU/Linux 12 (64-bit)", "vm-1007"},
        {"legacy-01", "poweredOn", 1, 2048, null, "VM Network", 10, MISSING_HOSTS.get(2), "Ubuntu Linux (64-bit)", "vm-1008"},
    };
    for (Object[] v : vms) {
      wb.row(v[0], v[1], "False", "False", "green", "connected", "running", "green", v[2], v[3], 1, 1, 40960, v[4], v[5], null, null, null,
          null, null, null, null, "/Datacenter/Cluster/Resources", 43008, 20480, "efi", v[6], "Datacenter", "Cluster", v[7], v[8], v[8], v[9],
          "500b0000-0000-0000-0000-" + v[9].toString().substring(3) + "00000000", VCENTER, "8.0.3.0");
    }
    wb.tab("vCPU", "VM", "Powerstate", "Template", "SRM Placeholder", "CPUs", "Sockets", "Cores p/s", "Max", "Overall", "Level", "Shares",
        "Reservation", "Entitlement", "DRS Entitlement", "Limit", "Hot Add", "Hot Remove", "Datacenter", "Cluster", "Host");
    for (Object[] v : vms) {
      wb.row(v[0], v[1], "False", "False", v[2], v[2], 1, 4590, 0, "normal", 1000, 0, 0, 0, -1, "False", "False", "Datacenter", "Cluster", v[7]);
    }
    wb.tab("vMemory", "VM", "Powerstate", "Template", "SRM Placeholder", "Size MiB", "Memory Reservation Locked To Max", "Overhead", "Max",
        "Consumed", "Level", "Shares", "Reservation", "Limit", "Hot Add", "Datacenter", "Cluster", "Host", "VM ID");
    for (Object[] v : vms) {
      wb.row(v[0], v[1], "False", "False", v[3], "False", 0, v[3], 0, "normal", 20480, 0, -1, "False", "Datacenter", "Cluster", v[7], v[9]);
    }
    wb.tab("vDisk", "VM", "Powerstate", "Template", "SRM Placeholder", "Disk", "Disk Key", "Disk UUID", "Disk Path", "Capacity MiB", "Raw",
        "Disk Mode", "Sharing mode", "Thin", "Controller", "Label", "Unit #", "Datacenter", "Cluster", "Host", "VM ID");
    for (Object[] v : vms) {
      wb.row(v[0], v[1], "False", "False", "Hard disk 1", 2000, "6000C290-0000-0000-0000-" + v[9].toString().substring(3), null, 40960,
          "False", "persistent", "sharingNone", "True", "VMware paravirtual SCSI", "SCSI controller 0", 0, "Datacenter", "Cluster", v[7], v[9]);
    }
    wb.tab("vPartition", "VM", "Powerstate", "Template", "SRM Placeholder", "Disk Key", "Disk", "Capacity MiB", "Consumed MiB", "Free MiB",
        "Free %", "Datacenter", "Cluster", "Host");
    wb.row(ICELAKE_VM, "poweredOn", "False", "False", 2000, "C:\\", 40960, 20480, 20480, 50, "Datacenter", "Cluster", MISSING_HOSTS.get(1));
    wb.tab("vHost", "Host", "Datacenter", "Cluster", "Config status", "Compliance Check State", "in Maintenance Mode", "in Quarantine Mode",
        "vSAN Fault Domain Name", "CPU Model", "Speed", "HT Available", "HT Active", "# CPU", "Cores per CPU", "# Cores", "CPU usage %",
        "# Memory", "Memory Tiering Type", "Memory usage %", "Console", "# NICs", "# HBAs", "# VMs total", "# VMs", "VMs per Core",
        "# vCPUs", "vCPUs per Core", "vRAM", "VM Used memory", "VM Memory Swapped", "VM Memory Ballooned", "VMotion support",
        "Storage VMotion support", "Current EVC", "Max EVC", "ATS Heartbeat", "ATS Locking", "Current CPU power man. policy",
        "Supported CPU power man.", "Host Power Policy", "Boot time", "DNS Servers", "DHCP", "NTPD running", "Time Zone", "Time Zone Name",
        "GMT Offset", "Vendor", "Model");
    for (String h : VHOST_HOSTS) {
      wb.row(h, "Datacenter", "Cluster", "green", null, "False", "False", null, "Intel(R) Xeon(R) Gold 5218 CPU @ 2.30GHz", 2295, "True",
          "True", 2, 16, 32, 14, 261797, "noTiering", 36, 0, 5, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, "True", "True", null, "intel-cascadelake",
          1, 1, "Balanced", "ACPI C-states", "dynamic", 45563.55, "10.20.0.1", "False", "True", "UTC", "UTC", 0, "HPE", "ProLiant DL380 Gen10");
    }
    return wb;
  }
}

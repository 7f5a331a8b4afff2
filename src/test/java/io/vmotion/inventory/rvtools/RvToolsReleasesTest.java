package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.Causes;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column spellings of RVTools 3.x to 4.7 (docs/importing.md lists them with the public samples
 * that show them): each field is read whichever spelling the release uses.
 */
class RvToolsReleasesTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());
  int files;

  ImportResult importOf(Workbooks wb) throws Exception {
    return importer.read(wb.write(dir.resolve("w" + (files++) + ".xlsx")));
  }

  /** One VM on host esx-1, powered on, with vInfo as RVTools 4.7 spells it. */
  static Workbooks oneVm(Workbooks wb) {
    return wb.tab("vInfo", "VM", "Powerstate", "CPUs", "Memory", "HW version", "Host", "Cluster", "OS according to the configuration file")
        .row("vm-1", "poweredOn", 2, 4096, 19, "esx-1", "c1", "Ubuntu Linux (64-bit)");
  }

  Host hostWith(String header, Object value) throws Exception {
    return hostWith(new String[] {header}, new Object[] {value});
  }

  Host hostWith(String[] headers, Object[] values) throws Exception {
    String[] h = new String[headers.length + 1];
    Object[] v = new Object[values.length + 1];
    h[0] = "Host";
    v[0] = "esx-1";
    System.arraycopy(headers, 0, h, 1, headers.length);
    System.arraycopy(values, 0, v, 1, values.length);
    Inventory inv = RuleFacts.readBack(importOf(oneVm(new Workbooks()).tab("vHost", h).row(v)));
    return inv.host("esx-1").orElseThrow();
  }

  @Test
  void the_esxi_version_is_read_from_every_place_a_release_puts_it() throws Exception {
    // 3.x (an ESXi 5.5 site's vHost CSV) to 4.7: "ESX Version" with the product string.
    assertThat(hostWith("ESX Version", "VMware ESXi 5.5.0 build-3568722").version().toString()).isEqualTo("5.5.0");
    assertThat(hostWith("ESX Version", "VMware ESXi 8.0.3 build-24022510").version().toString()).isEqualTo("8.0.3");
    assertThat(hostWith("ESXi Version", "VMware ESXi 7.0.3 build-21930508").version().toString()).isEqualTo("7.0.3");
    // "Version" and "Build" apart, or the product string in "Version".
    assertThat(hostWith(new String[] {"Version", "Build"}, new Object[] {"8.0.3", 24022510}).version().toString()).isEqualTo("8.0.3");
    assertThat(hostWith("Version", "VMware ESXi 8.0.3 build-24022510").version().toString()).isEqualTo("8.0.3");
    assertThat(hostWith("Version", "VMware ESXi 7.0 Update 3").version().toString()).isEqualTo("7.0.3");
    Host unread = hostWith("ESX Version", "unknown build");
    assertThat(unread.unknown()).contains("version");
  }

  @Test
  void a_vms_evc_requirement_and_its_vendor_are_read_in_every_spelling() throws Exception {
    for (String header : new String[] {"min Required EVC Mode Key", "min Required EVC Mode Key ", "Min required EVC mode key", "EVC Mode"}) {
      Inventory inv = RuleFacts.readBack(importOf(new Workbooks()
          .tab("vInfo", "VM", "Powerstate", "Host", header).row("vm-1", "poweredOn", "esx-1", "amd-zen2").row("vm-2", "poweredOn", "esx-1", "")
          .row("vm-3", "poweredOn", "esx-1", "Intel \"Ice Lake\" Generation")));
      Vm v = inv.vms().get(0);
      assertThat(v.minRequiredEvcMode()).as(header).isEqualTo("amd-zen2");
      assertThat(v.cpuVendor()).as(header).isEqualTo("amd");
      assertThat(v.cpuFeatures()).as(header).isEmpty();
      assertThat(inv.vms().get(1).minRequiredEvcMode()).isNull();
      assertThat(inv.vms().get(2).minRequiredEvcMode()).isEqualTo("intel-icelake");
      assertThat(inv.vms().get(2).cpuVendor()).isEqualTo("intel");
    }
  }

  @Test
  void max_evc_and_current_evc_are_read_in_every_spelling() throws Exception {
    for (String[] h : new String[][] {{"Max EVC", "Current EVC"}, {"Max EVC Mode", "Current EVC Mode"}}) {
      Host host = hostWith(h, new Object[] {"intel-icelake", "intel-skylake"});
      assertThat(host.maxEvcMode()).isEqualTo("intel-icelake");
      assertThat(host.evcMode()).isEqualTo("intel-skylake");
      assertThat(host.cpu().vendor()).isEqualTo("intel");
      assertThat(host.cpu().features()).isEqualTo(RuleFacts.rules().data().baselines().get("intel-icelake").features());
      assertThat(host.unknown()).contains("cpu.features").doesNotContain("evcMode", "cpu.vendor");
    }
    // An empty "Current EVC" is a fact (EVC off); a missing column is not.
    assertThat(hostWith(new String[] {"Max EVC", "Current EVC"}, new Object[] {"amd-zen3", null}).unknown()).doesNotContain("evcMode");
    assertThat(hostWith("Max EVC", "amd-zen3").unknown()).contains("evcMode");
  }

  @Test
  void power_state_hardware_version_and_guest_are_read_in_every_spelling() throws Exception {
    Object[][] layouts = {
        {"Powerstate", "HW version", "vmx-13"},      // 3.x: "vmx-13"
        {"Power State", "HW Version", "13"},        // text number
        {"PowerState", "VM Version", 13},           // numeric cell
        {"Powerstate", "Hardware version", "vmx-13"},
    };
    for (Object[] l : layouts) {
      Inventory inv = RuleFacts.readBack(importOf(new Workbooks()
          .tab("vInfo", "VM", (String) l[0], (String) l[1], "Host", "OS according to the configuration file", "OS according to the VMware Tools")
          .row("vm-1", "poweredOn", l[2], "esx-1", null, "Red Hat Enterprise Linux 8 (64-bit)")
          .row("vm-2", "suspended", l[2], "esx-1", "rhel9_64Guest", null)));
      assertThat(inv.vms().get(0).poweredOn()).as(l[0].toString()).isTrue();
      assertThat(inv.vms().get(0).hardwareVersion()).as(l[1].toString()).isEqualTo(13);
      assertThat(inv.vms().get(0).guestOs()).isEqualTo("rhel8_64Guest"); // from the VMware Tools' name when the configured one is empty
      assertThat(inv.vms().get(1).powerState().json()).isEqualTo("suspended");
      assertThat(inv.vms().get(1).guestOs()).isEqualTo("rhel9_64Guest");
      assertThat(inv.vms().get(0).unknown()).doesNotContain("powerState", "hardwareVersion", "guestOs");
    }
  }

  @Test
  void sizes_are_read_whichever_unit_the_release_names_in_its_header() throws Exception {
    // 3.x/4.0 "MB" headers hold the same MiB that 4.1+ calls "MiB"; a GiB header is converted.
    for (String[] h : new String[][] {{"Memory", "Size MiB", "# Memory"}, {"Memory MB", "Size MB", "Memory MB"}}) {
      Inventory inv = RuleFacts.readBack(importOf(new Workbooks()
          .tab("vInfo", "VM", "Powerstate", "Host", h[0]).row("vm-1", "poweredOn", "esx-1", 4096).row("vm-2", "poweredOn", "esx-1", null)
          .tab("vMemory", "VM", h[1], "Reservation").row("vm-1", 4096, 1024).row("vm-2", 2048, 0)
          .tab("vHost", "Host", h[2]).row("esx-1", 262144)));
      assertThat(inv.vms().get(0).memoryMb()).isEqualTo(4096);
      assertThat(inv.vms().get(0).reservation().memoryMb()).isEqualTo(1024);
      assertThat(inv.vms().get(1).memoryMb()).isEqualTo(2048); // vMemory's size when vInfo's cell is empty
      assertThat(inv.vms().get(1).unknown()).doesNotContain("memoryMb");
      assertThat(inv.host("esx-1").orElseThrow().memoryMb()).isEqualTo(262144);
    }
    assertThat(hostWith("Memory GiB", 256).memoryMb()).isEqualTo(262144);
    assertThat(hostWith(new String[] {"# CPU", "Cores per CPU", "HT Active"}, new Object[] {2, 20, "True"}).cpu().threads()).isEqualTo(80);
  }

  @Test
  void tabs_labelled_with_rvtools_internal_names_are_read() throws Exception {
    Inventory inv = RuleFacts.readBack(importOf(new Workbooks()
        .tab("RVTools_tabvInfo", "VM", "Powerstate", "Host").row("vm-1", "poweredOn", "esx-1")
        .tab("RVTools_tabvHost", "Host", "ESX Version").row("esx-1", "VMware ESXi 8.0.2 build-22380479")));
    assertThat(inv.vms()).hasSize(1);
    assertThat(inv.host("esx-1").orElseThrow().version().toString()).isEqualTo("8.0.2");
  }

  @Test
  void every_unknown_field_of_the_sample_layouts_is_explained_by_the_importer() throws Exception {
    for (Workbooks wb : new Workbooks[] {RvToolsImporterTest.rvtools47(), RvToolsImporterTest.rvtools3(), WhyWorkbook.workbook(),
        new Workbooks().tab("vInfo", "VM", "Host").row("lonely", "esx-x")}) {
      ImportResult r = importOf(wb);
      Causes.assertAllExplainedByTheImporter(r.inventory());
      RuleFacts.readBack(r);
    }
  }
}

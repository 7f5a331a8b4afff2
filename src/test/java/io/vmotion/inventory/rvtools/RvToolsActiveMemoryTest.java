package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RVTools 4.x exports a VM's active memory as vInfo "Active Memory" and vMemory "Active" (both in
 * MiB); the import keeps it as activeMemoryMb, the hot-set stand-in of the duration estimate.
 */
class RvToolsActiveMemoryTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());

  static Workbooks vInfo(String... extraHeaders) {
    String[] headers = {"VM", "Powerstate", "CPUs", "Memory", "Host", "Cluster", "Path"};
    String[] all = new String[headers.length + extraHeaders.length];
    System.arraycopy(headers, 0, all, 0, headers.length);
    System.arraycopy(extraHeaders, 0, all, headers.length, extraHeaders.length);
    return new Workbooks().tab("vInfo", all);
  }

  static Vm vm(Inventory inv, String name) {
    return inv.vms().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  Inventory read(Workbooks wb, String file) throws Exception {
    return RuleFacts.readBack(importer.read(wb.write(dir.resolve(file))));
  }

  @Test
  void vinfo_active_memory_becomes_active_memory_mb() throws Exception {
    Inventory inv = read(vInfo("Active Memory")
        .row("web-01", "poweredOn", 4, 8192, "esx-1", "c1", "[ds] web-01/web-01.vmx", 1638)
        .row("db-01", "poweredOn", 8, 32768, "esx-1", "c1", "[ds] db-01/db-01.vmx", "12 GB"), "vinfo.xlsx");
    assertThat(vm(inv, "web-01").activeMemoryMb()).hasValue(1638);
    assertThat(vm(inv, "db-01").activeMemoryMb()).hasValue(12 * 1024);
  }

  @Test
  void vmemory_active_fills_in_what_vinfo_does_not_say() throws Exception {
    Inventory inv = read(vInfo()
        .row("web-01", "poweredOn", 4, 8192, "esx-1", "c1", "[ds] web-01/web-01.vmx")
        .row("db-01", "poweredOn", 8, 32768, "esx-1", "c1", "[ds] db-01/db-01.vmx")
        .tab("vMemory", "VM", "Size MiB", "Consumed", "Active", "Reservation")
        .row("web-01", 8192, 4000, 900, 0)
        .row("db-01", 32768, 30000, null, 0), "vmemory.xlsx");
    assertThat(vm(inv, "web-01").activeMemoryMb()).hasValue(900);
    assertThat(vm(inv, "db-01").activeMemoryMb()).isEmpty();
  }

  @Test
  void without_the_column_nothing_is_invented_and_nothing_is_marked_unknown() throws Exception {
    ImportResult r = importer.read(vInfo().row("web-01", "poweredOn", 4, 8192, "esx-1", "c1", "[ds] web-01/web-01.vmx")
        .write(dir.resolve("none.xlsx")));
    Vm vm = vm(RuleFacts.readBack(r), "web-01");
    assertThat(vm.activeMemoryMb()).isEmpty();
    assertThat(vm.unknown()).doesNotContain("activeMemoryMb");
    assertThat(r.warnings()).noneMatch(w -> w.contains("Active"));
  }

  @Test
  void a_bad_cell_is_left_out_with_a_warning_and_more_than_the_memory_is_cut_to_it() throws Exception {
    ImportResult r = importer.read(vInfo("Active Memory")
        .row("web-01", "poweredOn", 4, 8192, "esx-1", "c1", "[ds] web-01/web-01.vmx", Workbooks.error("#N/A"))
        .row("db-01", "poweredOn", 8, 4096, "esx-1", "c1", "[ds] db-01/db-01.vmx", 5000)
        .write(dir.resolve("bad.xlsx")));
    Inventory inv = RuleFacts.readBack(r);
    assertThat(vm(inv, "web-01").activeMemoryMb()).isEmpty();
    assertThat(vm(inv, "db-01").activeMemoryMb()).hasValue(4096);
    assertThat(r.warnings()).anyMatch(w -> w.contains("column \"Active Memory\"") && w.contains("active memory left out") && w.contains("row 2"));
    assertThat(r.warnings()).anyMatch(w -> w.contains("active memory above the VM's memory; cut to the memory size (db-01)"));
  }
}

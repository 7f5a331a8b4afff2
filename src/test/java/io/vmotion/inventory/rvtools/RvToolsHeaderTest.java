package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header row is found by its column names, under title rows and merged cells. */
class RvToolsHeaderTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());

  @Test
  void title_rows_above_the_header_are_skipped() throws Exception {
    ImportResult r = importer.read(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "CPUs", "Memory", "Host")
        .titleRow("RVTools export of vcenter01.example")
        .titleRow("Exported", "2024-05-01 10:00")
        .row("vm-1", "poweredOn", 2, 4096, "esx-1")
        .write(dir.resolve("title.xlsx")));
    Inventory inv = RuleFacts.readBack(r);
    assertThat(inv.vms()).singleElement().satisfies(v -> {
      assertThat(v.name()).isEqualTo("vm-1");
      assertThat(v.vcpus()).isEqualTo(2);
      assertThat(v.poweredOn()).isTrue();
    });
    assertThat(r.warnings()).anyMatch(w -> w.contains("tab vInfo: header found in row 3 by its column names"));
    assertThat(r.emptyImport()).isEmpty();
  }

  @Test
  void a_header_under_merged_group_cells_is_read() throws Exception {
    // Row 1 groups the columns ("Virtual machine" over A:B, "Size" over C:D); row 2 is the header.
    ImportResult r = importer.read(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "CPUs", "Memory", "Host")
        .titleRow("Virtual machine", null, "Size", null, "Placement")
        .merge(0, 0, 0, 1).merge(0, 0, 2, 3)
        .row("vm-1", "poweredOn", 4, 8192, "esx-1")
        .write(dir.resolve("group.xlsx")));
    Inventory inv = RuleFacts.readBack(r);
    assertThat(inv.vms()).singleElement().satisfies(v -> {
      assertThat(v.memoryMb()).isEqualTo(8192);
      assertThat(v.host()).isEqualTo("esx-1");
    });
  }

  @Test
  void header_cells_merged_down_from_the_row_above_are_read() throws Exception {
    // "VM" and "Powerstate" span rows 1-2; "Size" groups "CPUs" and "Memory" in row 2; data from row 3.
    ImportResult r = importer.read(new Workbooks()
        .tab("vInfo", null, null, "CPUs", "Memory", "Host")
        .titleRow("VM", "Powerstate", "Size", null, null)
        .merge(0, 1, 0, 0).merge(0, 1, 1, 1).merge(0, 0, 2, 3)
        .row("vm-1", "poweredOn", 4, 8192, "esx-1")
        .row("vm-2", "poweredOff", 2, 2048, "esx-1")
        .write(dir.resolve("down.xlsx")));
    Inventory inv = RuleFacts.readBack(r);
    assertThat(inv.vms()).extracting(v -> v.name()).containsExactly("vm-1", "vm-2");
    assertThat(inv.vms().get(0).poweredOn()).isTrue();
    assertThat(inv.vms().get(0).vcpus()).isEqualTo(4);
  }

  @Test
  void a_tab_without_the_vm_column_says_so_for_the_empty_import() throws Exception {
    ImportResult r = importer.read(new Workbooks()
        .tab("vInfo", "Server", "State").row("vm-1", "on")
        .tab("vHost", "Host").row("esx-1")
        .write(dir.resolve("novm.xlsx")));
    assertThat(r.emptyImport().orElseThrow())
        .startsWith("no VM imported: tab vInfo has no column \"VM\" in its first 20 rows");
    ImportResult missing = importer.read(new Workbooks().tab("vHost", "Host").row("esx-1").write(dir.resolve("noinfo.xlsx")));
    assertThat(missing.emptyImport()).contains("no VM imported: tab vInfo is missing");
    ImportResult off = importer.read(new Workbooks().tab("vInfo", "VM", "Powerstate", "Host").row("vm-1", "poweredOff", "esx-1")
        .write(dir.resolve("off.xlsx")));
    assertThat(off.emptyImport()).contains("no powered-on VM imported (1 VM, none powered on): every VM in tab vInfo is powered off or suspended");
    ImportResult nopower = importer.read(new Workbooks().tab("vInfo", "VM", "Host").row("vm-1", "esx-1").write(dir.resolve("nopower.xlsx")));
    assertThat(nopower.emptyImport().orElseThrow()).contains("tab vInfo has no column \"Powerstate\"");
    ImportResult templates = importer.read(new Workbooks().tab("vInfo", "VM", "Powerstate", "Template", "Host")
        .row("t-1", "poweredOff", "True", "esx-1").write(dir.resolve("templates.xlsx")));
    assertThat(templates.emptyImport().orElseThrow()).contains("only templates (1)");
  }
}

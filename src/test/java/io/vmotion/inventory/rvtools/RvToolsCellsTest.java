package io.vmotion.inventory.rvtools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.imports.Causes;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.RuleFacts;
import io.vmotion.inventory.rvtools.Cells.Dim;
import io.vmotion.inventory.rvtools.Cells.Gap;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units and magnitudes: a cell is read by its unit, and a cell that holds no usable number is unknown, never a guess. */
class RvToolsCellsTest {

  @TempDir Path dir;

  final RvToolsImporter importer = new RvToolsImporter(RuleFacts.evc(), RuleFacts.guestLabels());

  @Test
  void quantities_are_converted_by_their_unit_or_by_their_columns() {
    assertThat(Cells.quantity("8 GB", Dim.MEMORY, 1).value()).isEqualTo(8192.0);
    assertThat(Cells.quantity("1,024 MB", Dim.MEMORY, 1).value()).isEqualTo(1024.0);
    assertThat(Cells.quantity("1 024 MiB", Dim.MEMORY, 1).value()).isEqualTo(1024.0);
    assertThat(Cells.quantity("512GiB", Dim.MEMORY, 1).value()).isEqualTo(524288.0);
    assertThat(Cells.quantity("2 TB", Dim.MEMORY, 1).value()).isEqualTo(2097152.0);
    assertThat(Cells.quantity("2.5 GHz", Dim.FREQUENCY, 1).value()).isEqualTo(2500.0);
    assertThat(Cells.quantity("2,5 GHz", Dim.FREQUENCY, 1).value()).isEqualTo(2500.0); // a decimal comma
    assertThat(Cells.quantity("2295", Dim.FREQUENCY, 1).value()).isEqualTo(2295.0);
    assertThat(Cells.quantity("25 Gbit/s", Dim.LINK, 1).value()).isEqualTo(25000.0);
    assertThat(Cells.quantity("10000 Mbps", Dim.LINK, 1).value()).isEqualTo(10000.0);
    assertThat(Cells.quantity("256", Dim.MEMORY, Dim.MEMORY.headerScale("Memory GiB")).value()).isEqualTo(262144.0);
    assertThat(Cells.quantity("1e20", Dim.COUNT, 1).value()).isEqualTo(1e20);
    // Never the leading digits of something else.
    assertThat(Cells.quantity("8 GB RAM", Dim.MEMORY, 1).gap()).isEqualTo(Gap.NOT_A_NUMBER);
    assertThat(Cells.quantity("40 cores", Dim.COUNT, 1).gap()).isEqualTo(Gap.NOT_A_NUMBER);
    assertThat(Cells.quantity("2.5 GHz", Dim.MEMORY, 1).gap()).isEqualTo(Gap.NOT_A_NUMBER);
    assertThat(Cells.quantity("1.024,5", Dim.MEMORY, 1).gap()).isEqualTo(Gap.NOT_A_NUMBER);
    assertThat(Cells.quantity("n/a", Dim.MEMORY, 1).gap()).isEqualTo(Gap.NOT_A_NUMBER);
    assertThat(Cells.checked(Cells.quantity("1e20", Dim.COUNT, 1), 1, 65536, true).gap()).isEqualTo(Gap.OUT_OF_RANGE);
    assertThat(Cells.checked(Cells.quantity("2.5", Dim.COUNT, 1), 1, 65536, true).gap()).isEqualTo(Gap.NOT_A_NUMBER);
    assertThat(Dim.MEMORY.headerScale("Size MiB")).isEqualTo(1.0);
    assertThat(Dim.MEMORY.headerScale("# Memory")).isEqualTo(1.0);
    assertThat(Dim.LINK.headerScale("Speed (Gbit/s)")).isEqualTo(1000.0);
  }

  @Test
  void cells_with_units_are_converted_by_their_unit() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host", "CPUs", "Memory").row("vm-1", "poweredOn", "esx-1", 2, "8 GB").row("vm-2", "poweredOn", "esx-1", 1, "1,024 MB")
        .tab("vCPU", "VM", "Reservation").row("vm-1", "1.5 GHz").row("vm-2", 0)
        .tab("vHost", "Host", "Speed", "# Memory", "# Cores", "HT Active").row("esx-1", "2.5 GHz", "512 GB", 32, "False")
        .tab("vSC_VMK", "Host", "Port Group", "Device", "MTU").row("esx-1", "vMotion", "vmk1", 9000)
        .tab("vNIC", "Host", "Network Device", "Speed").row("esx-1", "vmnic0", "25 Gbit/s")
        .write(dir.resolve("units.xlsx"))));
    Host h = inv.host("esx-1").orElseThrow();
    assertThat(h.cpu().mhz()).isEqualTo(2500);
    assertThat(h.memoryMb()).isEqualTo(524288);
    assertThat(h.vmotionNics().get(0).speedMbps()).isEqualTo(25000);
    assertThat(h.vmotionNics().get(0).mtu()).isEqualTo(9000);
    Vm v1 = inv.vms().get(0);
    assertThat(v1.memoryMb()).isEqualTo(8192);
    assertThat(v1.reservation().cpuMhz()).isEqualTo(1500);
    assertThat(inv.vms().get(1).memoryMb()).isEqualTo(1024);
    assertThat(h.unknown()).doesNotContain("cpu.mhz", "memoryMb", "cpu.cores", "cpu.threads");
  }

  @Test
  void error_cells_uncached_formulas_and_impossible_numbers_are_unknown_with_a_warning_naming_tab_column_and_row() throws Exception {
    ImportResult r = importer.read(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host", "CPUs", "Memory", "HW version")
        .row("vm-1", "poweredOn", "esx-1", 1e20, "8 GB RAM", Workbooks.error("#N/A"))
        .row("vm-2", "poweredOn", "esx-1", Workbooks.formula("2*2"), Workbooks.error("#DIV/0!"), "#VALUE!")
        .tab("vHost", "Host", "# Cores", "# Memory", "Speed", "HT Active", "ESX Version")
        .row("esx-1", Workbooks.error("#DIV/0!"), Workbooks.formula("1024*256"), "1e20", Workbooks.bool(true), Workbooks.formula("\"8.0\""))
        .write(dir.resolve("bad.xlsx")));
    Inventory inv = RuleFacts.readBack(r);
    String file = dir.resolve("bad.xlsx").toString();

    Host h = inv.host("esx-1").orElseThrow();
    for (String f : new String[] {"cpu.cores", "cpu.threads", "memoryMb", "cpu.mhz", "version"}) assertThat(h.isUnknown(f)).as(f).isTrue();
    assertThat(r.warnings()).contains(
        file + ": tab vHost, column \"# Cores\": error cell (#DIV/0!); read as unknown (row 2)",
        file + ": tab vHost, column \"# Memory\": formula without a cached value (=1024*256); read as unknown (row 2)",
        file + ": tab vHost, column \"Speed\": number out of range (1.0E20); read as unknown (row 2)");
    Vm v1 = inv.vms().get(0);
    Vm v2 = inv.vms().get(1);
    assertThat(v1.unknown()).contains("vcpus", "memoryMb", "hardwareVersion");
    assertThat(v2.unknown()).contains("vcpus", "memoryMb", "hardwareVersion");
    assertThat(v1.vcpus()).isEqualTo(1); // the default, marked unknown: never 1e20 cut to the maximum
    assertThat(v1.memoryMb()).isNotEqualTo(8);
    assertThat(r.warnings()).contains(
        file + ": tab vInfo, column \"CPUs\": number out of range (1.0E20); read as unknown (row 2)",
        file + ": tab vInfo, column \"Memory\": not a number (8 GB RAM); read as unknown (row 2)",
        file + ": tab vInfo, column \"CPUs\": formula without a cached value (=2*2); read as unknown (row 3)",
        file + ": tab vInfo, column \"HW version\": error cell (#VALUE!); read as unknown (row 3)");
    assertThat(r.warnings()).anyMatch(w -> w.contains("tab vInfo, column \"Memory\": error cell (#DIV/0!)") && w.contains("row 3"));
    Map<String, Causes.Cause> causes = Causes.of(r.inventory());
    assertThat(causes.get("tab vHost, column \"# Cores\": error cell").hostFields()).contains("cpu.cores");
    assertThat(causes.get("tab vHost, column \"# Memory\": formula without a cached value").hostFields()).containsExactly("memoryMb");
    assertThat(causes.get("tab vInfo, column \"CPUs\": number out of range").vms()).containsExactly("vm-1");
    assertThat(causes).containsKey("tab vInfo, column \"Memory\": not a number");
    Causes.assertAllExplainedByTheImporter(r.inventory());
  }

  @Test
  void a_cell_with_a_unit_of_another_dimension_is_not_read_at_all() throws Exception {
    Inventory inv = RuleFacts.readBack(importer.read(new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "Host", "Memory").row("vm-1", "poweredOn", "esx-1", "4 GHz")
        .write(dir.resolve("dim.xlsx"))));
    assertThat(inv.vms().get(0).unknown()).contains("memoryMb");
  }
}

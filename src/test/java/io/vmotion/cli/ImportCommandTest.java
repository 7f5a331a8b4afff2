package io.vmotion.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.imports.InventoryFormat;
import io.vmotion.inventory.rvtools.Workbooks;
import io.vmotion.rules.RuleBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCommandTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String SAMPLE = "src/test/resources/import/vsphere-vcsim-small.json";

  @TempDir Path dir;

  Path workbook(String name) throws Exception {
    return new Workbooks()
        .tab("vInfo", "VM", "Powerstate", "CPUs", "Memory", "HW version", "Host", "Cluster", "OS according to the configuration file", "Path")
        .row("web-01", "poweredOn", 2, 4096, "vmx-19", "esx-1", "c1", "Ubuntu Linux (64-bit)", "[ds1] web-01/web-01.vmx")
        .tab("vHost", "Host", "Cluster", "ESX Version", "CPU Model", "Speed", "# Cores", "HT Active", "# Memory", "Max EVC", "Assigned License(s)")
        .row("esx-1", "c1", "VMware ESXi 8.0.2 build-22380479", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", 2500, 40, "True", 524288, "intel-cascadelake", "VMware vSphere 8 Enterprise Plus")
        .row("esx-2", "c1", "VMware ESXi 8.0.2 build-22380479", "Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz", 2500, 40, "True", 524288, "intel-cascadelake", "VMware vSphere 8 Enterprise Plus")
        .tab("vDatastore", "Name", "Hosts").row("ds1", "esx-1, esx-2")
        .write(dir.resolve(name));
  }

  @Test
  void import_rvtools_prints_an_inventory_v1_on_stdout_and_the_gaps_on_stderr() throws Exception {
    Cli r = Cli.run("import", "rvtools", workbook("export.xlsx").toString());
    assertThat(r.code()).isZero();
    JsonNode inv = JSON.readTree(r.out());
    assertThat(inv.get("hosts")).hasSize(2);
    assertThat(inv.at("/vms/0/name").asText()).isEqualTo("web-01");
    new InventoryReader(RuleBase.builtin().data().evcModes()).read("out.json", r.out());
    assertThat(r.err()).contains("export.xlsx: tabs vPort and dvPort missing").doesNotContain("\tat ");
  }

  @Test
  void import_with_o_writes_the_file_and_leaves_stdout_empty() throws Exception {
    Path out = dir.resolve("inventory.json");
    Cli r = Cli.run("import", "vsphere", SAMPLE, "-o", out.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("wrote 3 hosts and 4 VMs to " + out);
    assertThat(Cli.run("validate", out.toString()).code()).isIn(0, 1);
  }

  @Test
  void validate_detects_a_workbook_by_its_content_whatever_its_name() throws Exception {
    Path wb = workbook("export.dat");
    Cli r = Cli.run("validate", wb.toString(), "--format", "json");
    assertThat(r.code()).isIn(0, 1);
    JsonNode report = JSON.readTree(r.out());
    assertThat(report.at("/vms/0/name").asText()).isEqualTo("web-01");
    // The workbook says too little to decide every rule: esx-2 is a target, compatible or undecided.
    assertThat(report.at("/vms/0/compatibleTargets").toString() + report.at("/vms/0/undecidedTargets")).contains("\"esx-2\"");
    assertThat(r.err()).contains("export.dat: ");
  }

  @Test
  void validate_detects_a_vsphere_dump_and_still_reads_inventory_v1() throws Exception {
    Cli dump = Cli.run("validate", SAMPLE);
    assertThat(dump.code()).isEqualTo(1); // vcsim hosts have no vMotion adapter
    assertThat(dump.out()).contains("network.vmotion-nic");
    assertThat(dump.err()).contains("license unknown");
    assertThat(Cli.run("validate", "examples/clean.json").code()).isZero();
  }

  @Test
  void formats_are_told_apart_by_content() throws Exception {
    assertThat(InventoryFormat.detect(Path.of(SAMPLE))).isEqualTo(InventoryFormat.VSPHERE_JSON);
    assertThat(InventoryFormat.detect(Path.of("examples/clean.json"))).isEqualTo(InventoryFormat.INVENTORY_V1);
    assertThat(InventoryFormat.detect(workbook("w.json"))).isEqualTo(InventoryFormat.XLSX);
    Path zip = dir.resolve("a.zip");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.closeEntry();
    }
    assertThat(InventoryFormat.detect(zip)).isEqualTo(InventoryFormat.OTHER_ZIP);
    assertThat(InventoryFormat.detect(Files.writeString(dir.resolve("broken.json"), "{\"hosts\": ["))).isEqualTo(InventoryFormat.INVENTORY_V1);
  }

  @Test
  void files_that_are_not_workbooks_exit_2_with_a_message_naming_them_and_no_trace() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.xlsx"), "hello");
    Path zip = dir.resolve("archive.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("readme.txt"));
      z.closeEntry();
    }
    Path corrupt = dir.resolve("corrupt.xlsx");
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(corrupt))) {
      z.putNextEntry(new ZipEntry("xl/workbook.xml"));
      z.write("<not-a-workbook".getBytes());
      z.closeEntry();
    }
    for (List<String> args : List.of(
        List.of("import", "rvtools", text.toString()),
        List.of("import", "rvtools", zip.toString()),
        List.of("import", "rvtools", corrupt.toString()),
        List.of("validate", zip.toString()),
        List.of("validate", corrupt.toString()),
        List.of("import", "rvtools", dir.resolve("missing.xlsx").toString()),
        List.of("import", "vsphere", "examples/clean.json"))) {
      Cli r = Cli.run(args.toArray(String[]::new));
      assertThat(r.code()).as(args.toString()).isEqualTo(2);
      assertThat(r.out()).as(args.toString()).isEmpty();
      assertThat(r.err()).as(args.toString()).startsWith(args.get(args.size() - 1) + ": ").doesNotContain("\tat ").doesNotContain("Exception");
    }
    assertThat(Cli.run("import", "rvtools", zip.toString()).err()).contains("not an Excel workbook");
  }

  @Test
  void an_import_with_no_vm_exits_2_saying_what_the_workbook_lacks_for_import_and_validate() throws Exception {
    Path noVmColumn = new Workbooks().tab("vInfo", "Server", "State").row("vm-1", "on").tab("vHost", "Host").row("esx-1")
        .write(dir.resolve("novm.xlsx"));
    Path noVinfo = new Workbooks().tab("vHost", "Host").row("esx-1").write(dir.resolve("noinfo.xlsx"));
    for (String command : List.of("import", "validate")) {
      Cli r = command.equals("import") ? Cli.run("import", "rvtools", noVmColumn.toString()) : Cli.run("validate", noVmColumn.toString());
      assertThat(r.code()).as(command).isEqualTo(2);
      assertThat(r.out()).as(command).isEmpty();
      assertThat(r.err()).as(command)
          .contains(noVmColumn + ": no VM imported: tab vInfo has no column \"VM\" in its first 20 rows")
          .contains("--allow-empty")
          .doesNotContain("\tat ");
    }
    assertThat(Cli.run("import", "rvtools", noVinfo.toString()).err()).contains(noVinfo + ": no VM imported: tab vInfo is missing");
  }

  @Test
  void an_import_with_no_powered_on_vm_exits_2_unless_allow_empty() throws Exception {
    Path off = new Workbooks().tab("vInfo", "VM", "Powerstate", "Host").row("vm-1", "poweredOff", "esx-1").write(dir.resolve("off.xlsx"));
    Cli refused = Cli.run("import", "rvtools", off.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains(off + ": no powered-on VM imported (1 VM, none powered on): every VM in tab vInfo is powered off or suspended");

    Cli accepted = Cli.run("import", "rvtools", off.toString(), "--allow-empty");
    assertThat(accepted.code()).isZero();
    assertThat(JSON.readTree(accepted.out()).get("vms")).hasSize(1);
    assertThat(accepted.err()).contains("vmotion import: warning: " + off + ": no powered-on VM imported").contains("--allow-empty");

    assertThat(Cli.run("validate", off.toString()).code()).isEqualTo(2);
    assertThat(Cli.run("validate", off.toString(), "--allow-empty").code()).isZero();
    assertThat(Cli.run("validate", "--help").out()).contains("--allow-empty");
    assertThat(Cli.run("import", "--help").out()).contains("--allow-empty");
  }

  @Test
  void a_vsphere_dump_without_vms_takes_the_same_check() throws Exception {
    com.fasterxml.jackson.databind.node.ObjectNode dump = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(Path.of(SAMPLE).toFile());
    dump.putArray("vms");
    Path hostsOnly = Files.writeString(dir.resolve("hosts-only.json"), dump.toString());
    Cli r = Cli.run("import", "vsphere", hostsOnly.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(hostsOnly + ": no VM imported");
    assertThat(Cli.run("validate", hostsOnly.toString()).code()).isEqualTo(2);
    assertThat(Cli.run("import", "vsphere", hostsOnly.toString(), "--allow-empty").code()).isZero();
  }

  @Test
  void the_why_workbook_imports_with_its_gaps_named_once_each() throws Exception {
    Path why = io.vmotion.inventory.rvtools.WhyWorkbook.write(dir);
    Cli r = Cli.run("import", "rvtools", why.toString());
    assertThat(r.code()).isZero();
    JsonNode inv = JSON.readTree(r.out());
    io.vmotion.inventory.imports.Causes.assertAllExplainedByTheImporter(inv);
    assertThat(inv.get("unknownCauses").findValuesAsText("cause")).contains("host not in tab vHost").doesNotHaveDuplicates();
    new InventoryReader(RuleBase.builtin().data().evcModes()).read("out.json", r.out());
  }

  @Test
  void import_usage_errors_exit_2() {
    for (String[] args : List.of(new String[] {"import"}, new String[] {"import", "csv", "x"}, new String[] {"import", "rvtools"},
        new String[] {"import", "rvtools", "a", "b"})) {
      Cli r = Cli.run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains("vmotion import: expected 'rvtools FILE.xlsx' or 'vsphere FILE.json'");
    }
    assertThat(Cli.run("import", "--help").out()).contains("--output");
  }
}

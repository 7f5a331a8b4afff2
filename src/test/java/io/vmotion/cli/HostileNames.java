package io.vmotion.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bundled example with VMs renamed to what an attacker, or a careless export, puts in a name.
 * The reader refuses control characters in names (HostileInputTest), so the reports' own escaping
 * is tested beneath it: the inventory is read with safe names and renamed in memory, as a future
 * import path that forgot the check would hand it over.
 */
final class HostileNames {

  static final String SCRIPT = "<script>alert(\"x\")</script>";
  static final String MARKUP = "a&b 'q' \"dq\", =1+1 <img src=x onerror=alert(1)>";
  /** A newline that would forge a finding line, and an ESC sequence that would colour the terminal. */
  static final String FORGER = "evil\n  ERROR forged -> esx-a1: all fine\u001b[31m";
  static final String XML_FORBIDDEN = "nul\u0000esc\u001bnon\ufffe";

  /** Which example VM gets which name. */
  static final Map<String, String> RENAMED = new LinkedHashMap<>();

  static {
    RENAMED.put("ad-01", SCRIPT);
    RENAMED.put("sql-01", MARKUP);
    RENAMED.put("api-01", FORGER);
    RENAMED.put("b-db-01", XML_FORBIDDEN);
  }

  private HostileNames() {}

  /** The report of the renamed example in {@code format}, as validate would print it; code 1 when an error is found. */
  static Cli render(String format) throws Exception {
    io.vmotion.rules.RuleBase rules = io.vmotion.rules.RuleBase.builtin();
    io.vmotion.inventory.Inventory read = new io.vmotion.inventory.InventoryReader(rules.data().evcModes())
        .read(Path.of("examples/datacenter.json"));
    java.util.List<io.vmotion.inventory.Vm> vms = read.vms().stream()
        .map(v -> RENAMED.containsKey(v.name()) ? v.withNames(RENAMED.get(v.name()), v.host()) : v).toList();
    io.vmotion.inventory.Inventory inventory = new io.vmotion.inventory.Inventory(read.hosts(), vms, read.migrations(), read.unknownCauses());
    io.vmotion.rules.Evaluation e = new io.vmotion.rules.Evaluator(rules).evaluate(inventory, io.vmotion.rules.Scope.CLUSTER);
    java.util.Map<String, String> clusters = new java.util.TreeMap<>();
    for (io.vmotion.inventory.Host h : inventory.hosts()) clusters.put(h.name(), h.cluster() == null ? "" : h.cluster());
    io.vmotion.report.ReportInput input = new io.vmotion.report.ReportInput("hostile.json", "every powered-on VM", e, rules.rules())
        .withClusters(clusters);
    io.vmotion.report.ReportFormat f = switch (format) {
      case "text" -> new io.vmotion.report.TextReport();
      case "summary" -> new io.vmotion.report.SummaryReport();
      case "junit" -> new io.vmotion.report.JunitReport();
      case "html" -> new io.vmotion.report.HtmlReport();
      case "csv" -> new io.vmotion.report.CsvReport();
      case "json" -> new io.vmotion.report.JsonReport();
      default -> throw new IllegalArgumentException(format);
    };
    java.io.StringWriter w = new java.io.StringWriter();
    f.write(input, w);
    return new Cli(e.failsAt(io.vmotion.rules.Severity.ERROR) ? 1 : 0, w.toString(), "");
  }
}

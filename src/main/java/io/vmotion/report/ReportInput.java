package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import io.vmotion.rules.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a report renders: where the inventory came from, how it was checked, and what was found;
 * the cluster of each host (for the root-cause view and the HTML matrix), where each host and VM
 * is in the inventory file (for SARIF regions), and the rendering options.
 */
public record ReportInput(
    String inventory, String mode, Evaluation evaluation, List<RuleInfo> rules, Map<String, String> clusters, InventoryLines lines,
    ReportOptions options) {

  public ReportInput {
    clusters = java.util.Collections.unmodifiableMap(new TreeMap<>(clusters));
    if (lines == null) lines = InventoryLines.NONE;
    if (options == null) options = ReportOptions.DEFAULT;
  }

  public ReportInput(String inventory, String mode, Evaluation evaluation, List<RuleInfo> rules) {
    this(inventory, mode, evaluation, rules, Map.of(), InventoryLines.NONE, ReportOptions.DEFAULT);
  }

  /** @param clusters each host's cluster, "" for a host without one */
  public ReportInput withClusters(Map<String, String> clusters) {
    return new ReportInput(inventory, mode, evaluation, rules, clusters, lines, options);
  }

  public ReportInput withLines(InventoryLines lines) {
    return new ReportInput(inventory, mode, evaluation, rules, clusters, lines, options);
  }

  public ReportInput withOptions(ReportOptions options) {
    return new ReportInput(inventory, mode, evaluation, rules, clusters, lines, options);
  }

  /** The findings at or above {@code --min-severity}, in the evaluation's order. */
  public List<Finding> findings() {
    List<Finding> all = evaluation.findings();
    if (options.minSeverity() == io.vmotion.rules.Severity.INFO) return all;
    List<Finding> out = new ArrayList<>();
    for (Finding f : all) if (f.severity().compareTo(options.minSeverity()) >= 0) out.add(f);
    return out;
  }

  /** The detail level in force: the one asked for, or the default for this many VMs. */
  public ReportOptions.Detail detail() {
    if (options.detail() != null) return options.detail();
    return evaluation.vms().size() <= ReportOptions.ALL_DETAIL_UP_TO ? ReportOptions.Detail.ALL : ReportOptions.Detail.BLOCKED;
  }

  /** Whether {@code vm} gets its per-VM detail at the detail level in force. */
  public boolean detailed(CheckedVm vm) {
    return switch (detail()) {
      case ALL -> true;
      case BLOCKED -> vm.compatibleCount() == 0;
      case NONE -> false;
    };
  }

  /** The host's cluster, or null when it has none (or is not known to the report). */
  public String clusterOf(String host) {
    String c = clusters.get(host);
    return c == null || c.isEmpty() ? null : c;
  }

  /** The rule's metadata, or null for a rule the report was not given. */
  public RuleInfo rule(String id) {
    for (RuleInfo r : rules) if (r.id().equals(id)) return r;
    return null;
  }
}

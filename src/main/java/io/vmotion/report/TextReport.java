package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Readiness;
import io.vmotion.rules.Severity;
import io.vmotion.rules.UnknownSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * For people: what the inventory does not say, once per cause, at the top; then findings grouped by
 * VM, each VM with its readiness, each finding with its rule, target, message and fix, and the
 * targets the known facts leave undecided in one line; then one summary line. Per-move "not
 * checked" findings are left to the machine formats.
 */
public final class TextReport implements ReportFormat {

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Evaluation e = input.evaluation();
    Map<String, List<Finding>> byVm = new LinkedHashMap<>();
    for (Finding f : e.findings()) byVm.computeIfAbsent(f.vm(), k -> new ArrayList<>()).add(f);
    out.write("vmotion validate " + input.inventory() + " (" + input.mode() + ")\n");
    if (!e.unknown().isEmpty()) {
      out.write("\nUnknown facts (each gap once; every move the known facts decide still gets its verdict):\n");
      for (UnknownSummary u : e.unknown()) {
        out.write("  " + UnknownSection.describe(u) + "\n");
        if (u.fix() != null) out.write("      fix: " + u.fix() + "\n");
      }
    }
    for (CheckedVm vm : e.vms()) {
      List<Finding> findings = byVm.getOrDefault(vm.name(), List.of());
      out.write("\n" + vm.name() + " on " + vm.host() + ": " + vm.readiness().json() + ", " + vm.compatibleTargets().size() + " compatible"
          + (vm.undecidedTargets().isEmpty() ? "" : ", " + vm.undecidedTargets().size() + " undecided")
          + " of " + vm.targets().size() + " targets"
          + (vm.compatibleTargets().isEmpty() ? "" : " (" + String.join(", ", vm.compatibleTargets()) + ")") + "\n");
      for (Finding f : findings) {
        if (f.undecided() && !f.waived()) continue;
        out.write("  " + (f.waived() ? "WAIVED " : "") + f.severity().json().toUpperCase() + " " + f.rule() + " -> " + f.target()
            + (f.step() > 0 ? " (plan step " + f.step() + ")" : "") + ": " + f.message() + "\n");
        if (f.waived()) out.write("      waived: " + f.waiver() + "\n");
        else if (f.severity() != Severity.INFO) out.write("      fix: " + f.remediation() + "\n");
      }
      if (!vm.undecidedTargets().isEmpty()) out.write("  " + undecidedLine(vm) + "\n");
    }
    long vmsWithTarget = e.vms().stream().filter(v -> !v.compatibleTargets().isEmpty()).count();
    out.write("\n" + e.count(Severity.ERROR) + " errors, " + e.count(Severity.WARNING) + " warnings, "
        + e.count(Severity.INFO) + " infos" + (e.waived() > 0 ? " (" + e.waived() + " waived)" : "") + " in " + e.pairs() + " moves of " + e.vms().size() + " VMs; "
        + vmsWithTarget + " VMs have a compatible target; " + readiness(e) + "\n");
  }

  /** "3 targets undecided: ESXi version unknown (vm.hardware-version); license unknown (license.vmotion)". */
  static String undecidedLine(CheckedVm vm) {
    List<String> why = new ArrayList<>();
    for (Map.Entry<String, SortedSet<String>> u : vm.undecidedBy().entrySet()) {
      why.add(u.getKey() + " unknown (" + String.join(", ", u.getValue()) + ")");
    }
    int n = vm.undecidedCount();
    return n + (n == 1 ? " target" : " targets") + " undecided: " + String.join("; ", why);
  }

  /** "readiness: 1 ready, 0 ready-with-warnings, 2 blocked, 1 unknown". */
  static String readiness(Evaluation e) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<Readiness, Long> r : e.readiness().entrySet()) parts.add(r.getValue() + " " + r.getKey().json());
    return "readiness: " + String.join(", ", parts);
  }
}

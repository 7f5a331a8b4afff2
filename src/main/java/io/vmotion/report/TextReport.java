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
 * For people: what to fix first (the VMs with no compatible target, the causes ranked by the moves
 * they block), then what the inventory does not say, once per cause; then findings grouped by VM
 * (as many VMs as {@code --detail} asks for), each VM with its readiness, each finding with its
 * rule, target, message and fix, and the targets the known facts leave undecided in one line; then
 * one summary line. Per-move "not checked" findings are left to the machine formats. Every datum is
 * printed through {@link Escape}, so no name starts a line of its own.
 */
public final class TextReport implements ReportFormat {

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Evaluation e = input.evaluation();
    Map<String, List<Finding>> byVm = new LinkedHashMap<>();
    for (Finding f : input.findings()) byVm.computeIfAbsent(f.vm(), k -> new ArrayList<>()).add(f);
    out.write(header(input));
    writeCauses(input, RootCauses.of(input), out);
    if (!e.unknown().isEmpty()) {
      out.write("\nUnknown facts (each gap once; every move the known facts decide still gets its verdict):\n");
      for (UnknownSummary u : e.unknown()) {
        out.write("  " + Escape.text(UnknownSection.describe(u)) + "\n");
        if (u.fix() != null) out.write("      fix: " + Escape.text(u.fix()) + "\n");
      }
    }
    out.write(detailNote(input));
    for (CheckedVm vm : e.vms()) {
      if (!input.detailed(vm)) continue;
      List<Finding> findings = byVm.getOrDefault(vm.name(), List.of());
      out.write("\n" + Escape.lineStart(vm.name()) + " on " + Escape.text(vm.host()) + ": " + vm.readiness().json() + ", "
          + vm.compatibleTargets().size() + " compatible"
          + (vm.undecidedTargets().isEmpty() ? "" : ", " + vm.undecidedTargets().size() + " undecided")
          + " of " + vm.targets().size() + " targets"
          + (vm.compatibleTargets().isEmpty() ? "" : " (" + Escape.text(String.join(", ", vm.compatibleTargets())) + ")") + "\n");
      for (Finding f : findings) {
        if (f.undecided() && !f.waived()) continue;
        out.write("  " + (f.waived() ? "WAIVED " : "") + f.severity().json().toUpperCase() + " " + Escape.text(f.rule()) + " -> "
            + Escape.text(f.target()) + (f.step() > 0 ? " (plan step " + f.step() + ")" : "") + ": " + Escape.text(f.message()) + "\n");
        if (f.waived()) out.write("      waived: " + Escape.text(f.waiver()) + "\n");
        else if (f.severity() != Severity.INFO) out.write("      fix: " + Escape.text(f.remediation()) + "\n");
      }
      if (!vm.undecidedTargets().isEmpty()) out.write("  " + Escape.text(undecidedLine(vm)) + "\n");
    }
    long vmsWithTarget = e.vms().stream().filter(v -> v.compatibleCount() > 0).count();
    out.write("\n" + e.count(Severity.ERROR) + " errors, " + e.count(Severity.WARNING) + " warnings, "
        + e.count(Severity.INFO) + " infos" + (e.waived() > 0 ? " (" + e.waived() + " waived)" : "") + " in " + e.pairs() + " moves of " + e.vms().size() + " VMs; "
        + vmsWithTarget + " VMs have a compatible target; " + readiness(e) + "\n");
  }

  static String header(ReportInput input) {
    return "vmotion validate " + Escape.text(input.inventory()) + " (" + Escape.text(input.mode()) + ")\n";
  }

  /**
   * The root-cause view as text and summary print it first: the VMs with no compatible target,
   * then each cause with the moves it blocks and its fix.
   */
  static void writeCauses(ReportInput input, RootCauses rc, Writer out) throws IOException {
    out.write("\nWhat to fix first: " + rc.noTarget().size() + (rc.noTarget().size() == 1 ? " VM has" : " VMs have") + " no compatible target; "
        + rc.blockedMoves() + (rc.blockedMoves() == 1 ? " move is" : " moves are") + " blocked, by " + rc.causes().size()
        + (rc.causes().size() == 1 ? " cause" : " causes") + "\n");
    if (!rc.noTarget().isEmpty()) {
      out.write("  VMs with no compatible target:\n");
      for (CheckedVm vm : rc.noTarget()) {
        StringBuilder line = new StringBuilder("    ").append(Escape.text(vm.name())).append(" on ").append(Escape.text(vm.host())).append(": ")
            .append(vm.readiness().json()).append(", 0 of ").append(vm.targetCount()).append(vm.targetCount() == 1 ? " target" : " targets")
            .append(" compatible");
        if (vm.undecidedCount() > 0) line.append(", ").append(vm.undecidedCount()).append(" undecided");
        if (!vm.blockedBy().isEmpty()) line.append("; blocked by ").append(Escape.text(RootCauses.blockedBy(vm)));
        out.write(line.append('\n').toString());
      }
    }
    if (!rc.causes().isEmpty()) {
      out.write("  Causes, by moves blocked (a move blocked by two causes counts under both):\n");
      int width = Long.toString(rc.causes().get(0).moves()).length();
      for (RootCauses.Cause c : rc.causes()) {
        out.write(String.format("    %" + width + "d %s  %s on %s: %s%n", c.moves(), c.moves() == 1 ? "move " : "moves", Escape.text(c.rule()),
            Escape.text(c.where()), Escape.text(c.title())));
        if (!c.fix().isEmpty()) out.write("    " + " ".repeat(width + 8) + "fix: " + Escape.text(c.fix()) + "\n");
      }
    }
  }

  /** Says which VMs the per-VM detail leaves out, and why; nothing when it lists every VM. */
  static String detailNote(ReportInput input) {
    ReportOptions.Detail d = input.detail();
    if (d == ReportOptions.Detail.ALL) return "";
    int vms = input.evaluation().vms().size();
    String why = input.options().detail() == null
        ? "--detail blocked, the default above " + ReportOptions.ALL_DETAIL_UP_TO + " VMs; --detail all lists every VM"
        : "--detail " + d.option() + "; --detail all lists every VM";
    if (d == ReportOptions.Detail.NONE) return "\nPer-VM detail: none of the " + vms + " VMs (" + why + ")\n";
    long shown = input.evaluation().vms().stream().filter(input::detailed).count();
    return "\nPer-VM detail: only the " + shown + " VMs with no compatible target, of " + vms + " (" + why + ")\n";
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

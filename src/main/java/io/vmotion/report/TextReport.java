package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Severity;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** For people: findings grouped by VM, each with its rule, target, message and fix, then one summary line. */
public final class TextReport implements ReportFormat {

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Evaluation e = input.evaluation();
    Map<String, List<Finding>> byVm = new LinkedHashMap<>();
    for (Finding f : e.findings()) byVm.computeIfAbsent(f.vm(), k -> new ArrayList<>()).add(f);
    out.write("vmotion validate " + input.inventory() + " (" + input.mode() + ")\n");
    for (CheckedVm vm : e.vms()) {
      List<Finding> findings = byVm.getOrDefault(vm.name(), List.of());
      out.write("\n" + vm.name() + " on " + vm.host() + ": " + vm.compatibleTargets().size() + " of "
          + vm.targets().size() + " targets compatible"
          + (vm.compatibleTargets().isEmpty() ? "" : " (" + String.join(", ", vm.compatibleTargets()) + ")") + "\n");
      for (Finding f : findings) {
        out.write("  " + (f.waived() ? "WAIVED " : "") + f.severity().json().toUpperCase() + " " + f.rule() + " -> " + f.target()
            + (f.step() > 0 ? " (plan step " + f.step() + ")" : "") + ": " + f.message() + "\n");
        if (f.waived()) out.write("      waived: " + f.waiver() + "\n");
        else if (f.severity() != Severity.INFO) out.write("      fix: " + f.remediation() + "\n");
      }
    }
    long vmsWithTarget = e.vms().stream().filter(v -> !v.compatibleTargets().isEmpty()).count();
    out.write("\n" + e.count(Severity.ERROR) + " errors, " + e.count(Severity.WARNING) + " warnings, "
        + e.count(Severity.INFO) + " infos" + (e.waived() > 0 ? " (" + e.waived() + " waived)" : "") + " in " + e.pairs() + " moves of " + e.vms().size() + " VMs; "
        + vmsWithTarget + " VMs have a compatible target\n");
  }
}

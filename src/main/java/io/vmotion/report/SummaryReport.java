package io.vmotion.report;

import io.vmotion.rules.CheckedVm;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Severity;
import io.vmotion.rules.UnknownSummary;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

/**
 * What to fix first (as the text report has it), then one line per VM ({@code --detail} decides
 * which): its readiness, how many targets it can reach and how many stay undecided and, per rule,
 * how many targets that rule blocks; then the unknown facts once per cause, and the totals. The
 * readable choice when there are too many pairs to list: it needs counts only, no findings.
 */
public final class SummaryReport implements ReportFormat {

  @Override
  public void write(ReportInput input, Writer out) throws IOException {
    Evaluation e = input.evaluation();
    Map<String, Long> totals = new TreeMap<>();
    for (CheckedVm vm : e.vms()) vm.blockedBy().forEach((rule, n) -> totals.merge(rule, (long) n, Long::sum));
    out.write(TextReport.header(input));
    TextReport.writeCauses(input, RootCauses.of(input), out);
    out.write(TextReport.detailNote(input));
    boolean any = e.vms().stream().anyMatch(input::detailed);
    if (any) out.write("\n");
    int width = e.vms().stream().filter(input::detailed).mapToInt(v -> Escape.lineStart(v.name()).length()).max().orElse(2);
    long compatible = 0;
    long undecided = 0;
    for (CheckedVm vm : e.vms()) {
      compatible += vm.compatibleCount();
      undecided += vm.undecidedCount();
      if (!input.detailed(vm)) continue;
      StringBuilder line = new StringBuilder();
      line.append(String.format("%-" + width + "s  %-19s %4d/%-4d compatible", Escape.lineStart(vm.name()), vm.readiness().json(),
          vm.compatibleCount(), vm.targetCount()));
      if (vm.undecidedCount() > 0) line.append(String.format("  %d undecided", vm.undecidedCount()));
      if (!vm.blockedBy().isEmpty()) {
        line.append("  blocked by");
        vm.blockedBy().forEach((rule, n) -> line.append(' ').append(Escape.text(rule)).append('=').append(n));
      }
      out.write(line.append('\n').toString());
    }
    out.write("\ntargets blocked, per rule:\n");
    for (Map.Entry<String, Long> t : totals.entrySet()) out.write(String.format("  %-22s %d%n", Escape.text(t.getKey()), t.getValue()));
    if (!e.unknown().isEmpty()) {
      out.write("\nunknown facts:\n");
      for (UnknownSummary u : e.unknown()) out.write("  " + Escape.text(UnknownSection.describe(u)) + "\n");
    }
    out.write(String.format("%d VMs, %d pairs, %d compatible, %d undecided, %d blocked; %d errors, %d warnings, %d infos%s; %s%n",
        e.vms().size(), e.pairs(), compatible, undecided, e.pairs() - compatible - undecided,
        e.count(Severity.ERROR), e.count(Severity.WARNING), e.count(Severity.INFO), e.waived() > 0 ? " (" + e.waived() + " waived)" : "",
        TextReport.readiness(e)));
  }
}

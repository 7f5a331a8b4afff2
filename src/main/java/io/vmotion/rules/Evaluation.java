package io.vmotion.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What evaluating an inventory found: sorted findings, the checked VMs, and the number of moves
 * checked. Waived findings stay in the list, marked, but count nowhere else.
 */
public record Evaluation(List<Finding> findings, List<CheckedVm> vms, long pairs) {

  /** Findings of this severity that are not waived. */
  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s && !f.waived()).count();
  }

  public long waived() {
    return findings.stream().filter(Finding::waived).count();
  }

  /** Whether anything not waived is at or above {@code threshold}. */
  public boolean failsAt(Severity threshold) {
    return findings.stream().anyMatch(f -> !f.waived() && f.severity().compareTo(threshold) >= 0);
  }

  /**
   * Marks each finding {@code reasonOf} gives a reason for as waived, and counts a target
   * compatible again when only waived errors stood in its way.
   */
  public Evaluation waiving(Function<Finding, String> reasonOf) {
    List<Finding> marked = new ArrayList<>();
    Set<String> blocked = new HashSet<>();
    for (Finding f : findings) {
      String reason = f.waived() ? f.waiver() : reasonOf.apply(f);
      Finding m = reason == null ? f : f.waivedBecause(reason);
      marked.add(m);
      if (!m.waived() && m.severity() == Severity.ERROR) blocked.add(m.vm() + "\u0000" + m.target());
    }
    List<CheckedVm> checked = new ArrayList<>();
    for (CheckedVm vm : vms) {
      List<String> ok = vm.targets().stream().filter(t -> !blocked.contains(vm.name() + "\u0000" + t)).toList();
      checked.add(new CheckedVm(vm.name(), vm.host(), vm.targets(), ok));
    }
    return new Evaluation(List.copyOf(marked), List.copyOf(checked), pairs);
  }
}

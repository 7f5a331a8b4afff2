package io.vmotion.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What evaluating an inventory found: findings sorted by vm, target, rule (empty when only
 * counts were kept), the checked VMs sorted by name, the number of moves checked, and the number
 * of findings per severity. Waived findings stay in the list, marked, but count nowhere else.
 */
public record Evaluation(
    List<Finding> findings, List<CheckedVm> vms, long pairs, long errors, long warnings, long infos, long waived) {

  /** Findings of this severity that are not waived. */
  public long count(Severity s) {
    return switch (s) {
      case ERROR -> errors;
      case WARNING -> warnings;
      case INFO -> infos;
    };
  }

  /** Whether anything not waived is at or above {@code threshold}. */
  public boolean failsAt(Severity threshold) {
    for (Severity s : Severity.values()) {
      if (s.compareTo(threshold) >= 0 && count(s) > 0) return true;
    }
    return false;
  }

  /**
   * Marks each finding {@code reasonOf} gives a reason for as waived, and counts a target
   * compatible again when only waived errors stood in its way. Needs the findings, so the
   * evaluation must have kept its pairs.
   */
  public Evaluation waiving(Function<Finding, String> reasonOf) {
    List<Finding> marked = new ArrayList<>();
    long[] counts = new long[Severity.values().length];
    long waivedCount = 0;
    Map<String, Map<String, Set<String>>> blockedBy = new HashMap<>();
    Set<String> blocked = new HashSet<>();
    for (Finding f : findings) {
      String reason = f.waived() ? f.waiver() : reasonOf.apply(f);
      Finding m = reason == null ? f : f.waivedBecause(reason);
      marked.add(m);
      if (m.waived()) {
        waivedCount++;
        continue;
      }
      counts[m.severity().ordinal()]++;
      if (m.severity() == Severity.ERROR) {
        blocked.add(m.vm() + "\u0000" + m.target());
        blockedBy.computeIfAbsent(m.vm(), k -> new HashMap<>()).computeIfAbsent(m.rule(), k -> new HashSet<>()).add(m.target());
      }
    }
    List<CheckedVm> checked = new ArrayList<>();
    for (CheckedVm vm : vms) {
      List<String> ok = vm.targets().stream().filter(t -> !blocked.contains(vm.name() + "\u0000" + t)).toList();
      TreeMap<String, Integer> byRule = new TreeMap<>();
      blockedBy.getOrDefault(vm.name(), Map.of()).forEach((rule, targets) -> byRule.put(rule, targets.size()));
      checked.add(new CheckedVm(vm.name(), vm.host(), vm.targets(), ok, vm.targetCount(), ok.size(), byRule));
    }
    return new Evaluation(List.copyOf(marked), List.copyOf(checked), pairs,
        counts[Severity.ERROR.ordinal()], counts[Severity.WARNING.ordinal()], counts[Severity.INFO.ordinal()], waivedCount);
  }
}

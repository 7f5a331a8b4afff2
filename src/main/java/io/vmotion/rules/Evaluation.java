package io.vmotion.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What evaluating an inventory found: findings sorted by vm, target, rule (empty when only
 * counts were kept), the checked VMs sorted by name, the number of moves checked, and the number
 * of findings per severity. Waived findings stay in the list, marked, but count nowhere else.
 * {@code undecidedMoves} counts the moves with a rule the known facts do not decide, and
 * {@code unknown} states each gap of the inventory once, with what it costs. {@code blockedMoves}
 * counts, per rule and target host, the moves an error of the rule blocks there (waived errors
 * excluded): the causes a report ranks, kept even when the findings are not.
 */
public record Evaluation(
    List<Finding> findings, List<CheckedVm> vms, long pairs, long errors, long warnings, long infos, long waived,
    long undecidedMoves, List<UnknownSummary> unknown, SortedMap<String, SortedMap<String, Long>> blockedMoves) {

  public Evaluation {
    unknown = List.copyOf(unknown);
    blockedMoves = Collections.unmodifiableSortedMap(blockedMoves);
  }

  /** An evaluation whose blocked moves per rule and target are counted from its findings. */
  public Evaluation(
      List<Finding> findings, List<CheckedVm> vms, long pairs, long errors, long warnings, long infos, long waived,
      long undecidedMoves, List<UnknownSummary> unknown) {
    this(findings, vms, pairs, errors, warnings, infos, waived, undecidedMoves, unknown, blockedMoves(findings));
  }

  /** Per rule and target, the moves its unwaived errors block; a rule's second finding on one move counts once. */
  static SortedMap<String, SortedMap<String, Long>> blockedMoves(List<Finding> findings) {
    SortedMap<String, SortedMap<String, Long>> out = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (Finding f : findings) {
      if (f.severity() != Severity.ERROR || f.waived()) continue;
      if (!seen.add(f.rule() + "\u0000" + f.vm() + "\u0000" + f.target() + "\u0000" + f.step())) continue;
      out.computeIfAbsent(f.rule(), k -> new TreeMap<>()).merge(f.target(), 1L, Long::sum);
    }
    return out;
  }

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

  /** How many VMs have each readiness, in the enum's order. */
  public Map<Readiness, Long> readiness() {
    Map<Readiness, Long> out = new EnumMap<>(Readiness.class);
    for (Readiness r : Readiness.values()) out.put(r, 0L);
    for (CheckedVm vm : vms) out.merge(vm.readiness(), 1L, Long::sum);
    return out;
  }

  /**
   * Marks each finding {@code reasonOf} gives a reason for as waived, and counts a target
   * compatible again when only waived findings made it blocked or undecided. Needs the findings, so
   * the evaluation must have kept its pairs.
   */
  public Evaluation waiving(Function<Finding, String> reasonOf) {
    List<Finding> marked = new ArrayList<>();
    long[] counts = new long[Severity.values().length];
    long waivedCount = 0;
    Map<String, Map<String, Set<String>>> blockedBy = new HashMap<>();
    Map<String, Map<String, SortedSet<String>>> undecidedBy = new HashMap<>();
    Set<String> blocked = new HashSet<>();
    Set<String> undecided = new HashSet<>();
    Set<String> warned = new HashSet<>();
    List<Finding> undecidedFindings = new ArrayList<>();
    for (Finding f : findings) {
      String reason = f.waived() ? f.waiver() : reasonOf.apply(f);
      Finding m = reason == null ? f : f.waivedBecause(reason);
      marked.add(m);
      if (m.waived()) {
        waivedCount++;
        continue;
      }
      counts[m.severity().ordinal()]++;
      String pair = m.vm() + "\u0000" + m.target();
      if (m.undecided()) {
        undecided.add(pair);
        undecidedFindings.add(m);
      }
      if (m.severity() == Severity.WARNING) warned.add(pair);
      if (m.severity() == Severity.ERROR) {
        blocked.add(pair);
        blockedBy.computeIfAbsent(m.vm(), k -> new HashMap<>()).computeIfAbsent(m.rule(), k -> new HashSet<>()).add(m.target());
      }
    }
    for (Finding f : undecidedFindings) {
      if (blocked.contains(f.vm() + "\u0000" + f.target())) continue;
      for (UnknownFact u : f.unknown()) undecidedBy.computeIfAbsent(f.vm(), k -> new TreeMap<>()).computeIfAbsent(u.topic(), k -> new TreeSet<>()).add(f.rule());
    }
    List<CheckedVm> checked = new ArrayList<>();
    for (CheckedVm vm : vms) {
      List<String> ok = new ArrayList<>();
      List<String> open = new ArrayList<>();
      int clean = 0;
      for (String t : vm.targets()) {
        String pair = vm.name() + "\u0000" + t;
        if (blocked.contains(pair)) continue;
        if (undecided.contains(pair)) {
          open.add(t);
        } else {
          ok.add(t);
          if (!warned.contains(pair)) clean++;
        }
      }
      TreeMap<String, Integer> byRule = new TreeMap<>();
      blockedBy.getOrDefault(vm.name(), Map.of()).forEach((rule, targets) -> byRule.put(rule, targets.size()));
      checked.add(new CheckedVm(vm.name(), vm.host(), vm.targets(), ok, open, vm.targetCount(), ok.size(), clean, open.size(), byRule,
          new TreeMap<>(undecidedBy.getOrDefault(vm.name(), Map.of()))));
    }
    return new Evaluation(List.copyOf(marked), List.copyOf(checked), pairs,
        counts[Severity.ERROR.ordinal()], counts[Severity.WARNING.ordinal()], counts[Severity.INFO.ordinal()], waivedCount,
        undecidedMoves, unknown);
  }
}

package io.vmotion.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates the outcome of each checked move into an {@link Evaluation}. With
 * {@code keepPairs} off it keeps counts only (per VM and rule), which is what a summary of a
 * hundred million pairs can afford; the counts are the same either way.
 */
final class EvaluationBuilder {

  private static final class VmTally {
    final String name;
    final String host;
    final List<String> targets = new ArrayList<>();
    final List<String> compatible = new ArrayList<>();
    int targetCount;
    int compatibleCount;
    final TreeMap<String, Integer> blockedBy = new TreeMap<>();

    VmTally(String name, String host) {
      this.name = name;
      this.host = host;
    }
  }

  private final boolean keepPairs;
  private final Map<String, VmTally> vms = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final long[] severities = new long[Severity.values().length];
  private long pairs;

  EvaluationBuilder(boolean keepPairs) {
    this.keepPairs = keepPairs;
  }

  /** A builder of the same kind, for a share of the VMs evaluated on another thread. */
  EvaluationBuilder fork() {
    return new EvaluationBuilder(keepPairs);
  }

  /** Takes in what a fork collected; forks cover disjoint VMs. */
  void absorb(EvaluationBuilder part) {
    vms.putAll(part.vms);
    findings.addAll(part.findings);
    for (int i = 0; i < severities.length; i++) severities[i] += part.severities[i];
    pairs += part.pairs;
  }

    boolean keepsPairs() {
    return keepPairs;
  }

  /** A VM's counted moves, when no finding is kept (summaries). */
  void vm(String vm, String host, int targets, int compatible, java.util.SortedMap<String, Integer> blockedBy) {
    VmTally t = vms.computeIfAbsent(vm, k -> new VmTally(vm, host));
    pairs += targets;
    t.targetCount += targets;
    t.compatibleCount += compatible;
    blockedBy.forEach((rule, n) -> t.blockedBy.merge(rule, n, Integer::sum));
  }

  void severities(long[] counts) {
    for (int i = 0; i < counts.length; i++) severities[i] += counts[i];
  }

  /** One checked move and everything found about it. */
  void pair(String vm, String host, String target, List<Finding> found) {
    pairs++;
    VmTally t = vms.computeIfAbsent(vm, k -> new VmTally(vm, host));
    t.targetCount++;
    if (keepPairs) t.targets.add(target);
    boolean blocked = false;
    List<String> blockingRules = null;
    for (Finding f : found) {
      severities[f.severity().ordinal()]++;
      if (keepPairs) findings.add(f);
      if (f.severity() == Severity.ERROR) {
        blocked = true;
        if (blockingRules == null) blockingRules = new ArrayList<>(2);
        if (!blockingRules.contains(f.rule())) blockingRules.add(f.rule());
      }
    }
    if (blockingRules != null) {
      for (String rule : blockingRules) t.blockedBy.merge(rule, 1, Integer::sum);
    }
    if (!blocked) {
      t.compatibleCount++;
      if (keepPairs) t.compatible.add(target);
    }
  }

  Evaluation build() {
    findings.sort(Finding.ORDER);
    List<CheckedVm> checked = new ArrayList<>();
    vms.values().stream().sorted(Comparator.comparing((VmTally t) -> t.name)).forEach(t -> {
      List<String> targets = new ArrayList<>(t.targets);
      targets.sort(null);
      List<String> compatible = new ArrayList<>(t.compatible);
      compatible.sort(null);
      checked.add(new CheckedVm(t.name, t.host, targets, compatible, t.targetCount, t.compatibleCount, t.blockedBy));
    });
    return new Evaluation(List.copyOf(findings), List.copyOf(checked), pairs,
        severities[Severity.ERROR.ordinal()], severities[Severity.WARNING.ordinal()], severities[Severity.INFO.ordinal()], 0);
  }

}

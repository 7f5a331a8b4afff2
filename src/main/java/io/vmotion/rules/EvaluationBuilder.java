package io.vmotion.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Accumulates the outcome of each checked move into an {@link Evaluation}. With
 * {@code keepPairs} off it keeps counts only (per VM and rule), which is what a summary of a
 * hundred million pairs can afford; the counts are the same either way.
 */
final class EvaluationBuilder {

  /** What one rule left undecided on one move, and the facts that would decide it. */
  record Undecided(String rule, List<UnknownFact> facts) {}

  private static final class VmTally {
    final String name;
    final String host;
    final List<String> targets = new ArrayList<>();
    final List<String> compatible = new ArrayList<>();
    final List<String> undecided = new ArrayList<>();
    int targetCount;
    int compatibleCount;
    int cleanCount;
    int undecidedCount;
    final TreeMap<String, Integer> blockedBy = new TreeMap<>();
    /** Sorted when built: the same few entries are added for each of thousands of undecided moves. */
    final java.util.HashMap<String, Set<String>> undecidedBy = new java.util.HashMap<>();

    VmTally(String name, String host) {
      this.name = name;
      this.host = host;
    }
  }

  private final boolean keepPairs;
  private final UnknownCauses causes;
  private final Map<String, VmTally> vms = new LinkedHashMap<>();
  private final List<Finding> findings = new ArrayList<>();
  private final long[] severities = new long[Severity.values().length];
  private long pairs;
  private long undecidedMoves;
  /** Per cause: the rules it kept from deciding, and the moves it left undecided. */
  private final Map<Integer, Set<String>> causeRules = new java.util.HashMap<>();
  private final Map<Integer, long[]> causeMoves = new TreeMap<>();
  /** Per rule and target host: the moves an error of the rule blocks there. */
  private final Map<String, Map<String, long[]>> blockedAt = new java.util.HashMap<>();

  EvaluationBuilder(boolean keepPairs) {
    this(keepPairs, UnknownCauses.NONE);
  }

  EvaluationBuilder(boolean keepPairs, UnknownCauses causes) {
    this.keepPairs = keepPairs;
    this.causes = causes;
  }

  /** A builder of the same kind, for a share of the VMs evaluated on another thread. */
  EvaluationBuilder fork() {
    return new EvaluationBuilder(keepPairs, causes);
  }

  /** Takes in what a fork collected; forks cover disjoint VMs. */
  void absorb(EvaluationBuilder part) {
    vms.putAll(part.vms);
    findings.addAll(part.findings);
    for (int i = 0; i < severities.length; i++) severities[i] += part.severities[i];
    pairs += part.pairs;
    undecidedMoves += part.undecidedMoves;
    part.causeRules.forEach((c, r) -> causeRules.computeIfAbsent(c, k -> new java.util.HashSet<>()).addAll(r));
    part.causeMoves.forEach((c, n) -> causeMoves.computeIfAbsent(c, k -> new long[1])[0] += n[0]);
    part.blockedAt.forEach((rule, byTarget) -> byTarget.forEach((target, n) -> blockedAt(rule, target, n[0])));
  }

  /** {@code moves} more moves to {@code target} that an error of {@code rule} blocks. */
  void blockedAt(String rule, String target, long moves) {
    blockedAt.computeIfAbsent(rule, k -> new java.util.HashMap<>()).computeIfAbsent(target, k -> new long[1])[0] += moves;
  }

  boolean keepsPairs() {
    return keepPairs;
  }

  /**
   * A VM's moves as a summary counts them, with no finding kept: how many targets, how many are
   * compatible and how many of those clean, how many undecided, and per rule how many it blocks.
   * Its undecided moves come through {@link #undecided} first.
   */
  void counted(String vm, String host, int targets, int compatible, int clean, int undecided, SortedMap<String, Integer> blockedBy) {
    VmTally t = vms.computeIfAbsent(vm, k -> new VmTally(vm, host));
    pairs += targets;
    t.targetCount += targets;
    t.compatibleCount += compatible;
    t.cleanCount += clean;
    t.undecidedCount += undecided;
    blockedBy.forEach((rule, n) -> t.blockedBy.merge(rule, n, Integer::sum));
  }

  /** One move some rule leaves undecided: counts it against the causes, and (when no error blocks it) the VM's line. */
  void undecided(String vm, String host, String target, boolean blocked, List<Undecided> undecided) {
    VmTally t = vms.computeIfAbsent(vm, k -> new VmTally(vm, host));
    undecidedMoves++;
    // A move counts once per cause, however many of its rules and facts the cause touches.
    int[] hit = new int[4];
    int hits = 0;
    for (Undecided u : undecided) {
      for (UnknownFact f : u.facts()) {
        int c = causes.of(f, vm, host, target);
        if (c >= 0) {
          boolean seen = false;
          for (int i = 0; i < hits; i++) seen |= hit[i] == c;
          if (!seen) {
            if (hits == hit.length) hit = java.util.Arrays.copyOf(hit, hits * 2);
            hit[hits++] = c;
          }
          causeRules.computeIfAbsent(c, k -> new java.util.HashSet<>()).add(u.rule());
        }
        if (!blocked) t.undecidedBy.computeIfAbsent(f.topic(), k -> new java.util.HashSet<>(4)).add(u.rule());
      }
    }
    for (int i = 0; i < hits; i++) causeMoves.computeIfAbsent(hit[i], k -> new long[1])[0]++;
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
    boolean warned = false;
    List<String> blockingRules = null;
    List<Undecided> undecided = null;
    for (Finding f : found) {
      severities[f.severity().ordinal()]++;
      if (keepPairs) findings.add(f);
      if (f.undecided()) {
        if (undecided == null) undecided = new ArrayList<>(2);
        undecided.add(new Undecided(f.rule(), f.unknown()));
      }
      if (f.severity() == Severity.WARNING) warned = true;
      if (f.severity() == Severity.ERROR) {
        blocked = true;
        if (blockingRules == null) blockingRules = new ArrayList<>(2);
        if (!blockingRules.contains(f.rule())) blockingRules.add(f.rule());
      }
    }
    if (blockingRules != null) {
      for (String rule : blockingRules) {
        t.blockedBy.merge(rule, 1, Integer::sum);
        blockedAt(rule, target, 1);
      }
    }
    classify(t, target, blocked, warned, undecided == null ? List.of() : undecided, host, vm);
  }

  private void classify(VmTally t, String target, boolean blocked, boolean warned, List<Undecided> undecided, String host, String vm) {
    if (!undecided.isEmpty()) undecided(vm, host, target, blocked, undecided);
    if (blocked) return;
    if (!undecided.isEmpty()) {
      t.undecidedCount++;
      if (keepPairs) t.undecided.add(target);
      return;
    }
    t.compatibleCount++;
    if (!warned) t.cleanCount++;
    if (keepPairs) t.compatible.add(target);
  }

  Evaluation build() {
    findings.sort(Finding.ORDER);
    List<CheckedVm> checked = new ArrayList<>();
    vms.values().stream().sorted(Comparator.comparing((VmTally t) -> t.name)).forEach(t -> {
      List<String> targets = new ArrayList<>(t.targets);
      targets.sort(null);
      List<String> compatible = new ArrayList<>(t.compatible);
      compatible.sort(null);
      List<String> undecided = new ArrayList<>(t.undecided);
      undecided.sort(null);
      TreeMap<String, SortedSet<String>> undecidedBy = new TreeMap<>();
      t.undecidedBy.forEach((topic, rules) -> undecidedBy.put(topic, new TreeSet<>(rules)));
      checked.add(new CheckedVm(t.name, t.host, targets, compatible, undecided, t.targetCount, t.compatibleCount, t.cleanCount,
          t.undecidedCount, t.blockedBy, undecidedBy));
    });
    return new Evaluation(List.copyOf(findings), List.copyOf(checked), pairs,
        severities[Severity.ERROR.ordinal()], severities[Severity.WARNING.ordinal()], severities[Severity.INFO.ordinal()], 0,
        undecidedMoves, unknown(), blockedMoves());
  }

  private SortedMap<String, SortedMap<String, Long>> blockedMoves() {
    SortedMap<String, SortedMap<String, Long>> out = new TreeMap<>();
    blockedAt.forEach((rule, byTarget) -> {
      SortedMap<String, Long> targets = new TreeMap<>();
      byTarget.forEach((target, n) -> targets.put(target, n[0]));
      out.put(rule, targets);
    });
    return out;
  }

  /** Each cause once, with what it costs, the costliest first. */
  private List<UnknownSummary> unknown() {
    List<UnknownSummary> out = new ArrayList<>();
    List<UnknownCauses.Cause> all = causes.all();
    for (int i = 0; i < all.size(); i++) {
      UnknownCauses.Cause c = all.get(i);
      long moves = causeMoves.getOrDefault(i, new long[1])[0];
      out.add(new UnknownSummary(c.cause(), c.fix(), List.copyOf(c.hostFields()), List.copyOf(c.vmFields()), c.hosts().size(), c.vms().size(),
          List.copyOf(new TreeSet<>(causeRules.getOrDefault(i, Set.of()))), moves));
    }
    out.sort(Comparator.comparingLong(UnknownSummary::undecidedMoves).reversed().thenComparing(UnknownSummary::cause));
    return out;
  }
}

package io.vmotion.rules;

import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A VM that was checked: where it runs, how many targets it was checked against, how many are
 * compatible (decided, with no error), how many of those have no finding at all, how many are
 * undecided (no error, but a rule the known facts do not decide), and per rule how many targets it
 * blocks. {@code undecidedBy} maps each unknown fact (as a report names it, "ESXi version") to the
 * rules it leaves undecided here. The target lists are kept only when the report lists pairs; a
 * summary of a hundred million pairs keeps the counts.
 */
public record CheckedVm(
    String name,
    String host,
    List<String> targets,
    List<String> compatibleTargets,
    List<String> undecidedTargets,
    int targetCount,
    int compatibleCount,
    int cleanCount,
    int undecidedCount,
    SortedMap<String, Integer> blockedBy,
    SortedMap<String, SortedSet<String>> undecidedBy) {

  public CheckedVm {
    targets = List.copyOf(targets);
    compatibleTargets = List.copyOf(compatibleTargets);
    undecidedTargets = List.copyOf(undecidedTargets);
  }

  public Readiness readiness() {
    return Readiness.of(cleanCount, compatibleCount, undecidedCount);
  }
}

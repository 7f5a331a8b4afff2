package io.vmotion.rules;

import java.util.List;
import java.util.SortedMap;

/**
 * A VM that was checked: where it runs, how many targets it was checked against and how many
 * have no error finding, and per rule how many targets that rule blocks. The target lists are
 * kept only when the report lists pairs; a summary of a hundred million pairs keeps the counts.
 */
public record CheckedVm(
    String name,
    String host,
    List<String> targets,
    List<String> compatibleTargets,
    int targetCount,
    int compatibleCount,
    SortedMap<String, Integer> blockedBy) {

  public CheckedVm {
    targets = List.copyOf(targets);
    compatibleTargets = List.copyOf(compatibleTargets);
  }
}

package io.vmotion.planning;

import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rules said about each (VM, target) pair, from one evaluation of every pair: the error
 * findings that block it. {@code resources.capacity} is kept apart: the evaluation judged it against
 * today's placement, while a plan judges it against the target as the plan's earlier moves leave
 * it, which the planner models itself (and the validator then certifies).
 */
public final class Compatibility {

  /** The rule whose verdict depends on the plan's order. */
  public static final String CAPACITY = "resources.capacity";

  private final Map<String, Map<String, List<Finding>>> blocking = new HashMap<>();
  private final Map<String, Map<String, Finding>> capacity = new HashMap<>();

  private Compatibility() {}

  public static Compatibility of(Evaluation evaluation) {
    Compatibility c = new Compatibility();
    for (Finding f : evaluation.findings()) c.add(f);
    return c;
  }

  /** Adds the errors a certifying validation found on planned moves: those pairs are never planned again. */
  public Compatibility forbidding(List<Finding> certificateErrors) {
    Compatibility c = new Compatibility();
    blocking.forEach((vm, byTarget) -> byTarget.forEach((t, list) -> list.forEach(c::add)));
    capacity.forEach((vm, byTarget) -> byTarget.values().forEach(c::add));
    for (Finding f : certificateErrors) {
      if (f.severity() == Severity.ERROR && !f.waived()) {
        c.blocking.computeIfAbsent(f.vm(), k -> new HashMap<>()).computeIfAbsent(f.target(), k -> new ArrayList<>(1)).add(f);
      }
    }
    return c;
  }

  private void add(Finding f) {
    if (f.severity() != Severity.ERROR || f.waived()) return;
    if (f.rule().equals(CAPACITY) && f.step() == 0) {
      capacity.computeIfAbsent(f.vm(), k -> new HashMap<>()).put(f.target(), f);
    } else {
      blocking.computeIfAbsent(f.vm(), k -> new HashMap<>()).computeIfAbsent(f.target(), k -> new ArrayList<>(1)).add(f);
    }
  }

  /** The error findings other than today's capacity verdict that block {@code vm} on {@code target}. */
  public List<Finding> blocking(String vm, String target) {
    return blocking.getOrDefault(vm, Map.of()).getOrDefault(target, List.of());
  }

  /** Today's capacity verdict for the pair, or null when the target admits the VM today. */
  public Finding capacityToday(String vm, String target) {
    return capacity.getOrDefault(vm, Map.of()).get(target);
  }
}

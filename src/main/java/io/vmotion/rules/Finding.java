package io.vmotion.rules;

import java.util.Comparator;

/** One reason why a VM cannot (or should not) move from {@code source} to {@code target}. */
public record Finding(
    String rule, Severity severity, String vm, String source, String target, int step, String message, String remediation) {

  /** Sorted by vm, target, rule: the report's contract. Plan step and message break ties. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::vm)
          .thenComparing(Finding::target)
          .thenComparing(Finding::rule)
          .thenComparingInt(Finding::step)
          .thenComparing(Finding::message);
}

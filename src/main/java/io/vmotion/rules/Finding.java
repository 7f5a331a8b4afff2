package io.vmotion.rules;

import java.util.Comparator;
import java.util.List;

/**
 * One reason why a VM cannot (or should not) move from {@code source} to {@code target}.
 * {@code waiver} is the reason of the waiver that accepts it, or null when it is not waived.
 * {@code unknown} is empty for a verdict; for an info "not checked" finding it names the unknown
 * facts whose values would decide the rule one way or the other.
 */
public record Finding(
    String rule, Severity severity, String vm, String source, String target, int step, String message, String remediation,
    String waiver, List<UnknownFact> unknown) {

  public Finding {
    unknown = List.copyOf(unknown);
  }

  public Finding(String rule, Severity severity, String vm, String source, String target, int step, String message, String remediation) {
    this(rule, severity, vm, source, target, step, message, remediation, null, List.of());
  }

  /** Whether the known facts leave the rule undecided for this move ("not checked"). */
  public boolean undecided() {
    return !unknown.isEmpty();
  }

  /** Sorted by vm, target, rule: the report's contract. Plan step and message break ties. */
  public static final Comparator<Finding> ORDER =
      Comparator.comparing(Finding::vm)
          .thenComparing(Finding::target)
          .thenComparing(Finding::rule)
          .thenComparingInt(Finding::step)
          .thenComparing(Finding::message);

  public boolean waived() {
    return waiver != null;
  }

  public Finding waivedBecause(String reason) {
    return new Finding(rule, severity, vm, source, target, step, message, remediation, reason, unknown);
  }
}

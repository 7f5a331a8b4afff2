package io.vmotion.rules;

import java.util.List;

/** What evaluating an inventory found: sorted findings, the checked VMs, and the number of moves checked. */
public record Evaluation(List<Finding> findings, List<CheckedVm> vms, long pairs) {

  public long count(Severity s) {
    return findings.stream().filter(f -> f.severity() == s).count();
  }

  /** Whether anything is at or above {@code threshold}. */
  public boolean failsAt(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
  }
}

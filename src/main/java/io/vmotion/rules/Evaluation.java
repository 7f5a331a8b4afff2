package io.vmotion.rules;

import java.util.List;

/**
 * What evaluating an inventory found: findings sorted by vm, target, rule (empty when only
 * counts were kept), the checked VMs sorted by name, the number of moves checked, and the number
 * of findings per severity.
 */
public record Evaluation(List<Finding> findings, List<CheckedVm> vms, long pairs, long errors, long warnings, long infos) {

  public long count(Severity s) {
    return switch (s) {
      case ERROR -> errors;
      case WARNING -> warnings;
      case INFO -> infos;
    };
  }

  /** Whether anything is at or above {@code threshold}. */
  public boolean failsAt(Severity threshold) {
    for (Severity s : Severity.values()) {
      if (s.compareTo(threshold) >= 0 && count(s) > 0) return true;
    }
    return false;
  }
}

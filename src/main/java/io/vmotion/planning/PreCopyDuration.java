package io.vmotion.planning;

import io.vmotion.estimation.EstimateInput;
import io.vmotion.estimation.PreCopyEstimator;
import io.vmotion.estimation.VmotionLink;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;

/**
 * A move's duration from the pre-copy estimator (docs/estimation.md): the VM's memory, then what it
 * dirties meanwhile, round by round, over the slower end's vMotion adapters shared by the wave's
 * moves, plus the switchover. A host whose adapters are unknown or absent counts as 1 GbE, the
 * least vMotion runs on, so an estimate stays finite and errs long; the rules report the adapter.
 */
public record PreCopyDuration() implements MoveDuration {

  /** What the runbook says of these estimates. */
  public static final String DESCRIPTION = "pre-copy estimate (docs/estimation.md): memory, then the pages dirtied meanwhile,"
      + " round by round over the slower vMotion link shared by the wave's moves on it, plus the switchover";

  @Override
  public double seconds(Vm vm, Host source, Host target, int concurrentOnLink) {
    double link = Math.max(LinkShareDuration.MIN_LINK_MBPS, VmotionLink.between(source, target));
    return PreCopyEstimator.estimate(EstimateInput.forVm(vm, link, Math.max(1, concurrentOnLink))).totalSeconds();
  }
}

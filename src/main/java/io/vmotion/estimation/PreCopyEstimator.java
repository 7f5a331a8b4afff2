package io.vmotion.estimation;

import java.util.ArrayList;
import java.util.List;

/**
 * Iterative pre-copy as a recurrence (docs/estimation.md): round 0 sends memory M in
 * t0 = M / B; round i sends V_i = min(M, H + D·t_{i-1}) in t_i = V_i / B. Pre-copy stops at the first
 * round i ≥ 1 that fits the switchover target T (that round is sent stunned), that is no shorter
 * than the round before, or that reaches the round cap. Round 0 is always sent live, as in the
 * protocol model and in vMotion: even a VM small enough to send within T is pre-copied once.
 */
public final class PreCopyEstimator {

  private PreCopyEstimator() {}

  public static Estimate estimate(EstimateInput in) {
    double bandwidth = in.effectiveMiBps();
    double target = in.switchoverMs() / 1000;
    List<Round> rounds = new ArrayList<>();
    double previous = in.memoryMb() / bandwidth;
    rounds.add(new Round(0, in.memoryMb(), previous));
    StopReason reason;
    for (int i = 1; ; i++) {
      double megabytes = Math.min(in.memoryMb(), in.hotSetMb() + in.dirtyMbps() * previous);
      double seconds = megabytes / bandwidth;
      rounds.add(new Round(i, megabytes, seconds));
      if (seconds <= target) {
        reason = StopReason.SWITCHOVER_TARGET;
        break;
      }
      if (seconds >= previous) {
        reason = StopReason.NO_PROGRESS;
        break;
      }
      if (i >= in.maxPrecopyRounds()) {
        reason = StopReason.ROUND_CAP;
        break;
      }
      previous = seconds;
    }
    double sum = 0;
    for (Round r : rounds) sum += r.seconds();
    double lastRound = rounds.get(rounds.size() - 1).seconds();
    double deviceState = in.deviceStateMb() / bandwidth;
    boolean converges = reason == StopReason.SWITCHOVER_TARGET;
    // With SDPS vMotion slows the guest until the last round fits the target; what it cannot shrink
    // is the device state, so only a stun above the maximum even then is a failure.
    double stunWithSdps = Math.min(lastRound, target) + deviceState;
    Verdict verdict = stunWithSdps > PreCopyDefaults.MAX_STUN_SECONDS ? Verdict.FAILS
        : converges ? Verdict.OK : Verdict.NEEDS_SDPS;
    return new Estimate(in, rounds, sum + in.overheadSeconds(), (lastRound + deviceState) * 1000, converges, verdict, reason, bandwidth);
  }

  /**
   * The time after which pre-copy cannot get below: rounds approach H / (B − D) from above, so the
   * move converges on its own only when that is within T. Infinite when the guest dirties memory at
   * least as fast as it is sent.
   */
  public static double floorSeconds(EstimateInput in) {
    double b = in.effectiveMiBps();
    if (in.dirtyMbps() >= b) return Double.POSITIVE_INFINITY;
    return in.hotSetMb() / (b - in.dirtyMbps());
  }
}

package io.vmotion.estimation;

import java.util.List;

/**
 * A move's estimate: its copy rounds, the last of them sent with the VM stunned, and what they add
 * up to.
 *
 * @param rounds         every round, round 0 first; the last is the stun round
 * @param totalSeconds   the rounds plus the fixed overhead
 * @param downtimeMs     the stun without SDPS: the last round plus the device state
 * @param converges      whether the last round fits the switchover target
 * @param verdict        ok, needs SDPS, or fails
 * @param stopReason     why pre-copy ended after these rounds
 * @param effectiveMiBps the bandwidth this move gets
 */
public record Estimate(
    EstimateInput input,
    List<Round> rounds,
    double totalSeconds,
    double downtimeMs,
    boolean converges,
    Verdict verdict,
    StopReason stopReason,
    double effectiveMiBps) {

  public Estimate {
    rounds = List.copyOf(rounds);
  }

  /** Rounds sent while the VM runs: all but the last. */
  public int precopyRounds() {
    return rounds.size() - 1;
  }

  /** The round sent with the VM stunned. */
  public Round stunRound() {
    return rounds.get(rounds.size() - 1);
  }

  /** The sum of the rounds' times, without the fixed overhead. */
  public double roundSeconds() {
    double sum = 0;
    for (Round r : rounds) sum += r.seconds();
    return sum;
  }

  /** Time to send the device state (a vGPU's frame buffer) while stunned. */
  public double deviceStateSeconds() {
    return input.deviceStateMb() / effectiveMiBps;
  }
}

package io.vmotion.protocol;

/**
 * The finite bounds that keep the state space small enough to explore exhaustively.
 *
 * @param pages              guest memory pages
 * @param writes             guest actions in a whole run (page writes plus packets on the open connection);
 *                           also bounds each page's version counter
 * @param rounds             maximum pre-copy rounds before the source switches over regardless
 * @param threshold          the source switches over once at most this many pages are dirty at the end of a round
 * @param faultBudget        how many message faults (loss, duplication, reorder) one run may suffer
 * @param announceLossBudget how many RARP announcements one run may lose
 * @param attempts           how many migration attempts the source makes: after an abort it retries
 *                           until this many have been made
 */
public record Bounds(int pages, int writes, int rounds, int threshold, int faultBudget, int announceLossBudget,
                     int attempts) {
  public static final int MAX_PAGES = 8;
  public static final int MAX_WRITES = 20;
  public static final int MAX_ROUNDS = 20;
  public static final int MAX_FAULT_BUDGET = 5;
  public static final int MAX_ANNOUNCE_LOSS_BUDGET = 5;
  /** Attempt numbers travel as two-bit epochs. */
  public static final int MAX_ATTEMPTS = 3;

  public static final int DEFAULT_ANNOUNCE_LOSS_BUDGET = 1;
  public static final int DEFAULT_ATTEMPTS = 2;

  /** Explores every fault in a few seconds while still reaching every seeded bug. */
  public static final Bounds DEFAULT = new Bounds(3, 3, 3, 1, 2, DEFAULT_ANNOUNCE_LOSS_BUDGET, DEFAULT_ATTEMPTS);

  public Bounds {
    requireWithin("pages", pages, 1, MAX_PAGES);
    requireWithin("writes", writes, 0, MAX_WRITES);
    requireWithin("rounds", rounds, 1, MAX_ROUNDS);
    requireWithin("threshold", threshold, 0, MAX_PAGES);
    requireWithin("fault budget", faultBudget, 0, MAX_FAULT_BUDGET);
    requireWithin("announce-loss budget", announceLossBudget, 0, MAX_ANNOUNCE_LOSS_BUDGET);
    requireWithin("attempts", attempts, 1, MAX_ATTEMPTS);
  }

  public Bounds(int pages, int writes, int rounds, int threshold, int faultBudget) {
    this(pages, writes, rounds, threshold, faultBudget, DEFAULT_ANNOUNCE_LOSS_BUDGET, DEFAULT_ATTEMPTS);
  }

  public Bounds(int pages, int writes, int rounds) {
    this(pages, writes, rounds, DEFAULT.threshold, DEFAULT.faultBudget);
  }

  /**
   * The pre-copy rounds that can happen at all, at most {@link #rounds}. A round after the first starts
   * only when more than {@code threshold} pages are dirty at the end of the round before, and every
   * dirty bit then was set by a guest write made during that round (an earlier bit was cleared when its
   * page was taken in that round). So round r + 1 needs r * (threshold + 1) writes: no run gets past
   * round 1 + writes / (threshold + 1), nor past round 1 when threshold >= pages. Any larger round
   * bound explores exactly the same states.
   */
  public int effectiveRounds() {
    int possible = threshold >= pages ? 1 : 1 + writes / (threshold + 1);
    return Math.min(rounds, possible);
  }

  public Bounds withRounds(int newRounds) {
    return new Bounds(pages, writes, newRounds, threshold, faultBudget, announceLossBudget, attempts);
  }

  public Bounds withFaultBudget(int budget) {
    return new Bounds(pages, writes, rounds, threshold, budget, announceLossBudget, attempts);
  }

  private static void requireWithin(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  @Override
  public String toString() {
    return "pages=" + pages + " writes=" + writes + " rounds=" + rounds
        + " threshold=" + threshold + " fault-budget=" + faultBudget
        + " announce-loss-budget=" + announceLossBudget + " attempts=" + attempts;
  }
}

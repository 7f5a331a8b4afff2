package io.vmotion.protocol;

/**
 * The finite bounds that keep the state space small enough to explore exhaustively.
 *
 * @param pages       guest memory pages
 * @param writes      guest actions in a whole run (page writes plus packets on the open connection);
 *                    also bounds each page's version counter
 * @param rounds      maximum pre-copy rounds before the source switches over regardless
 * @param threshold   the source switches over once at most this many pages are dirty at the end of a round
 * @param faultBudget how many message-level faults (loss, duplication, reorder, announcement loss) one run may suffer
 */
public record Bounds(int pages, int writes, int rounds, int threshold, int faultBudget) {
  public static final int MAX_PAGES = 8;
  public static final int MAX_WRITES = 20;
  public static final int MAX_ROUNDS = 20;
  public static final int MAX_FAULT_BUDGET = 5;

  /** Explores every fault in a few seconds while still reaching every seeded bug. */
  public static final Bounds DEFAULT = new Bounds(3, 3, 3, 1, 1);

  public Bounds {
    requireWithin("pages", pages, 1, MAX_PAGES);
    requireWithin("writes", writes, 0, MAX_WRITES);
    requireWithin("rounds", rounds, 1, MAX_ROUNDS);
    requireWithin("threshold", threshold, 0, MAX_PAGES);
    requireWithin("fault budget", faultBudget, 0, MAX_FAULT_BUDGET);
  }

  public Bounds(int pages, int writes, int rounds) {
    this(pages, writes, rounds, DEFAULT.threshold, DEFAULT.faultBudget);
  }

  /** The destination repeats its RARP announcement once more than the faults a run may suffer, so one always gets through. */
  public int announcements() {
    return faultBudget + 1;
  }

  private static void requireWithin(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
    }
  }

  @Override
  public String toString() {
    return "pages=" + pages + " writes=" + writes + " rounds=" + rounds
        + " threshold=" + threshold + " fault-budget=" + faultBudget;
  }
}

package io.vmotion.planning;

/**
 * A plan's score, compared in the order: fewer VMs left on evacuated hosts, then fewer
 * moves, then a shorter estimated total, then balance (the spread of reserved memory and CPU over
 * the hosts that stay, then of configured memory, as sums of squared fractions of capacity).
 */
record Objective(int unplaced, int moves, double seconds, double reservedSpread, double memorySpread) implements Comparable<Objective> {

  /** Durations closer than this are the same: sums of floating-point estimates differ in their last bits. */
  private static final double SECONDS_EPSILON = 1e-6;
  private static final double SPREAD_EPSILON = 1e-9;

  @Override
  public int compareTo(Objective o) {
    if (unplaced != o.unplaced) return Integer.compare(unplaced, o.unplaced);
    if (moves != o.moves) return Integer.compare(moves, o.moves);
    if (Math.abs(seconds - o.seconds) > SECONDS_EPSILON) return Double.compare(seconds, o.seconds);
    if (Math.abs(reservedSpread - o.reservedSpread) > SPREAD_EPSILON) return Double.compare(reservedSpread, o.reservedSpread);
    if (Math.abs(memorySpread - o.memorySpread) > SPREAD_EPSILON) return Double.compare(memorySpread, o.memorySpread);
    return 0;
  }
}

package io.vmotion.planning;

/**
 * How one cluster's placement was found. {@code meetsBound}: every VM with an allowed host is placed
 * with no extra move, so no plan at all does better. {@code exhaustive}: the branch and bound ran to
 * its end, so no plan in which each VM moves at most once does better. {@code proven} is either.
 * {@code nodes} counts search nodes, not time, so the result is the same on every machine.
 */
public record ClusterSearch(
    String cluster, int evacuees, int placed, int moves, int lowerBoundMoves, boolean meetsBound, boolean exhaustive, long nodes) {

  public boolean proven() {
    return meetsBound || exhaustive;
  }
}

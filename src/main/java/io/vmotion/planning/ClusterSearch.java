package io.vmotion.planning;

/**
 * How one cluster's placement was found. {@code proven}: no plan places more VMs or needs fewer
 * moves, either because the search was exhaustive or because the plan meets the lower bound (every
 * VM with a compatible host placed, no extra move). {@code nodes} counts search nodes, not time, so
 * the result is the same on every machine.
 */
public record ClusterSearch(String cluster, int evacuees, int placed, int moves, int lowerBoundMoves, boolean proven, boolean exhaustive, long nodes) {}

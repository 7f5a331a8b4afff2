package io.vmotion.estimation;

/**
 * One copy round: round 0 sends all memory, each later one what was dirtied meanwhile. The last
 * round of an estimate is sent with the VM stunned.
 *
 * @param megabytes MiB sent in the round
 * @param seconds   how long sending them takes at the effective bandwidth
 */
public record Round(int round, double megabytes, double seconds) {}

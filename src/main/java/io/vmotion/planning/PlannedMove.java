package io.vmotion.planning;

/**
 * One vMotion of a plan, in plan order. {@code reason} says why a move that empties no evacuated
 * host is there at all (null for an evacuation).
 */
public record PlannedMove(String vm, String source, String target, int wave, double estimatedSeconds, Kind kind, String reason) {

  public enum Kind {
    /** Empties an evacuated host. */
    EVACUATION,
    /** Moves a VM off a target first, so that an evacuated VM fits there. */
    MAKE_ROOM,
    /** Evens out reservations within a cluster ({@code --rebalance}). */
    REBALANCE
  }
}

package io.vmotion.planning;

import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What to plan: the hosts to empty (none with {@code rebalance} alone), whether to even out
 * reservations within clusters, and the concurrent vMotions per host when not vCenter's own limits.
 */
public record PlanRequest(SortedSet<String> evacuate, boolean rebalance, OptionalInt maxConcurrent) {

  public PlanRequest {
    evacuate = new TreeSet<>(evacuate);
    if (evacuate.isEmpty() && !rebalance) throw new IllegalArgumentException("nothing to plan: no host to evacuate and no rebalance");
    if (maxConcurrent.isPresent() && maxConcurrent.getAsInt() < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1");
  }

  public static PlanRequest evacuate(String... hosts) {
    return new PlanRequest(new TreeSet<>(java.util.List.of(hosts)), false, OptionalInt.empty());
  }
}

package io.vmotion.planning;

import java.util.List;

/**
 * A finished plan: the moves in the order to run them, each with its wave; the VMs that stay on an
 * evacuated host, with why; the VMs left behind because they are not powered on (vMotion moves
 * running VMs; they are cold-migrated or stay registered); and how each cluster was searched.
 */
public record Plan(
    PlanRequest request, List<PlannedMove> migrations, List<Unplaced> unplaced, List<String> notPoweredOn, int waves,
    double estimatedSeconds, List<ClusterSearch> searches) {

  public Plan {
    migrations = List.copyOf(migrations);
    unplaced = List.copyOf(unplaced);
    notPoweredOn = List.copyOf(notPoweredOn);
    searches = List.copyOf(searches);
  }

  /** Whether a powered-on VM stays on a host to be evacuated: the maintenance cannot start. */
  public boolean leavesVmsBehind() {
    return !unplaced.isEmpty();
  }

  public long count(PlannedMove.Kind kind) {
    return migrations.stream().filter(m -> m.kind() == kind).count();
  }
}

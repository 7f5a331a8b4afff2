package io.vmotion.planning;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.Vm;
import java.io.IOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan as a runbook to follow in the maintenance window: wave by wave, each move with its VM's
 * memory and estimate and, for a move that empties no evacuated host, why it is there; then the VMs
 * that stay behind with why (as {@code explain} words it), the VMs vMotion does not move, how each
 * cluster was searched, and the limits and estimate the waves assume.
 */
public final class PlanRunbook {

  private final String inventoryName;
  private final String durationNote;
  private final boolean certified;

  /**
   * @param durationNote how the estimates were made, for the reader
   * @param certified whether validating the plan found no error
   */
  public PlanRunbook(String inventoryName, String durationNote, boolean certified) {
    this.inventoryName = inventoryName;
    this.durationNote = durationNote;
    this.certified = certified;
  }

  public void write(Plan plan, Inventory inventory, Writer w) throws IOException {
    Map<String, Vm> vms = new HashMap<>();
    inventory.vms().forEach(v -> vms.put(v.name(), v));
    PlanRequest r = plan.request();
    String what = r.evacuate().isEmpty() ? "rebalance" : "evacuate " + String.join(", ", r.evacuate()) + (r.rebalance() ? ", then rebalance" : "");
    w.write("Plan: " + what + " (" + inventoryName + ")\n");
    long extra = plan.count(PlannedMove.Kind.MAKE_ROOM);
    long rebalance = plan.count(PlannedMove.Kind.REBALANCE);
    StringBuilder kinds = new StringBuilder();
    if (extra > 0 || rebalance > 0) {
      kinds.append(" (").append(plan.count(PlannedMove.Kind.EVACUATION)).append(" evacuating");
      if (extra > 0) kinds.append(", ").append(extra).append(" making room");
      if (rebalance > 0) kinds.append(", ").append(rebalance).append(" rebalancing");
      kinds.append(')');
    }
    int left = plan.unplaced().size();
    String behind = left == 0 ? "no VM stays on an evacuated host" : left == 1 ? "1 VM stays on an evacuated host" : left + " VMs stay on evacuated hosts";
    w.write(plan.migrations().isEmpty() ? "No move; " + behind + ".\n"
        : count(plan.migrations().size(), "move") + kinds + " in " + count(plan.waves(), "wave") + ", estimated "
            + duration(plan.estimatedSeconds()) + " in total; " + behind + ".\n");
    if (!plan.migrations().isEmpty()) {
      w.write(certified
          ? "Certified: validating the plan (vmotion validate --plan) finds no error on any move.\n"
          : "NOT certified: validating the plan still finds errors; do not run it as it is.\n");
    }
    int wave = 0;
    int step = 0;
    List<PlannedMove> moves = plan.migrations();
    int width = 4;
    int hostWidth = 4;
    for (PlannedMove m : moves) {
      width = Math.max(width, m.vm().length());
      hostWidth = Math.max(hostWidth, Math.max(m.source().length(), m.target().length()));
    }
    for (int i = 0; i < moves.size(); i++) {
      PlannedMove m = moves.get(i);
      if (m.wave() != wave) {
        wave = m.wave();
        int count = 0;
        double longest = 0;
        for (int j = i; j < moves.size() && moves.get(j).wave() == wave; j++) {
          count++;
          longest = Math.max(longest, moves.get(j).estimatedSeconds());
        }
        w.write("\nWave " + wave + ": " + count(count, "move") + ", about " + duration(longest) + "\n");
      }
      step++;
      Vm vm = vms.get(m.vm());
      w.write(String.format("  %3d. %-" + width + "s  %-" + hostWidth + "s -> %-" + hostWidth + "s  %9s  %12s%n", step, m.vm(), m.source(),
          m.target(), vm == null ? "" : memory(vm.memoryMb()), duration(m.estimatedSeconds())));
      if (m.reason() != null) w.write("       " + (m.kind() == PlannedMove.Kind.MAKE_ROOM ? "extra move: " : "") + m.reason() + "\n");
    }
    if (!plan.unplaced().isEmpty()) {
      w.write("\nStaying on evacuated hosts (" + plan.unplaced().size() + "):\n");
      for (Unplaced u : plan.unplaced()) {
        w.write("  " + u.vm() + " on " + u.host() + ": " + u.reasons().get(0) + "\n");
        for (String reason : u.reasons().subList(1, u.reasons().size())) w.write("      " + reason + "\n");
      }
    }
    if (!plan.notPoweredOn().isEmpty()) {
      w.write("\nNot powered on, so not moved by vMotion (cold-migrate or unregister them before maintenance):\n");
      for (String v : plan.notPoweredOn()) w.write("  " + v + "\n");
    }
    if (!plan.searches().isEmpty()) {
      w.write("\nSearch:\n");
      for (ClusterSearch s : plan.searches()) {
        w.write("  " + s.cluster() + ": " + s.placed() + " of " + s.evacuees() + " VMs placed with " + s.moves() + " moves; "
            + (s.meetsBound() ? "no plan places more with fewer"
                : s.exhaustive() ? "no plan that moves each VM at most once places more with fewer"
                : "lower bound " + s.lowerBoundMoves() + " moves, search stopped at its node budget")
            + " (" + (s.exhaustive() ? "exhaustive, " : "") + s.nodes() + " nodes)\n");
      }
    }
    w.write("\nLimits: " + (r.maxConcurrent().isPresent()
        ? "at most " + r.maxConcurrent().getAsInt() + " concurrent vMotions per host (--max-concurrent)"
        : "at most 8 concurrent vMotions per host on 10 GbE or faster, 4 below") + ", 128 per datastore (vCenter's limits on"
        + " simultaneous migrations); a wave starts when the previous one has finished.\n");
    w.write("Estimates: " + durationNote + "\n");
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String memory(long mb) {
    if (mb % 1024 == 0) return mb / 1024 + " GiB";
    return mb >= 1024 ? String.format("%.1f GiB", mb / 1024.0) : mb + " MiB";
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) return s + " s";
    if (s < 3600) return s / 60 + " min " + String.format("%02d", s % 60) + " s";
    return s / 3600 + " h " + String.format("%02d", (s % 3600) / 60) + " min";
  }
}

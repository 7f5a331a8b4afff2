package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmotionNic;

/**
 * The stand-in duration: the VM's configured memory (MiB) sent once over the slower of the two
 * hosts' vMotion links, at {@code efficiency} of the line rate, shared evenly by the moves of the
 * wave on that link. It ignores re-sent dirty pages and switchover, so it is a lower bound of a real
 * pre-copy; the estimator of {@code io.vmotion.estimation} replaces it.
 *
 * <p>A host's link is its fastest vMotion adapter. A host without one counts as 1 Gbit/s, the
 * least vMotion supports: the {@code network.vmotion-nic} rule blocks such moves anyway, and an
 * estimate must stay finite.
 */
public record LinkShareDuration(double efficiency) implements MoveDuration {

  static final double EFFICIENCY = 0.9;
  /** What the runbook says of these estimates. */
  public static final String DESCRIPTION = "stand-in: each VM's memory sent once over the slower vMotion link at 90% of its line rate,"
      + " shared by the wave's moves on that link (no re-sent dirty pages, no switchover)";
  static final long MIN_LINK_MBPS = 1000;

  public LinkShareDuration {
    if (!(efficiency > 0 && efficiency <= 1)) throw new IllegalArgumentException("efficiency must be in (0, 1], found " + efficiency);
  }

  @Override
  public double seconds(Vm vm, Host source, Host target, int concurrentOnLink) {
    long linkMbps = Math.max(MIN_LINK_MBPS, Math.min(fastest(source), fastest(target)));
    double mibPerSecond = linkMbps * 1e6 / 8 / (1 << 20) * efficiency / Math.max(1, concurrentOnLink);
    return vm.memoryMb() / mibPerSecond;
  }

  static long fastest(Host h) {
    return h.vmotionNics().stream().mapToLong(VmotionNic::speedMbps).max().orElse(0);
  }
}

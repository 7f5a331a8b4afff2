package io.vmotion.estimation;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.VmotionNic;

/**
 * The vMotion bandwidth of hosts, in Mbit/s. Since vSphere 5 one vMotion uses every vMotion adapter
 * of its host (multi-NIC vMotion), so a host offers the sum of its adapters' speeds, and a move gets
 * the smaller offer of its two ends.
 */
public final class VmotionLink {

  private VmotionLink() {}

  /** The sum of the host's vMotion adapter speeds; 0 when it has none. */
  public static double mbps(Host host) {
    double sum = 0;
    for (VmotionNic n : host.vmotionNics()) sum += n.speedMbps();
    return sum;
  }

  /** What a move from {@code source} to {@code target} can use: the slower end. */
  public static double between(Host source, Host target) {
    return Math.min(mbps(source), mbps(target));
  }
}

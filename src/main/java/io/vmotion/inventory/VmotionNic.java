package io.vmotion.inventory;

import java.util.List;

/**
 * A VMkernel adapter with the vMotion service enabled: its speed and MTU, the duplex and link
 * state of its physical uplink ({@code duplex} full or half, {@code linkUp}), and the name of the
 * network (port group) it is on, null when the inventory does not say.
 */
public record VmotionNic(String name, long speedMbps, int mtu, String duplex, boolean linkUp, String portGroup) {

  public static final List<String> DUPLEX = List.of("full", "half");

  /** An adapter with a full-duplex link that is up, on an unnamed network. */
  public VmotionNic(String name, long speedMbps, int mtu) {
    this(name, speedMbps, mtu, "full", true, null);
  }
}

package io.vmotion.rules.facts;

/**
 * The physical link state of a host's vMotion adapters, as vCenter judges it before a vMotion:
 * {@code none} (no adapter: network.vmotion-nic reports that), {@code down} (adapters, but none
 * with its link up: VMotionLinkDown), {@code half-duplex} (no full-duplex adapter of 1 Gbit/s or
 * more is up, but a half-duplex one is: VMotionLinkCapacityLow) or {@code ok}, with the adapters
 * that make it so in {@code detail}.
 */
public record VmotionLink(String state, String detail) {

  public boolean isDown() {
    return state.equals("down");
  }

  public boolean isHalfDuplex() {
    return state.equals("half-duplex");
  }
}

package io.vmotion.inventory;

/** A VMkernel adapter with the vMotion service enabled. */
public record VmotionNic(String name, long speedMbps, int mtu) {}

package io.vmotion.inventory;

/** Guaranteed resources: admission control on a target host must be able to honour them. */
public record Reservation(long cpuMhz, long memoryMb) {
  public static final Reservation NONE = new Reservation(0, 0);
}

package io.vmotion.inventory;

import java.util.List;
import java.util.Set;

/**
 * Settings of the vCenter that manages the inventory. {@code vgpuHotMigrate} is the advanced
 * setting vgpu.hotmigrate.enabled, which must be true for vCenter to vMotion a VM with a vGPU
 * (off unless an administrator sets it). {@code unknown} names the settings an import could not
 * learn.
 */
public record Vcenter(boolean vgpuHotMigrate, Set<String> unknown) {

  public static final List<String> MAY_BE_UNKNOWN = List.of("vgpuHotMigrate");

  /** What an inventory without a "vcenter" object says: vGPU migration is off, as vCenter's default is. */
  public static final Vcenter DEFAULT = new Vcenter(false, Set.of());

  public Vcenter {
    unknown = Set.copyOf(unknown);
  }
}

package io.vmotion.inventory;

import java.util.List;

/**
 * A device of a VM that matters to vMotion: {@code type} is one of {@link #TYPES}; {@code name}
 * (the device's label) and {@code profile} (a vGPU profile such as "grid_a100-8c") are optional.
 */
public record VmDevice(String type, String name, String profile) {

  public static final List<String> TYPES =
      List.of("pci-passthrough", "dynamic-directpath", "sriov", "vgpu", "usb", "cdrom", "serial", "other");
}

package io.vmotion.inventory;

import java.util.List;
import java.util.Map;

/**
 * A device of a VM that matters to vMotion: {@code type} is one of {@link #TYPES}; {@code name}
 * (the device's label) and {@code profile} (a vGPU profile such as "grid_a100-8c") are optional.
 * {@code backing} (one of {@link #BACKINGS}, null when the inventory does not say) is what the
 * device is connected to; {@code connected} whether it is connected now; {@code datastore} the
 * datastore of the image file of a {@code datastore} backing; {@code vgpuMemoryMb} the frame
 * buffer of a vGPU, which vMotion copies while the VM is stunned (null when not given).
 */
public record VmDevice(String type, String name, String profile, String backing, boolean connected, String datastore, Long vgpuMemoryMb) {

  public static final List<String> TYPES =
      List.of("pci-passthrough", "dynamic-directpath", "sriov", "vgpu", "usb", "cdrom", "floppy", "serial", "parallel", "other");

  /**
   * host: a physical device of the host; client: a device of the console client; file: a file
   * (serial and parallel ports); datastore: an image file on a datastore (CD-ROM and floppy);
   * uri: a network serial port; pipe: a named pipe; none: no backing.
   */
  public static final List<String> BACKINGS = List.of("host", "client", "file", "datastore", "uri", "pipe", "none");

  /** The backings each type can have; a type not listed has none to state. */
  public static final Map<String, List<String>> BACKINGS_OF = Map.of(
      "cdrom", List.of("host", "client", "datastore", "none"),
      "floppy", List.of("host", "client", "datastore", "none"),
      "usb", List.of("host", "client"),
      "serial", List.of("host", "client", "file", "uri", "pipe", "none"),
      "parallel", List.of("host", "client", "file", "none"));

  /** A device of which only the type, name and profile are known, connected. */
  public VmDevice(String type, String name, String profile) {
    this(type, name, profile, null, true, null, null);
  }

  /** "CD/DVD drive 1 (cdrom)", or the type alone when unnamed. */
  public String label() {
    return name == null ? type : name + " (" + type + ")";
  }
}

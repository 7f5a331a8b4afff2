package io.vmotion.inventory;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A virtual machine and the host it runs on now. Its CPU requirement is its own: {@code cpuFeatures}
 * when given, else the features of {@code minRequiredEvcMode} (vSphere's MinRequiredEVCModeKey),
 * else its host's; {@code cpuVendor} (or that EVC mode's vendor) says whose CPUs it can run on.
 *
 * <p>{@code activeMemoryMb}, {@code dirtyRateMbps} (MiB/s) and {@code hotSetMb} are optional facts
 * about how the guest uses its memory, read only by the duration estimate (docs/estimation.md).
 */
public record Vm(
    String name,
    String host,
    PowerState powerState,
    int hardwareVersion,
    String guestOs,
    int vcpus,
    long memoryMb,
    Reservation reservation,
    List<String> datastores,
    List<VmNic> nics,
    Optional<Set<String>> cpuFeatures,
    String cpuVendor,
    String minRequiredEvcMode,
    List<VmDevice> devices,
    Set<String> unknown,
    List<ScsiController> scsiControllers,
    List<Integer> cpuAffinity,
    List<Integer> memoryAffinity,
    FaultTolerance ft,
    OptionalLong activeMemoryMb,
    OptionalDouble dirtyRateMbps,
    OptionalLong hotSetMb) {

  public Vm {
    datastores = List.copyOf(datastores);
    nics = List.copyOf(nics);
    cpuFeatures = cpuFeatures.map(Set::copyOf);
    devices = List.copyOf(devices);
    unknown = Set.copyOf(unknown);
    scsiControllers = List.copyOf(scsiControllers);
    cpuAffinity = List.copyOf(cpuAffinity);
    memoryAffinity = List.copyOf(memoryAffinity);
  }

  /**
   * The parts of "devices": {@code devices.cdrom} marks the VM's CD-ROM drives unknown, and so on
   * per type. Where a part is unknown, the listed devices of that type are known to be present (a
   * lower bound) and others may be.
   */
  public static final List<String> DEVICE_PARTS = VmDevice.TYPES.stream().map(t -> "devices." + t).toList();

  /**
   * Fields an import could not learn and filled with a default (format v1 "unknown"). "devices"
   * stands for every part of it; "clusterRules" are the DRS rules and groups that cover the VM.
   */
  public static final List<String> MAY_BE_UNKNOWN = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("powerState", "hardwareVersion", "guestOs", "vcpus", "memoryMb", "reservation", "datastores", "nics",
          "devices"),
      java.util.stream.Stream.concat(DEVICE_PARTS.stream(),
          java.util.stream.Stream.of("scsiControllers", "cpuAffinity", "memoryAffinity", "ft", "clusterRules"))).toList();

  /** Whether {@code field} is unknown here: a {@code devices.*} part is also unknown when all of "devices" is. */
  public boolean isUnknown(String field) {
    return unknown.contains(field) || (field.startsWith("devices.") && unknown.contains("devices"));
  }

  /** A VM without the optional memory-activity facts (read only by the duration estimate). */
  public Vm(String name, String host, PowerState powerState, int hardwareVersion, String guestOs, int vcpus, long memoryMb,
      Reservation reservation, List<String> datastores, List<VmNic> nics, Optional<Set<String>> cpuFeatures, String cpuVendor,
      String minRequiredEvcMode, List<VmDevice> devices, Set<String> unknown, List<ScsiController> scsiControllers,
      List<Integer> cpuAffinity, List<Integer> memoryAffinity, FaultTolerance ft) {
    this(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, cpuVendor,
        minRequiredEvcMode, devices, unknown, scsiControllers, cpuAffinity, memoryAffinity, ft,
        OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
  }

  /** A VM without the fields of vCenter parity (SCSI bus sharing, affinity, Fault Tolerance) and memory activity. */
  public Vm(String name, String host, PowerState powerState, int hardwareVersion, String guestOs, int vcpus, long memoryMb,
      Reservation reservation, List<String> datastores, List<VmNic> nics, Optional<Set<String>> cpuFeatures, String cpuVendor,
      String minRequiredEvcMode, List<VmDevice> devices, Set<String> unknown) {
    this(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, cpuVendor,
        minRequiredEvcMode, devices, unknown, List.of(), List.of(), List.of(), null);
  }

  public Vm(String name, String host, PowerState powerState, int hardwareVersion, String guestOs, int vcpus, long memoryMb,
      Reservation reservation, List<String> datastores, List<VmNic> nics, Optional<Set<String>> cpuFeatures, List<VmDevice> devices) {
    this(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, null, null, devices, Set.of());
  }

  /** A VM without devices of note, as before the optional {@code devices} field existed. */
  public Vm(String name, String host, PowerState powerState, int hardwareVersion, String guestOs, int vcpus, long memoryMb,
      Reservation reservation, List<String> datastores, List<VmNic> nics, Optional<Set<String>> cpuFeatures) {
    this(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, null, null, List.of(), Set.of());
  }

  /** The same VM under another name and host. */
  public Vm withNames(String name, String host) {
    return new Vm(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, cpuVendor,
        minRequiredEvcMode, devices, unknown, scsiControllers, cpuAffinity, memoryAffinity, ft, activeMemoryMb, dirtyRateMbps, hotSetMb);
  }

  /** The same VM with these memory-activity facts (empty: not known). */
  public Vm withMemoryActivity(OptionalLong activeMemoryMb, OptionalDouble dirtyRateMbps, OptionalLong hotSetMb) {
    return new Vm(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, cpuVendor,
        minRequiredEvcMode, devices, unknown, scsiControllers, cpuAffinity, memoryAffinity, ft, activeMemoryMb, dirtyRateMbps, hotSetMb);
  }

  public boolean poweredOn() {
    return powerState == PowerState.POWERED_ON;
  }
}

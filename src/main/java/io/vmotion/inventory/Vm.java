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
    OptionalLong activeMemoryMb,
    OptionalDouble dirtyRateMbps,
    OptionalLong hotSetMb) {

  public Vm {
    datastores = List.copyOf(datastores);
    nics = List.copyOf(nics);
    cpuFeatures = cpuFeatures.map(Set::copyOf);
    devices = List.copyOf(devices);
    unknown = Set.copyOf(unknown);
  }

  /** Fields an import could not learn and filled with a default (format v1 "unknown"). */
  public static final List<String> MAY_BE_UNKNOWN =
      List.of("powerState", "hardwareVersion", "guestOs", "vcpus", "memoryMb", "reservation", "datastores", "nics");

  /** A VM without the optional memory-activity facts, as before they existed (kept so that callers written then still compile). */
  public Vm(String name, String host, PowerState powerState, int hardwareVersion, String guestOs, int vcpus, long memoryMb,
      Reservation reservation, List<String> datastores, List<VmNic> nics, Optional<Set<String>> cpuFeatures, String cpuVendor,
      String minRequiredEvcMode, List<VmDevice> devices, Set<String> unknown) {
    this(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, cpuVendor,
        minRequiredEvcMode, devices, unknown, OptionalLong.empty(), OptionalDouble.empty(), OptionalLong.empty());
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
        minRequiredEvcMode, devices, unknown, activeMemoryMb, dirtyRateMbps, hotSetMb);
  }

  /** The same VM with these memory-activity facts (empty: not known). */
  public Vm withMemoryActivity(OptionalLong activeMemoryMb, OptionalDouble dirtyRateMbps, OptionalLong hotSetMb) {
    return new Vm(name, host, powerState, hardwareVersion, guestOs, vcpus, memoryMb, reservation, datastores, nics, cpuFeatures, cpuVendor,
        minRequiredEvcMode, devices, unknown, activeMemoryMb, dirtyRateMbps, hotSetMb);
  }

  public boolean poweredOn() {
    return powerState == PowerState.POWERED_ON;
  }
}

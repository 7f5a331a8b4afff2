package io.vmotion.inventory;

import java.util.List;
import java.util.Set;

/**
 * An ESXi host as the inventory describes it. {@code unknown} names the fields an import could
 * not learn and filled with a default; checks decide what the known facts decide and report "not checked" only where an unknown value would change their verdict.
 */
public record Host(
    String name,
    String cluster,
    EsxiVersion version,
    String license,
    HostState state,
    boolean maintenanceMode,
    Cpu cpu,
    String evcMode,
    String maxEvcMode,
    long memoryMb,
    List<VmotionNic> vmotionNics,
    List<String> datastores,
    List<String> portGroups,
    Set<String> unknown,
    List<String> gpuProfiles) {

  /**
   * Fields that may be marked unknown (format v1 "unknown"). {@code cpu} stands for every part of
   * the CPU; the {@code cpu.*} names mark one part, so that an export that gives the CPU's model
   * but not its features keeps what it does say. Where {@code cpu.features} is unknown, the listed
   * features are those known to be present, and {@code maxEvcMode} (if given) bounds the rest.
   */
  public static final List<String> MAY_BE_UNKNOWN =
      List.of("version", "license", "cpu", "cpu.vendor", "cpu.model", "cpu.cores", "cpu.threads", "cpu.mhz", "cpu.features",
          "evcMode", "memoryMb", "vmotionNics", "datastores", "portGroups", "gpuProfiles", "hostGroups");

  /** The parts of the CPU that "cpu" stands for. */
  public static final List<String> CPU_PARTS = List.of("cpu.vendor", "cpu.model", "cpu.cores", "cpu.threads", "cpu.mhz", "cpu.features");

  public Host {
    vmotionNics = List.copyOf(vmotionNics);
    datastores = List.copyOf(datastores);
    portGroups = List.copyOf(portGroups);
    unknown = Set.copyOf(unknown);
    gpuProfiles = List.copyOf(gpuProfiles);
  }

  /** A host without the vGPU profiles of vCenter parity. */
  public Host(String name, String cluster, EsxiVersion version, String license, HostState state, boolean maintenanceMode, Cpu cpu,
      String evcMode, String maxEvcMode, long memoryMb, List<VmotionNic> vmotionNics, List<String> datastores, List<String> portGroups,
      Set<String> unknown) {
    this(name, cluster, version, license, state, maintenanceMode, cpu, evcMode, maxEvcMode, memoryMb, vmotionNics, datastores, portGroups,
        unknown, List.of());
  }

  /** Whether {@code field} is unknown here: a {@code cpu.*} part is also unknown when all of "cpu" is. */
  public boolean isUnknown(String field) {
    return unknown.contains(field) || (field.startsWith("cpu.") && unknown.contains("cpu"));
  }

  /** A host whose every field is known. */
  public Host(String name, String cluster, EsxiVersion version, String license, HostState state, boolean maintenanceMode,
      Cpu cpu, String evcMode, long memoryMb, List<VmotionNic> vmotionNics, List<String> datastores, List<String> portGroups) {
    this(name, cluster, version, license, state, maintenanceMode, cpu, evcMode, null, memoryMb, vmotionNics, datastores, portGroups, Set.of());
  }

  /** The same host under another name. */
  public Host withName(String newName) {
    return new Host(newName, cluster, version, license, state, maintenanceMode, cpu, evcMode, maxEvcMode, memoryMb, vmotionNics, datastores,
        portGroups, unknown, gpuProfiles);
  }
}

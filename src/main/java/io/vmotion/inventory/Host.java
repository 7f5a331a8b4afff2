package io.vmotion.inventory;

import java.util.List;
import java.util.Set;

/**
 * An ESXi host as the inventory describes it. {@code unknown} names the fields an import could
 * not learn and filled with a default; checks that need them report "not checked" instead.
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
    long memoryMb,
    List<VmotionNic> vmotionNics,
    List<String> datastores,
    List<String> portGroups,
    Set<String> unknown) {

  /** Fields that may be marked unknown (format v1 "unknown"). */
  public static final List<String> MAY_BE_UNKNOWN =
      List.of("version", "license", "cpu", "evcMode", "memoryMb", "vmotionNics", "datastores", "portGroups");

  public Host {
    vmotionNics = List.copyOf(vmotionNics);
    datastores = List.copyOf(datastores);
    portGroups = List.copyOf(portGroups);
    unknown = Set.copyOf(unknown);
  }

  /** A host whose every field is known. */
  public Host(String name, String cluster, EsxiVersion version, String license, HostState state, boolean maintenanceMode,
      Cpu cpu, String evcMode, long memoryMb, List<VmotionNic> vmotionNics, List<String> datastores, List<String> portGroups) {
    this(name, cluster, version, license, state, maintenanceMode, cpu, evcMode, memoryMb, vmotionNics, datastores, portGroups, Set.of());
  }

  /** The same host under another name. */
  public Host withName(String newName) {
    return new Host(newName, cluster, version, license, state, maintenanceMode, cpu, evcMode, memoryMb, vmotionNics, datastores,
        portGroups, unknown);
  }
}

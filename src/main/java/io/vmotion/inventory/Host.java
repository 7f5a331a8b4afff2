package io.vmotion.inventory;

import java.util.List;

/** An ESXi host as the inventory describes it. */
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
    List<String> portGroups) {

  public Host {
    vmotionNics = List.copyOf(vmotionNics);
    datastores = List.copyOf(datastores);
    portGroups = List.copyOf(portGroups);
  }
}

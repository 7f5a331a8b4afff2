package io.vmotion.inventory;

import java.util.List;

/**
 * A VM's SCSI controller and its bus sharing (vSphere VirtualSCSIController.sharedBus): {@code none},
 * {@code virtual} (disks shared by VMs on one host) or {@code physical} (by VMs on any host).
 */
public record ScsiController(String name, String busSharing) {

  public static final List<String> BUS_SHARING = List.of("none", "virtual", "physical");
}

package io.vmotion.inventory;

import java.util.List;

/**
 * A DRS rule of a cluster. {@code type} "vm-host": the VMs of {@code vmGroup} should run
 * ({@code affine}) or should not run on the hosts of {@code hostGroup}, as a "must" rule when
 * {@code mandatory}. {@code type} "vm-vm": the {@code vms} should run together ({@code affine}) or
 * apart. A rule that is not {@code enabled} is ignored, as DRS ignores it.
 */
public record ClusterRule(String name, String type, String vmGroup, String hostGroup, List<String> vms, boolean affine, boolean mandatory,
    boolean enabled) {

  public static final List<String> TYPES = List.of("vm-host", "vm-vm");

  public ClusterRule {
    vms = List.copyOf(vms);
  }
}

package io.vmotion.rules.facts;

import java.util.List;

/**
 * What the inventory says of a VM outside its own record: the DRS rules of its cluster that cover
 * it, and vCenter's vgpu.hotmigrate.enabled setting (with whether that setting is unknown).
 */
public record VmContext(List<VmHostRule> vmHostRules, List<VmVmRule> vmVmRules, boolean vgpuHotMigrate, boolean vgpuHotMigrateUnknown) {

  public static final VmContext NONE = new VmContext(List.of(), List.of(), false, false);

  public VmContext {
    vmHostRules = List.copyOf(vmHostRules);
    vmVmRules = List.copyOf(vmVmRules);
  }

  public VmContext withRules(List<VmHostRule> hostRules, List<VmVmRule> vmRules) {
    return new VmContext(hostRules, vmRules, vgpuHotMigrate, vgpuHotMigrateUnknown);
  }

  public VmContext withVgpuHotMigrate(boolean on, boolean unknown) {
    return new VmContext(vmHostRules, vmVmRules, on, unknown);
  }
}

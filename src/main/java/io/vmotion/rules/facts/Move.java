package io.vmotion.rules.facts;

/**
 * One candidate vMotion: a VM from its source host to a target host. Rules match on moves and
 * report what blocks them. {@code step} is the move's 1-based position in a plan, 0 outside one.
 * The target's reserved totals are those it will have when this move runs (after the plan's
 * earlier moves), so capacity is judged against the target as it will then be.
 */
public final class Move {

  private final VmFact vm;
  private final HostFact source;
  private final HostFact target;
  private final int step;
  private final long targetCpuReservedMhz;
  private final long targetMemoryReservedMb;

  public Move(VmFact vm, HostFact source, HostFact target, int step, long targetCpuReservedMhz, long targetMemoryReservedMb) {
    this.vm = vm;
    this.source = source;
    this.target = target;
    this.step = step;
    this.targetCpuReservedMhz = targetCpuReservedMhz;
    this.targetMemoryReservedMb = targetMemoryReservedMb;
  }

  public VmFact getVm() { return vm; }
  public HostFact getSource() { return source; }
  public HostFact getTarget() { return target; }
  public int getStep() { return step; }
  /** CPU reservations (MHz) of the powered-on VMs on the target when this move runs. */
  public long getTargetCpuReservedMhz() { return targetCpuReservedMhz; }
  /** Memory reservations (MB) of the powered-on VMs on the target when this move runs. */
  public long getTargetMemoryReservedMb() { return targetMemoryReservedMb; }
  public long getTargetUnreservedCpuMhz() { return target.getCpuCapacityMhz() - targetCpuReservedMhz; }
  public long getTargetUnreservedMemoryMb() { return target.getMemoryMb() - targetMemoryReservedMb; }

  @Override
  public String toString() {
    return "Move[" + vm.getName() + ": " + source.getName() + " -> " + target.getName() + "]";
  }
}

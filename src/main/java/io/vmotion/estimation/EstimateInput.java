package io.vmotion.estimation;

import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one move's estimate is computed from. Sizes are MiB, rates MiB/s, the link Mbit/s (as NICs are
 * rated). {@code assumptions} says, in words, which values stand in for facts nobody gave.
 *
 * @param memoryMb         the VM's memory, all sent in round 0
 * @param linkMbps         the vMotion network's line rate
 * @param dirtyMbps        how fast the guest dirties memory
 * @param hotSetMb         memory rewritten in every round however short (the writable working set)
 * @param concurrent       moves sharing the link at the same time
 * @param switchoverMs     the switchover target: a round that takes at most this long is sent stunned
 * @param deviceStateMb    state sent only while stunned, besides the last round (a vGPU's frame buffer)
 * @param efficiency       share of the line rate that carries pages
 * @param maxPrecopyRounds rounds sent with the VM running before the switchover happens regardless
 * @param overheadSeconds  time a move takes besides its rounds
 */
public record EstimateInput(
    double memoryMb,
    double linkMbps,
    double dirtyMbps,
    double hotSetMb,
    int concurrent,
    double switchoverMs,
    double deviceStateMb,
    double efficiency,
    int maxPrecopyRounds,
    double overheadSeconds,
    List<String> assumptions) {

  public EstimateInput {
    positive("memoryMb", memoryMb);
    positive("linkMbps", linkMbps);
    notNegative("dirtyMbps", dirtyMbps);
    notNegative("hotSetMb", hotSetMb);
    if (hotSetMb > memoryMb) throw new IllegalArgumentException("hotSetMb (" + hotSetMb + ") exceeds memoryMb (" + memoryMb + ")");
    if (concurrent < 1) throw new IllegalArgumentException("concurrent must be at least 1, was " + concurrent);
    notNegative("switchoverMs", switchoverMs);
    notNegative("deviceStateMb", deviceStateMb);
    if (!(efficiency > 0 && efficiency <= 1)) throw new IllegalArgumentException("efficiency must be in (0, 1], was " + efficiency);
    if (maxPrecopyRounds < 1) throw new IllegalArgumentException("maxPrecopyRounds must be at least 1, was " + maxPrecopyRounds);
    notNegative("overheadSeconds", overheadSeconds);
    assumptions = List.copyOf(assumptions);
  }

  /** A move of {@code memoryMb} over {@code linkMbps} with nothing dirtied and every other value at its default. */
  public static EstimateInput of(double memoryMb, double linkMbps) {
    return new EstimateInput(memoryMb, linkMbps, 0, 0, 1, PreCopyDefaults.SWITCHOVER_MS, PreCopyDefaults.DEVICE_STATE_MB,
        PreCopyDefaults.EFFICIENCY, PreCopyDefaults.MAX_PRECOPY_ROUNDS, PreCopyDefaults.OVERHEAD_SECONDS, List.of());
  }

  /**
   * The move of {@code vm} over a link of {@code linkMbps} shared by {@code concurrent} moves, from
   * what the inventory knows of the VM. A known dirty rate is used with the known hot set (else
   * none). Without a dirty rate, the hot set is the known {@code hotSetMb}, else the VM's active
   * memory (pessimistic: active memory counts pages read as well as written), else nothing, which
   * makes the estimate a lower bound. A vGPU's frame buffer (from its profile name) is sent stunned.
   */
  public static EstimateInput forVm(Vm vm, double linkMbps, int concurrent) {
    List<String> notes = new ArrayList<>();
    if (vm.unknown().contains("memoryMb")) notes.add("memory size unknown: the import's default of " + vm.memoryMb() + " MiB is used");
    double dirty = 0;
    double hot = 0;
    if (vm.dirtyRateMbps().isPresent()) {
      dirty = vm.dirtyRateMbps().getAsDouble();
      if (vm.hotSetMb().isPresent()) {
        hot = vm.hotSetMb().getAsLong();
      } else {
        notes.add("hot set unknown: none assumed, the dirty rate stands for every write");
      }
    } else if (vm.hotSetMb().isPresent()) {
      hot = vm.hotSetMb().getAsLong();
      notes.add("dirty rate unknown: only the hot set is sent again in each round");
    } else if (vm.activeMemoryMb().isPresent()) {
      hot = vm.activeMemoryMb().getAsLong();
      notes.add("dirty rate unknown: active memory (" + vm.activeMemoryMb().getAsLong()
          + " MiB) is taken as the hot set, which overstates it (active memory counts pages read too)");
    } else {
      notes.add("no dirty rate, hot set or active memory: memory is taken to be sent once, so the estimate is a lower bound");
    }
    double memory = vm.memoryMb();
    if (memory < 1) {
      memory = 1;
      notes.add("memory size 0 MiB: 1 MiB is used so that the move has something to send");
    }
    hot = Math.min(hot, memory);
    double device = PreCopyDefaults.DEVICE_STATE_MB;
    for (VmDevice d : vm.devices()) {
      if (!d.type().equals("vgpu")) continue;
      String label = d.name() == null ? "a vGPU" : d.name();
      OptionalLong frameBuffer = VgpuProfiles.frameBufferMb(d.profile());
      if (frameBuffer.isPresent()) {
        device += frameBuffer.getAsLong();
        notes.add(label + " (" + d.profile() + "): its " + frameBuffer.getAsLong() + " MiB frame buffer is sent while the VM is stunned");
      } else {
        notes.add(label + ": frame buffer unknown (no profile such as grid_a100-8c), so its stun time is not counted");
      }
    }
    return new EstimateInput(memory, linkMbps, dirty, hot, concurrent, PreCopyDefaults.SWITCHOVER_MS, device,
        PreCopyDefaults.EFFICIENCY, PreCopyDefaults.MAX_PRECOPY_ROUNDS, PreCopyDefaults.OVERHEAD_SECONDS, notes);
  }

  /** The bandwidth one move gets: line rate in MiB/s × efficiency ÷ the moves sharing the link. */
  public double effectiveMiBps() {
    return linkMbps * PreCopyDefaults.MIB_PER_MBIT * efficiency / concurrent;
  }

  public EstimateInput withDirtyMbps(double value) {
    return new EstimateInput(memoryMb, linkMbps, value, hotSetMb, concurrent, switchoverMs, deviceStateMb, efficiency, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withHotSetMb(double value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, value, concurrent, switchoverMs, deviceStateMb, efficiency, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withConcurrent(int value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, hotSetMb, value, switchoverMs, deviceStateMb, efficiency, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withLinkMbps(double value) {
    return new EstimateInput(memoryMb, value, dirtyMbps, hotSetMb, concurrent, switchoverMs, deviceStateMb, efficiency, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withSwitchoverMs(double value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, hotSetMb, concurrent, value, deviceStateMb, efficiency, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withDeviceStateMb(double value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, hotSetMb, concurrent, switchoverMs, value, efficiency, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withEfficiency(double value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, hotSetMb, concurrent, switchoverMs, deviceStateMb, value, maxPrecopyRounds,
        overheadSeconds, assumptions);
  }

  public EstimateInput withMaxPrecopyRounds(int value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, hotSetMb, concurrent, switchoverMs, deviceStateMb, efficiency, value,
        overheadSeconds, assumptions);
  }

  public EstimateInput withOverheadSeconds(double value) {
    return new EstimateInput(memoryMb, linkMbps, dirtyMbps, hotSetMb, concurrent, switchoverMs, deviceStateMb, efficiency, maxPrecopyRounds,
        value, assumptions);
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || !Double.isFinite(value)) throw new IllegalArgumentException(name + " must be a number above 0, was " + value);
  }

  private static void notNegative(String name, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) throw new IllegalArgumentException(name + " must be a number of at least 0, was " + value);
  }
}

package io.vmotion.estimation;

/**
 * The values the estimate assumes when it is not told otherwise. docs/estimation.md gives the source
 * of each, or says that there is none.
 */
public final class PreCopyDefaults {

  private PreCopyDefaults() {}

  /**
   * vMotion stops pre-copy once what is left can be sent within its 500 ms switchover goal
   * (Broadcom KB 436882). QEMU's own default, downtime-limit, is 300 ms.
   */
  public static final double SWITCHOVER_MS = 500;

  /**
   * Share of the line rate that carries memory pages: Ethernet, IP and TCP framing alone take about
   * 6 % at MTU 1500, and the copy has its own pauses. A round figure, not a measured one.
   */
  public static final double EFFICIENCY = 0.9;

  /**
   * Pre-copy rounds before the switchover happens regardless. vMotion does not publish its own
   * limit; with a dirty rate well below the bandwidth the target is met in a handful of rounds, so
   * the cap only ends slow convergence, which vMotion answers with SDPS.
   */
  public static final int MAX_PRECOPY_ROUNDS = 30;

  /**
   * Time a move takes besides the copy rounds (vCenter's checks, creating the VM on the destination,
   * the switchover's own steps). No source gives a figure; one second is a placeholder.
   */
  public static final double OVERHEAD_SECONDS = 1.0;

  /**
   * State sent while the VM is stunned besides its last dirty pages, for a VM without vGPU: vCPU and
   * device registers are small next to a round of memory, so none is assumed.
   */
  public static final double DEVICE_STATE_MB = 0;

  /**
   * ESXi fails a migration whose switchover takes longer (vmotion.maxSwitchoverSeconds, Broadcom KB
   * 2141355).
   */
  public static final double MAX_STUN_SECONDS = 100;

  /** Megabits per second to MiB per second: 10^6 / 8 bytes, over 2^20 (exactly 15625 / 131072). */
  public static final double MIB_PER_MBIT = 1_000_000.0 / 8 / (1 << 20);
}

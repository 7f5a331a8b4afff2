package io.vmotion.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vmotion.inventory.PowerState;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmDevice;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * VMware's published stun times for vMotion of NVIDIA vGPU VMs, all measured over 10 Gb networks
 * ("Using vMotion to Migrate vGPU Virtual Machines", vSphere 6.7 and 7.0 documentation): a vGPU's
 * frame buffer is copied while the VM is stunned, so the stun is the frame buffer over the bandwidth.
 */
class PublishedVgpuStunTimesTest {

  /** One table: rows of (used frame buffer GiB, stun seconds); the 6.7 P40 table marks 16 and 24 GiB "100+ (vMotion timeout)". */
  enum Table {
    VSPHERE_67_TESLA_P40(new double[][] {{1, 9.0}, {2, 16.5}, {4, 31.4}, {8, 61.3}, {10, 76.3}, {12, 91.2}}, new double[] {16, 24}),
    VSPHERE_67_TESLA_V100(new double[][] {{1, 2.17}, {2, 4.03}, {4, 7.02}, {8, 14.48}, {16, 27.79}, {32, 50.81}}, new double[] {}),
    VSPHERE_70_TESLA_V100(new double[][] {{1, 2}, {2, 4}, {4, 6}, {8, 12}, {16, 22}, {32, 39}}, new double[] {});

    final double[][] rows;
    final double[] timeouts;

    Table(double[][] rows, double[] timeouts) {
      this.rows = rows;
      this.timeouts = timeouts;
    }

    /** The bandwidth (MiB/s) that makes frame buffer ÷ bandwidth fit the rows best (least squares through the origin). */
    double impliedMiBps() {
      double xy = 0;
      double xx = 0;
      for (double[] r : rows) {
        xy += r[0] * 1024 * r[1];
        xx += r[0] * 1024 * r[0] * 1024;
      }
      return xx / xy;
    }
  }

  static final double TEN_GB = 10_000;

  /** A VM with little memory, written at no rate, so that its stun is its vGPU. */
  static Vm vgpuVm(double frameBufferGib) {
    return new Vm("vdi-01", "esx-1", PowerState.POWERED_ON, 19, "windows2019srvNext_64Guest", 4, 4096, Reservation.NONE, List.of(), List.of(),
        Optional.<Set<String>>empty(), List.of(new VmDevice("vgpu", "PCI device 0", "grid_v100-" + (int) frameBufferGib + "q")));
  }

  static Estimate at(double frameBufferGib, double efficiency) {
    return PreCopyEstimator.estimate(EstimateInput.forVm(vgpuVm(frameBufferGib), TEN_GB, 1).withEfficiency(efficiency));
  }

  @Test
  void a_vgpu_vm_is_stunned_for_its_frame_buffer_over_the_bandwidth() {
    for (double gib : new double[] {1, 2, 4, 8, 16, 32}) {
      Estimate e = at(gib, PreCopyDefaults.EFFICIENCY);
      assertThat(e.input().deviceStateMb()).isEqualTo(gib * 1024);
      assertThat(e.downtimeMs()).isCloseTo(gib * 1024 / e.effectiveMiBps() * 1000 + e.stunRound().seconds() * 1000, within(1e-6));
      assertThat(e.stunRound().megabytes()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(Table.class)
  void over_10_gbe_at_the_default_efficiency_the_estimate_never_exceeds_a_published_stun_time(Table table) {
    for (double[] row : table.rows) {
      assertThat(at(row[0], PreCopyDefaults.EFFICIENCY).downtimeMs() / 1000).as("%s GiB", row[0]).isLessThanOrEqualTo(row[1]);
    }
  }

  @ParameterizedTest
  @EnumSource(Table.class)
  void at_the_bandwidth_a_table_implies_every_row_is_within_two_seconds_of_frame_buffer_over_bandwidth(Table table) {
    double efficiency = table.impliedMiBps() / (TEN_GB * PreCopyDefaults.MIB_PER_MBIT);
    assertThat(efficiency).isBetween(0.05, 1.0);
    for (double[] row : table.rows) {
      assertThat(at(row[0], efficiency).downtimeMs() / 1000).as("%s: %s GiB", table, row[0]).isCloseTo(row[1], within(2.0));
    }
  }

  @Test
  void at_the_rate_of_the_p40_table_the_estimate_fails_exactly_the_rows_vmware_lists_as_timeouts() {
    Table p40 = Table.VSPHERE_67_TESLA_P40;
    double efficiency = p40.impliedMiBps() / (TEN_GB * PreCopyDefaults.MIB_PER_MBIT);
    for (double[] row : p40.rows) assertThat(at(row[0], efficiency).verdict()).as("%s GiB", row[0]).isEqualTo(Verdict.OK);
    for (double gib : p40.timeouts) assertThat(at(gib, efficiency).verdict()).as("%s GiB", gib).isEqualTo(Verdict.FAILS);
  }
}

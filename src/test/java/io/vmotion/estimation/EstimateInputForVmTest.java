package io.vmotion.estimation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vmotion.inventory.PowerState;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmDevice;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the planner's per-move call makes of the facts an inventory has, or lacks, about a VM. */
class EstimateInputForVmTest {

  static Vm vm(List<VmDevice> devices) {
    return new Vm("app-01", "esx-1", PowerState.POWERED_ON, 19, "rhel9_64Guest", 4, 16384, Reservation.NONE, List.of(), List.of(),
        Optional.<Set<String>>empty(), devices);
  }

  static Vm vm(OptionalLong active, OptionalDouble dirty, OptionalLong hot) {
    return vm(List.of()).withMemoryActivity(active, dirty, hot);
  }

  @Test
  void a_known_dirty_rate_is_used_with_the_known_hot_set() {
    EstimateInput in = EstimateInput.forVm(vm(OptionalLong.of(8000), OptionalDouble.of(120.5), OptionalLong.of(256)), 10_000, 2);
    assertThat(in.dirtyMbps()).isEqualTo(120.5);
    assertThat(in.hotSetMb()).isEqualTo(256);
    assertThat(in.memoryMb()).isEqualTo(16384);
    assertThat(in.linkMbps()).isEqualTo(10_000);
    assertThat(in.concurrent()).isEqualTo(2);
    assertThat(in.assumptions()).isEmpty();
  }

  @Test
  void a_dirty_rate_without_a_hot_set_assumes_none_and_says_so() {
    EstimateInput in = EstimateInput.forVm(vm(OptionalLong.of(8000), OptionalDouble.of(50), OptionalLong.empty()), 10_000, 1);
    assertThat(in.hotSetMb()).isZero();
    assertThat(in.assumptions()).singleElement().asString().contains("hot set unknown");
  }

  @Test
  void without_a_dirty_rate_active_memory_stands_in_for_the_hot_set() {
    EstimateInput in = EstimateInput.forVm(vm(OptionalLong.of(3000), OptionalDouble.empty(), OptionalLong.empty()), 10_000, 1);
    assertThat(in.hotSetMb()).isEqualTo(3000);
    assertThat(in.dirtyMbps()).isZero();
    assertThat(in.assumptions()).singleElement().asString().contains("active memory (3000 MiB) is taken as the hot set");
  }

  @Test
  void a_known_hot_set_wins_over_active_memory() {
    EstimateInput in = EstimateInput.forVm(vm(OptionalLong.of(3000), OptionalDouble.empty(), OptionalLong.of(100)), 10_000, 1);
    assertThat(in.hotSetMb()).isEqualTo(100);
  }

  @Test
  void with_no_memory_facts_the_estimate_is_memory_over_bandwidth_and_called_a_lower_bound() {
    EstimateInput in = EstimateInput.forVm(vm(List.of()), 10_000, 1);
    Estimate e = PreCopyEstimator.estimate(in);
    assertThat(e.roundSeconds()).isEqualTo(16384 / in.effectiveMiBps());
    assertThat(in.assumptions()).singleElement().asString().contains("lower bound");
    assertThat(in.switchoverMs()).isEqualTo(PreCopyDefaults.SWITCHOVER_MS);
    assertThat(in.efficiency()).isEqualTo(PreCopyDefaults.EFFICIENCY);
    assertThat(in.overheadSeconds()).isEqualTo(PreCopyDefaults.OVERHEAD_SECONDS);
  }

  @Test
  void every_vgpu_frame_buffer_is_device_state_and_an_unreadable_profile_is_named() {
    EstimateInput in = EstimateInput.forVm(vm(List.of(new VmDevice("vgpu", "PCI device 0", "grid_a100-8c"),
        new VmDevice("vgpu", "PCI device 1", "grid_a100-3-20c"), new VmDevice("vgpu", "PCI device 2", "custom"),
        new VmDevice("sriov", "SR-IOV 0", null))), 25_000, 1);
    assertThat(in.deviceStateMb()).isEqualTo((8 + 20) * 1024);
    assertThat(in.assumptions()).anySatisfy(a -> assertThat(a).contains("PCI device 2: frame buffer unknown"));
  }

  @Test
  void more_moves_on_the_link_than_one_or_a_link_of_nothing_is_refused_by_name() {
    assertThatThrownBy(() -> EstimateInput.forVm(vm(List.of()), 0, 1)).hasMessageContaining("linkMbps");
    assertThatThrownBy(() -> EstimateInput.forVm(vm(List.of()), 10_000, 0)).hasMessageContaining("concurrent");
  }

  @ParameterizedTest
  @CsvSource({"grid_a100-8c, 8192", "grid_p40-24q, 24576", "GRID_V100-32Q, 32768", "grid_a100-3-20c, 20480", "grid_m60-8a, 8192",
      "nvidia_l40s-48q, 49152"})
  void a_vgpu_profile_names_its_frame_buffer_in_gib(String profile, long mib) {
    assertThat(VgpuProfiles.frameBufferMb(profile)).hasValue(mib);
  }

  @ParameterizedTest
  @CsvSource({"custom", "grid_a100", "grid_a100-c", "grid_a100-0q", "''"})
  void a_profile_without_a_size_gives_none(String profile) {
    assertThat(VgpuProfiles.frameBufferMb(profile)).isEmpty();
  }
}

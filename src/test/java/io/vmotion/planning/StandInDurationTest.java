package io.vmotion.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Reservation;
import io.vmotion.inventory.Vm;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandInDurationTest {

  static final Vm SIXTY_FOUR_GIB = SmallPlans.vm("vm", "a", 2, 64 * 1024, Reservation.NONE, "pg-a");

  static Host host(long mbps) {
    return SmallPlans.host("h" + mbps, 1 << 20, 8, mbps, List.of("pg-a"));
  }

  @Test
  void memory_goes_once_over_the_slower_link_at_ninety_percent() {
    // 10 Gbit/s is 1192.1 MiB/s; 90% of it is 1072.9 MiB/s; 65,536 MiB take 61.1 s.
    double s = MoveDuration.standIn().seconds(SIXTY_FOUR_GIB, host(25_000), host(10_000), 1);
    assertThat(s).isCloseTo(65536 / (10_000e6 / 8 / (1 << 20) * 0.9), within(1e-9)).isCloseTo(61.08, within(0.01));
  }

  @Test
  void moves_sharing_the_link_share_its_bandwidth() {
    double alone = MoveDuration.standIn().seconds(SIXTY_FOUR_GIB, host(10_000), host(10_000), 1);
    assertThat(MoveDuration.standIn().seconds(SIXTY_FOUR_GIB, host(10_000), host(10_000), 4)).isCloseTo(4 * alone, within(1e-9));
  }

  @Test
  void a_host_without_a_vmotion_adapter_counts_as_one_gigabit_so_estimates_stay_finite() {
    Host none = new Host("none", "c1", host(1000).version(), "enterprise-plus", host(1000).state(), false, host(1000).cpu(), null, 1 << 20,
        List.of(), List.of("ds1"), List.of("pg-a"));
    assertThat(MoveDuration.standIn().seconds(SIXTY_FOUR_GIB, none, host(10_000), 1))
        .isCloseTo(MoveDuration.standIn().seconds(SIXTY_FOUR_GIB, host(1000), host(10_000), 1), within(1e-9));
  }
}

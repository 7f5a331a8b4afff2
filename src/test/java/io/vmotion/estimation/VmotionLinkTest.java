package io.vmotion.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.testing.Fixture;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VmotionLinkTest {

  static Inventory read(Fixture f) throws Exception {
    return new InventoryReader(Set.of()).read("inv.json", f.json());
  }

  @Test
  void a_host_offers_the_sum_of_its_vmotion_adapters_and_a_move_gets_the_slower_end() throws Exception {
    Inventory inv = read(Fixture.twoHosts().with(f -> {
      f.host(0).withArray("vmotionNics").addObject().put("name", "vmk2").put("speedMbps", 25000);
      f.host(1).withArray("vmotionNics").removeAll().addObject().put("name", "vmk1").put("speedMbps", 1000);
    }));
    assertThat(VmotionLink.mbps(inv.hosts().get(0))).isEqualTo(35000);
    assertThat(VmotionLink.mbps(inv.hosts().get(1))).isEqualTo(1000);
    assertThat(VmotionLink.between(inv.hosts().get(0), inv.hosts().get(1))).isEqualTo(1000);
    assertThat(VmotionLink.between(inv.hosts().get(1), inv.hosts().get(0))).isEqualTo(1000);
  }

  @Test
  void a_host_without_vmotion_adapters_offers_nothing() throws Exception {
    Inventory inv = read(Fixture.twoHosts().with(f -> f.host(0).remove("vmotionNics")));
    assertThat(VmotionLink.mbps(inv.hosts().get(0))).isZero();
    assertThat(VmotionLink.between(inv.hosts().get(0), inv.hosts().get(1))).isZero();
  }
}

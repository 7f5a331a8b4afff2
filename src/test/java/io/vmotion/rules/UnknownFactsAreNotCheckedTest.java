package io.vmotion.rules;

import static io.vmotion.testing.Fixture.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.testing.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fact an import could not learn is listed in "unknown"; a rule that needs it reports info "not
 * checked" for that move instead of passing or failing on the default, and other rules carry on.
 */
class UnknownFactsAreNotCheckedTest {

  static List<Finding> findings(Fixture f, boolean exact) throws Exception {
    Inventory inv = new InventoryReader(Rules.folder().data().evcModes()).read("f.json", f.json());
    return new Evaluator(Rules.folder()).evaluate(inv, Scope.CLUSTER, true, exact, Progress.NONE).findings();
  }

  @Test
  void an_unknown_target_license_gives_an_info_not_an_error_whatever_its_default() throws Exception {
    for (boolean exact : new boolean[] {false, true}) {
      List<Finding> found = findings(Fixture.twoHosts().with(f -> {
        f.host(1).put("license", "essentials");
        f.host(1).set("unknown", strings("license"));
      }), exact);
      assertThat(found).singleElement().satisfies(x -> {
        assertThat(x.rule()).isEqualTo("license.vmotion");
        assertThat(x.severity()).isEqualTo(Severity.INFO);
        assertThat(x.message()).startsWith("not checked:").contains("license of target h2");
      });
    }
  }

  @Test
  void an_unknown_guest_os_skips_only_the_guest_os_rule() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.host(1).put("version", "7.0.0").put("maintenanceMode", true);
      f.vm(0).put("guestOs", "windows2022srvNext_64Guest").set("unknown", strings("guestOs"));
    }), false);
    assertThat(found).extracting(Finding::rule, Finding::severity).contains(
        org.assertj.core.groups.Tuple.tuple("vm.guest-os", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("host.state", Severity.ERROR));
  }

  @Test
  void a_vm_without_its_own_cpu_features_on_a_host_of_unknown_cpu_is_not_cpu_checked() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.host(0).set("unknown", strings("cpu"));
      f.host(1).with("cpu").set("features", strings("sse2"));
    }), false);
    assertThat(found).filteredOn(x -> x.rule().equals("cpu.features")).singleElement()
        .satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.INFO));
  }

  @Test
  void a_field_that_cannot_be_unknown_is_refused() {
    String json = Fixture.twoHosts().with(f -> f.host(0).set("unknown", strings("name"))).json();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new InventoryReader(Rules.folder().data().evcModes()).read("f.json", json))
        .hasMessageContaining("hosts[0].unknown")
        .hasMessageContaining("\"name\" cannot be marked unknown");
  }
}

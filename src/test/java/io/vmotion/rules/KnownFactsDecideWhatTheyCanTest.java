package io.vmotion.rules;

import static io.vmotion.testing.Fixture.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.testing.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fact an import could not learn is listed in "unknown". A rule reports its verdict when every
 * value of the unknown facts gives it, stays quiet when none does, and says "not checked" only
 * where the values disagree, in both evaluation paths.
 */
class KnownFactsDecideWhatTheyCanTest {

  static List<Finding> findings(Fixture f, boolean exact) throws Exception {
    return evaluation(f, exact).findings();
  }

  static Evaluation evaluation(Fixture f, boolean exact) throws Exception {
    Inventory inv = new InventoryReader(Rules.folder().data().evcModes()).read("f.json", f.json());
    return new Evaluator(Rules.folder()).evaluate(inv, Scope.CLUSTER, true, exact, Progress.NONE);
  }

  private static List<Finding> of(List<Finding> found, String rule) {
    return found.stream().filter(x -> x.rule().equals(rule)).toList();
  }

  @Test
  void an_unknown_target_license_is_not_checked_because_some_editions_have_vmotion_and_some_do_not() throws Exception {
    for (boolean exact : new boolean[] {false, true}) {
      List<Finding> found = findings(Fixture.twoHosts().with(f -> {
        f.host(1).put("license", "essentials");
        f.host(1).set("unknown", strings("license"));
      }), exact);
      assertThat(found).singleElement().satisfies(x -> {
        assertThat(x.rule()).isEqualTo("license.vmotion");
        assertThat(x.severity()).isEqualTo(Severity.INFO);
        assertThat(x.undecided()).isTrue();
        assertThat(x.unknown()).containsExactly(new UnknownFact("target", "license"));
        assertThat(x.message()).startsWith("not checked:").contains("license of target h2");
      });
    }
  }

  @Test
  void a_target_known_to_be_essentials_blocks_whatever_the_unknown_source_license_is() throws Exception {
    for (boolean exact : new boolean[] {false, true}) {
      List<Finding> found = findings(Fixture.twoHosts().with(f -> {
        f.host(0).set("unknown", strings("license"));
        f.host(1).put("license", "essentials");
      }), exact);
      assertThat(of(found, "license.vmotion")).singleElement().satisfies(x -> {
        assertThat(x.severity()).isEqualTo(Severity.ERROR);
        assertThat(x.undecided()).isFalse();
        assertThat(x.message()).contains("target h2 (essentials)").contains("whatever the unknown license of source h1");
      });
    }
  }

  @Test
  void a_target_known_to_lack_a_gigabit_vmotion_adapter_blocks_whatever_the_source_has() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.host(0).set("unknown", strings("vmotionNics"));
      f.host(1).putArray("vmotionNics");
    }), false);
    assertThat(of(found, "network.vmotion-nic")).singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
  }

  @Test
  void an_unknown_source_adapter_decides_nothing_when_the_target_is_fine() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> f.host(0).set("unknown", strings("vmotionNics"))), false);
    assertThat(of(found, "network.vmotion-nic")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
  }

  @Test
  void an_unknown_guest_os_leaves_only_the_guest_os_rules_undecided_and_other_rules_carry_on() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.host(1).put("version", "7.0.0").put("maintenanceMode", true);
      f.vm(0).put("guestOs", "windows2022srvNext_64Guest").set("unknown", strings("guestOs"));
    }), false);
    assertThat(found).extracting(Finding::rule, Finding::severity).contains(
        org.assertj.core.groups.Tuple.tuple("vm.guest-os", Severity.INFO),
        org.assertj.core.groups.Tuple.tuple("host.state", Severity.ERROR));
  }

  @Test
  void a_vm_that_requires_a_newer_evc_mode_than_any_target_offers_is_blocked_though_its_own_host_is_unknown() throws Exception {
    for (boolean exact : new boolean[] {false, true}) {
      Evaluation e = evaluation(Fixture.twoHosts().with(f -> {
        f.addVm("vm2", "h1");
        f.host(0).set("unknown", strings("cpu", "license", "version", "datastores", "portGroups", "vmotionNics"));
        f.vm(0).put("minRequiredEvcMode", "intel-icelake");
        f.host(1).put("maxEvcMode", "intel-cascadelake").set("unknown", strings("cpu.features", "license", "version"));
      }), exact);
      assertThat(of(e.findings(), "cpu.features")).filteredOn(x -> x.vm().equals("vm1")).singleElement()
          .satisfies(x -> assertThat(x.severity()).as("exact=" + exact).isEqualTo(Severity.ERROR));
      assertThat(e.vms()).filteredOn(v -> v.name().equals("vm1")).singleElement()
          .satisfies(v -> assertThat(v.readiness()).isEqualTo(Readiness.BLOCKED));
      // vm2 uses whatever its unknown host offers: nothing decides it.
      assertThat(e.vms()).filteredOn(v -> v.name().equals("vm2")).singleElement()
          .satisfies(v -> assertThat(v.readiness()).isEqualTo(Readiness.UNKNOWN));
    }
  }

  @Test
  void a_hardware_version_is_decided_on_a_target_of_unknown_release_that_already_runs_it() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.vm(0).put("hardwareVersion", 21);
      f.addVm("vm-on-h2", "h2").put("hardwareVersion", 21).put("powerState", "poweredOn");
      f.host(1).set("unknown", strings("version"));
    }), false);
    assertThat(found).filteredOn(x -> x.vm().equals("vm1") && x.rule().equals("vm.hardware-version")).isEmpty();
  }

  @Test
  void a_hardware_version_on_a_target_of_unknown_release_running_nothing_is_not_checked() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.vm(0).put("hardwareVersion", 21);
      f.host(1).set("unknown", strings("version"));
    }), false);
    assertThat(of(found, "vm.hardware-version")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
  }

  @Test
  void an_unknown_vm_datastore_list_is_quiet_where_the_target_mounts_all_the_sources_datastores_and_undecided_elsewhere() throws Exception {
    // The VM's files are on datastores its host mounts: h1 mounts only ds1, which h2 lacks.
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.vm(0).set("unknown", strings("datastores"));
      f.vm(0).set("datastores", strings());
      f.host(1).set("datastores", strings("ds2"));
    }), false);
    assertThat(of(found, "storage.shared")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
    List<Finding> shared = findings(Fixture.twoHosts().with(f -> {
      f.vm(0).set("unknown", strings("datastores"));
      f.vm(0).set("datastores", strings());
      f.host(1).set("datastores", strings("ds1", "ds2"));
    }), false);
    assertThat(of(shared, "storage.shared")).as("every datastore of the source is on the target").isEmpty();
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return Fixture.JSON.readTree(text.replace('\'', '"'));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Test
  void a_vgpu_profile_the_target_lacks_blocks_whatever_vcenters_unknown_vgpu_setting_is_and_an_offered_one_is_not_checked() throws Exception {
    for (boolean exact : new boolean[] {false, true}) {
      Fixture lacking = Fixture.twoHosts().with(f -> {
        f.vm(0).set("devices", json("[{'type': 'vgpu', 'profile': 'grid_a100-8c', 'vgpuMemoryMb': 8192}]"));
        f.host(1).set("gpuProfiles", strings("grid_t4-16c"));
        f.root().set("vcenter", json("{'unknown': ['vgpuHotMigrate']}"));
      });
      assertThat(of(findings(lacking, exact), "devices.vgpu")).singleElement().satisfies(x -> {
        assertThat(x.severity()).isEqualTo(Severity.ERROR);
        assertThat(x.message()).contains("do not offer vGPU profile grid_a100-8c").contains("whatever the unknown vCenter setting vgpu.hotmigrate.enabled");
      });
      Fixture offered = lacking.with(f -> f.host(1).set("gpuProfiles", strings("grid_a100-8c")));
      assertThat(of(findings(offered, exact), "devices.vgpu")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
    }
  }

  @Test
  void a_vm_whose_serial_ports_are_unknown_is_not_checked_for_file_backed_ports_but_its_known_cd_rom_still_decides() throws Exception {
    for (boolean exact : new boolean[] {false, true}) {
      List<Finding> found = findings(Fixture.twoHosts().with(f -> {
        f.vm(0).set("devices", json("[{'type': 'cdrom', 'name': 'CD/DVD drive 1', 'backing': 'client'}]"));
        f.vm(0).set("unknown", strings("devices.serial", "devices.parallel"));
      }), exact);
      assertThat(of(found, "devices.file-backed-port")).singleElement().satisfies(x -> {
        assertThat(x.undecided()).isTrue();
        assertThat(x.message()).contains("serial devices of VM vm1");
      });
      assertThat(of(found, "devices.host-backed")).singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
      assertThat(of(found, "devices.passthrough")).isEmpty();
    }
  }

  @Test
  void an_unknown_ft_partner_is_not_checked_on_hosts_of_the_vms_cluster_and_quiet_elsewhere() throws Exception {
    Evaluation e = new Evaluator(Rules.folder()).evaluate(new InventoryReader(Rules.folder().data().evcModes()).read("f.json", Fixture.twoHosts().with(f -> {
      f.root().withArray("hosts").add(f.host(1).deepCopy().put("name", "h3").put("cluster", "c2"));
      f.vm(0).set("unknown", strings("ft"));
    }).json()), Scope.ALL, true, false, Progress.NONE);
    assertThat(of(e.findings(), "vm.fault-tolerance")).singleElement().satisfies(x -> {
      assertThat(x.target()).isEqualTo("h2");
      assertThat(x.undecided()).isTrue();
    });
  }

  @Test
  void unknown_vmotion_adapters_of_the_target_leave_the_link_rules_undecided_but_a_source_link_down_blocks_whatever_they_are() throws Exception {
    List<Finding> unknown = findings(Fixture.twoHosts().with(f -> f.host(1).set("unknown", strings("vmotionNics"))), false);
    assertThat(of(unknown, "network.vmotion-link")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
    assertThat(of(unknown, "network.vmotion-mtu")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
    List<Finding> down = findings(Fixture.twoHosts().with(f -> {
      f.host(1).set("unknown", strings("vmotionNics"));
      ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(0).withArray("vmotionNics").get(0)).put("linkUp", false);
    }), false);
    assertThat(of(down, "network.vmotion-link")).singleElement().satisfies(x -> {
      assertThat(x.severity()).isEqualTo(Severity.ERROR);
      assertThat(x.message()).contains("source h1: the link of every vMotion adapter is down");
    });
  }

  @Test
  void a_plan_moving_a_vm_of_unknown_power_state_with_a_passthrough_device_is_not_checked_for_it() throws Exception {
    List<Finding> found = findings(Fixture.twoHosts().with(f -> {
      f.vm(0).put("powerState", "poweredOff").set("unknown", strings("powerState"));
      f.vm(0).set("devices", json("[{'type': 'pci-passthrough'}]"));
      f.root().set("migrations", json("[{'vm': 'vm1', 'target': 'h2'}]"));
    }), true);
    assertThat(of(found, "devices.passthrough")).singleElement().satisfies(x -> assertThat(x.undecided()).isTrue());
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

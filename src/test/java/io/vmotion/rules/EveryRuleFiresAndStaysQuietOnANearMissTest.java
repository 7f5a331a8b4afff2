package io.vmotion.rules;

import static io.vmotion.testing.Fixture.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.vmotion.testing.Fixture;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Each rule against the fixture's one move vm1: h1 → h2, bent so the rule must fire, and bent
 * almost as far so that it must not.
 */
class EveryRuleFiresAndStaysQuietOnANearMissTest {

  record Case(String name, String rule, boolean fires, Consumer<Fixture> change, String messageContains) {}

  static Case fires(String name, String rule, Consumer<Fixture> change, String messageContains) {
    return new Case(name, rule, true, change, messageContains);
  }

  static Case quiet(String name, String rule, Consumer<Fixture> change) {
    return new Case(name, rule, false, change, null);
  }

  static List<Case> cases() {
    List<Case> all = new java.util.ArrayList<>(baseCases());
    all.addAll(parityCases());
    return all;
  }

  private static com.fasterxml.jackson.databind.JsonNode json(String text) {
    try {
      return Fixture.JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode nic(Fixture f, int host) {
    return (com.fasterxml.jackson.databind.node.ObjectNode) f.host(host).withArray("vmotionNics").get(0);
  }

  /** The rules of vCenter parity: devices, bus sharing, affinity, DRS rules, Fault Tolerance, vMotion links. */
  static List<Case> parityCases() {
    return List.of(
        fires("an SR-IOV adapter", "devices.passthrough", f -> f.vm(0).set("devices", json("[{'type': 'sriov', 'name': 'Network adapter 2'}]")), "Network adapter 2 (sriov)"),
        quiet("a powered-off VM with a passthrough device, moved cold by a plan", "devices.passthrough", f -> {
          f.vm(0).put("powerState", "poweredOff").set("devices", json("[{'type': 'pci-passthrough'}]"));
          f.root().set("migrations", json("[{'vm': 'vm1', 'target': 'h2'}]"));
        }),
        fires("a vGPU profile the target does not offer", "devices.vgpu", f -> {
          f.vm(0).set("devices", json("[{'type': 'vgpu', 'profile': 'grid_a100-8c', 'vgpuMemoryMb': 8192}]"));
          f.host(1).set("gpuProfiles", strings("grid_t4-16c"));
          f.root().set("vcenter", json("{'vgpuHotMigrate': true}"));
        }, "grid_a100-8c"),
        fires("a vGPU with vgpu.hotmigrate.enabled at its default, off", "devices.vgpu", f -> {
          f.vm(0).set("devices", json("[{'type': 'vgpu', 'profile': 'grid_a100-8c'}]"));
          f.host(1).set("gpuProfiles", strings("grid_a100-8c"));
        }, "vgpu.hotmigrate.enabled is off"),
        quiet("a vGPU whose profile the target offers, 16 GiB over 10 GbE", "devices.vgpu", f -> {
          f.vm(0).set("devices", json("[{'type': 'vgpu', 'profile': 'grid_a100-16c', 'vgpuMemoryMb': 16384}]"));
          f.host(1).set("gpuProfiles", strings("grid_a100-16c"));
          f.root().set("vcenter", json("{'vgpuHotMigrate': true}"));
        }),
        fires("a CD-ROM on the host's drive", "devices.host-backed", f -> f.vm(0).set("devices", json("[{'type': 'cdrom', 'name': 'CD/DVD drive 1', 'backing': 'host'}]")), "host device"),
        quiet("a disconnected CD-ROM on the host's drive", "devices.host-backed",
            f -> f.vm(0).set("devices", json("[{'type': 'cdrom', 'backing': 'host', 'connected': false}]"))),
        fires("a serial port to a file", "devices.file-backed-port", f -> f.vm(0).set("devices", json("[{'type': 'serial', 'name': 'Serial port 1', 'backing': 'file'}]")), "Serial port 1"),
        quiet("a disconnected parallel port to a file", "devices.file-backed-port",
            f -> f.vm(0).set("devices", json("[{'type': 'parallel', 'backing': 'file', 'connected': false}]"))),
        fires("an ISO on a datastore the target lacks", "devices.image-not-on-target",
            f -> f.vm(0).set("devices", json("[{'type': 'cdrom', 'backing': 'datastore', 'datastore': 'iso-local'}]")), "iso-local"),
        quiet("an ISO on a datastore the target mounts", "devices.image-not-on-target",
            f -> f.vm(0).set("devices", json("[{'type': 'floppy', 'backing': 'datastore', 'datastore': 'ds1'}]"))),
        fires("a SCSI controller with virtual bus sharing", "storage.bus-sharing",
            f -> f.vm(0).set("scsiControllers", json("[{'name': 'SCSI controller 1', 'busSharing': 'virtual'}]")), "virtual bus sharing"),
        quiet("a SCSI controller without bus sharing", "storage.bus-sharing",
            f -> f.vm(0).set("scsiControllers", json("[{'name': 'SCSI controller 0', 'busSharing': 'none'}]"))),
        fires("CPU affinity", "vm.affinity", f -> f.vm(0).set("cpuAffinity", json("[0, 1]")), "logical CPUs [0, 1]"),
        quiet("no affinity", "vm.affinity", f -> f.vm(0).set("memoryAffinity", json("[]"))),
        fires("a must-run-on rule whose group lacks the target", "cluster.vm-host-rule", f -> f.root().set("clusters", json(
            "[{'name': 'c1', 'vmGroups': {'g': ['vm1']}, 'hostGroups': {'hg': ['h1']},"
            + " 'rules': [{'name': 'r', 'type': 'vm-host', 'vmGroup': 'g', 'hostGroup': 'hg', 'affine': true, 'mandatory': true}]}]")), "must run on"),
        quiet("a must-not-run-on rule whose group lacks the target", "cluster.vm-host-rule", f -> f.root().set("clusters", json(
            "[{'name': 'c1', 'vmGroups': {'g': ['vm1']}, 'hostGroups': {'hg': ['h1']},"
            + " 'rules': [{'name': 'r', 'type': 'vm-host', 'vmGroup': 'g', 'hostGroup': 'hg', 'affine': false, 'mandatory': true}]}]"))),
        fires("an anti-affinity rule with the other VM on the target", "cluster.vm-vm-rule", f -> {
          f.addVm("vm2", "h2");
          f.root().set("clusters", json("[{'name': 'c1', 'rules': [{'name': 'apart', 'type': 'vm-vm', 'vms': ['vm1', 'vm2'], 'affine': false}]}]"));
        }, "on another host than vm2"),
        quiet("an anti-affinity rule with the other VM powered off on the target", "cluster.vm-vm-rule", f -> {
          f.addVm("vm2", "h2").put("powerState", "poweredOff");
          f.root().set("clusters", json("[{'name': 'c1', 'rules': [{'name': 'apart', 'type': 'vm-vm', 'vms': ['vm1', 'vm2'], 'affine': false}]}]"));
        }),
        fires("the target runs the FT secondary", "vm.fault-tolerance", f -> f.vm(0).set("ft", json("{'role': 'primary', 'partnerHost': 'h2'}")), "secondary"),
        quiet("no Fault Tolerance", "vm.fault-tolerance", f -> f.vm(0).remove("ft")),
        fires("the target's only vMotion link is down", "network.vmotion-link", f -> nic(f, 1).put("linkUp", false), "down"),
        quiet("a half-duplex 100 Mbit/s adapter beside a full-duplex 10 GbE one", "network.vmotion-link",
            f -> f.host(1).withArray("vmotionNics").add(json("{'name': 'vmk2', 'speedMbps': 100, 'duplex': 'half'}"))),
        fires("MTU 9000 on the source, 1500 on the target", "network.vmotion-mtu", f -> nic(f, 1).put("mtu", 1500), "MTU 1500"),
        quiet("MTU 9000 on both", "network.vmotion-mtu", f -> nic(f, 1).put("mtu", 9000)),
        fires("vMotion adapters on differently named port groups", "network.vmotion-network-name", f -> {
          nic(f, 0).put("portGroup", "vmotion-a");
          nic(f, 1).put("portGroup", "vmotion-b");
        }, "vmotion-b"),
        quiet("a network name only on one side", "network.vmotion-network-name", f -> nic(f, 0).put("portGroup", "vmotion-a")));
  }

  static List<Case> baseCases() {
    return List.of(
        fires("different vendors", "cpu.vendor", f -> f.host(1).with("cpu").put("vendor", "amd"), "amd"),
        quiet("same vendor, other model", "cpu.vendor", f -> f.host(1).with("cpu").put("model", 106)),
        fires("the VM's own requirement is AMD, its source's unknown CPU was filled in as Intel", "cpu.vendor", f -> {
          f.host(0).set("unknown", strings("cpu"));
          f.vm(0).put("cpuVendor", "amd").put("minRequiredEvcMode", "amd-zen");
        }, "VM vm1 requires an amd CPU, target h2 has an intel CPU"),
        quiet("the VM's own requirement is Intel like the target, its source's unknown CPU was filled in as AMD", "cpu.vendor", f -> {
          f.host(0).set("unknown", strings("cpu"));
          f.host(0).with("cpu").put("vendor", "amd");
          f.vm(0).put("cpuVendor", "intel").set("cpuFeatures", strings("sse2", "avx2"));
        }),
        fires("target lacks avx2", "cpu.features", f -> f.host(1).set("cpu", cpuWithout(f, "avx2")), "avx2"),
        quiet("target has every feature and more", "cpu.features", f -> ((com.fasterxml.jackson.databind.node.ArrayNode) f.host(1).with("cpu").get("features")).add("avx512f")),
        fires("VM powered on with a feature no host here has", "cpu.features", f -> f.vm(0).set("cpuFeatures", strings("sse2", "amx_tile")), "amx_tile"),
        fires("EVC baseline hides a feature the VM uses", "cpu.features", f -> {
          f.host(1).put("evcMode", "intel-merom");
        }, "target EVC mode intel-merom"),
        quiet("target BIOS disables a feature the VM does not use", "cpu.features", f -> {
          f.vm(0).set("cpuFeatures", strings("sse2", "avx"));
          f.host(1).with("cpu").set("biosDisabled", strings("avx2"));
        }),
        quiet("target lacks only speculation-control features the VM uses", "cpu.features",
            f -> f.vm(0).set("cpuFeatures", strings("sse2", "avx2", "ibrs", "md_clear"))),
        quiet("a VM at intel-broadwell with what vCenter records for it (ss, rdtscp, pcid, pdpe1gb) to a target at intel-broadwell", "cpu.features", f -> {
          for (int i = 0; i < 2; i++) {
            f.host(i).put("evcMode", "intel-broadwell");
            f.host(i).with("cpu").set("features", strings(SKYLAKE_HOST));
          }
          f.vm(0).set("cpuFeatures", strings(BROADWELL_VM));
        }),
        fires("target microcode lacks md_clear the VM saw", "cpu.speculation-control", f -> {
          ((com.fasterxml.jackson.databind.node.ArrayNode) f.host(0).with("cpu").get("features")).add("md_clear").add("ibrs");
          ((com.fasterxml.jackson.databind.node.ArrayNode) f.host(1).with("cpu").get("features")).add("ibrs");
        }, "lacks speculation-control features the VM uses: md_clear"),
        quiet("target at an EVC mode whose microcode has the speculation controls", "cpu.speculation-control", f -> {
          for (int i = 0; i < 2; i++) {
            f.host(i).put("evcMode", "intel-broadwell");
            f.host(i).with("cpu").set("features", strings(SKYLAKE_HOST));
          }
          f.vm(0).set("cpuFeatures", strings("sse2", "avx2", "ibrs", "ibpb", "stibp", "ssbd", "md_clear"));
        }),
        fires("VM at intel-sapphirerapids to ESXi 7.0 U3", "cpu.evc-release", f -> {
          f.host(1).put("version", "7.0.3");
          f.vm(0).put("minRequiredEvcMode", "intel-sapphirerapids").set("cpuFeatures", strings("sse2", "avx2"));
        }, "requires EVC mode intel-sapphirerapids"),
        quiet("VM at intel-sapphirerapids to ESXi 8.0", "cpu.evc-release", f -> {
          f.host(1).put("version", "8.0.0");
          f.vm(0).put("minRequiredEvcMode", "intel-sapphirerapids").set("cpuFeatures", strings("sse2", "avx2"));
        }),
        fires("target BIOS disables AES-NI the VM uses", "cpu.bios-disabled", f -> f.host(1).with("cpu").set("biosDisabled", strings("aes")), "AES-NI"),
        quiet("target BIOS disables a feature the VM does not use", "cpu.bios-disabled", f -> {
          f.vm(0).set("cpuFeatures", strings("sse2", "avx"));
          f.host(1).with("cpu").set("biosDisabled", strings("avx2"));
        }),
        fires("other model, no EVC on target", "cpu.family-model", f -> f.host(1).with("cpu").put("model", 106), "model 106"),
        quiet("other model, EVC on target", "cpu.family-model", f -> {
          f.host(1).with("cpu").put("model", 106);
          f.host(1).put("evcMode", "intel-merom");
          f.vm(0).set("cpuFeatures", strings("sse2"));
        }),
        fires("vmx-21 to ESXi 8.0 U1", "vm.hardware-version", f -> {
          f.vm(0).put("hardwareVersion", 21);
          f.host(1).put("version", "8.0.1");
        }, "8.0 U2"),
        quiet("vmx-21 to ESXi 8.0 U2", "vm.hardware-version", f -> f.vm(0).put("hardwareVersion", 21)),
        fires("vmx-19 to ESXi 7.0 U1", "vm.hardware-version", f -> f.host(1).put("version", "7.0.1"), "7.0 U2"),
        fires("Windows Server 2025 on ESXi 7.0 U3", "vm.guest-os", f -> {
          f.vm(0).put("guestOs", "windows2022srvNext_64Guest");
          f.host(1).put("version", "7.0.3");
        }, "windows2022srvNext_64Guest"),
        quiet("Windows Server 2025 on ESXi 8.0", "vm.guest-os", f -> {
          f.vm(0).put("guestOs", "windows2022srvNext_64Guest");
          f.host(1).put("version", "8.0.0");
        }),
        quiet("macOS 12 to ESXi 8.0 U2, past its last supported release", "vm.guest-os", f -> f.vm(0).put("guestOs", "darwin21_64Guest")),
        fires("macOS 12 to ESXi 8.0 U2, past its last supported release", "vm.guest-os-end-of-support",
            f -> f.vm(0).put("guestOs", "darwin21_64Guest"), "still migrates"),
        quiet("macOS 12 to ESXi 7.0 U3, its last supported release", "vm.guest-os-end-of-support", f -> {
          f.vm(0).put("guestOs", "darwin21_64Guest");
          f.host(1).put("version", "7.0.3");
        }),
        fires("target vMotion adapter of 100 Mbit/s", "network.vmotion-nic", f -> ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(1).withArray("vmotionNics").get(0)).put("speedMbps", 100), "target h2"),
        fires("source without a vMotion adapter", "network.vmotion-nic", f -> f.host(0).putArray("vmotionNics"), "source h1 has no vMotion"),
        quiet("vMotion adapters of exactly 1 GbE", "network.vmotion-nic", f -> {
          ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(0).withArray("vmotionNics").get(0)).put("speedMbps", 1000);
          ((com.fasterxml.jackson.databind.node.ObjectNode) f.host(1).withArray("vmotionNics").get(0)).put("speedMbps", 1000);
        }),
        fires("port group missing on target", "network.port-group", f -> f.host(1).set("portGroups", strings("pg-other")), "pg-app"),
        quiet("target has the port group among others", "network.port-group", f -> f.host(1).set("portGroups", strings("pg-other", "pg-app"))),
        fires("datastore not mounted on target", "storage.shared", f -> f.vm(0).set("datastores", strings("ds1", "local-h1")), "local-h1"),
        quiet("every datastore mounted on target", "storage.shared", f -> {
          f.vm(0).set("datastores", strings("ds1", "ds2"));
          f.host(1).set("datastores", strings("ds1", "ds2"));
        }),
        fires("more vCPUs than target threads", "resources.capacity", f -> f.vm(0).put("vcpus", 33), "33 vCPUs"),
        quiet("as many vCPUs as target threads", "resources.capacity", f -> f.vm(0).put("vcpus", 32)),
        fires("CPU reservation above the target's unreserved MHz", "resources.capacity", f -> {
          f.vm(0).putObject("reservation").put("cpuMhz", 30000);
          f.addVm("big", "h2").putObject("reservation").put("cpuMhz", 15000);
        }, "CPU reservation 30000 MHz"),
        quiet("CPU reservation exactly the target's unreserved MHz", "resources.capacity", f -> {
          f.vm(0).putObject("reservation").put("cpuMhz", 25000);
          f.addVm("big", "h2").putObject("reservation").put("cpuMhz", 15000);
        }),
        fires("memory reservation above the target's unreserved memory", "resources.capacity", f -> {
          f.vm(0).put("memoryMb", 200000).putObject("reservation").put("memoryMb", 200000);
          f.addVm("big", "h2").put("memoryMb", 100000).putObject("reservation").put("memoryMb", 100000);
        }, "memory reservation 200000 MB"),
        quiet("a powered-off VM's reservation does not count", "resources.capacity", f -> {
          f.vm(0).put("memoryMb", 200000).putObject("reservation").put("memoryMb", 200000);
          f.addVm("big", "h2").put("powerState", "poweredOff").put("memoryMb", 100000).putObject("reservation").put("memoryMb", 100000);
        }),
        fires("target licensed Essentials", "license.vmotion", f -> f.host(1).put("license", "essentials"), "target h2 (essentials)"),
        fires("source is free ESXi", "license.vmotion", f -> f.host(0).put("license", "free"), "source h1 (free)"),
        quiet("both Essentials Plus", "license.vmotion", f -> {
          f.host(0).put("license", "essentials-plus");
          f.host(1).put("license", "essentials-plus");
        }),
        fires("target in maintenance mode", "host.state", f -> f.host(1).put("maintenanceMode", true), "maintenance"),
        fires("target disconnected", "host.state", f -> f.host(1).put("state", "disconnected"), "disconnected"),
        fires("target not responding", "host.state", f -> f.host(1).put("state", "notResponding"), "notResponding"),
        quiet("source in maintenance mode, target connected", "host.state", f -> f.host(0).put("maintenanceMode", true)));
  }

  /** A Skylake-SP host's features: the intel-skylake baseline, some flags no baseline has, and microcode speculation controls. */
  static final String[] SKYLAKE_HOST = {
      "3dnowprefetch", "abm", "adx", "aes", "apic", "arch_capabilities", "avx", "avx2", "avx512bw", "avx512cd", "avx512dq", "avx512f",
      "avx512vl", "bmi1", "bmi2", "clflush", "clflushopt", "clwb", "cmov", "cx16", "cx8", "de", "dts", "erms", "est", "f16c", "flush_l1d",
      "fma", "fpu", "fsgsbase", "fxsr", "hle", "ht", "ibpb", "ibrs", "invpcid", "lahf_lm", "lm", "mca", "mce", "md_clear", "mmx",
      "monitor", "movbe", "msr", "mtrr", "nx", "pae", "pat", "pcid", "pclmulqdq", "pdpe1gb", "pge", "pku", "pni", "popcnt", "pse",
      "pse36", "rdrand", "rdseed", "rdtscp", "rtm", "sep", "smap", "smep", "ss", "sse", "sse2", "sse4_1", "sse4_2", "ssbd", "ssse3",
      "stibp", "syscall", "tm2", "tsc", "vme", "vmx", "xsave", "xsavec", "xsaveopt", "xsaves"};

  /** What vCenter records as the requirement of a VM powered on at intel-broadwell, in Linux spelling. */
  static final String[] BROADWELL_VM = {
      "3dnowprefetch", "abm", "adx", "aes", "avx", "avx2", "bmi1", "bmi2", "cx16", "erms", "f16c", "fma", "fsgsbase", "hle", "invpcid",
      "lahf_lm", "lm", "movbe", "nx", "pcid", "pclmulqdq", "pdpe1gb", "pni", "popcnt", "rdrand", "rdseed", "rdtscp", "rtm", "smap",
      "smep", "ss", "sse4_1", "sse4_2", "ssse3", "xsave", "xsaveopt", "ibrs", "ibpb", "stibp", "ssbd", "md_clear"};

  private static com.fasterxml.jackson.databind.node.ObjectNode cpuWithout(Fixture f, String feature) {
    com.fasterxml.jackson.databind.node.ObjectNode cpu = f.host(1).with("cpu").deepCopy();
    com.fasterxml.jackson.databind.node.ArrayNode kept = cpu.putArray("features");
    f.host(1).with("cpu").get("features").forEach(x -> { if (!x.asText().equals(feature)) kept.add(x); });
    return cpu;
  }

  @TestFactory
  Stream<DynamicTest> each_rule_fires_on_its_case_and_is_quiet_on_the_near_miss() {
    return cases().stream().map(c -> dynamicTest((c.fires ? "fires: " : "quiet: ") + c.rule + " — " + c.name, () -> {
      Evaluation e = Rules.evaluate(Fixture.twoHosts().with(c.change).json());
      List<Finding> hits = e.findings().stream().filter(x -> x.rule().equals(c.rule) && x.vm().equals("vm1") && x.target().equals("h2")).toList();
      if (c.fires) {
        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).message()).contains(c.messageContains);
      } else {
        assertThat(hits).isEmpty();
      }
    }));
  }

  @Test
  void the_untouched_fixture_has_no_finding_at_all() {
    Evaluation e = Rules.evaluate(Fixture.twoHosts().json());
    assertThat(e.findings()).isEmpty();
    assertThat(e.vms()).singleElement().satisfies(v -> assertThat(v.compatibleTargets()).containsExactly("h2"));
  }

  @Test
  void every_built_in_rule_has_a_firing_case_and_a_near_miss_here() {
    List<String> ids = Rules.folder().rules().stream().map(RuleInfo::id).toList();
    assertThat(ids).containsAll(RuleFolderTest.CONTRACT.keySet()).containsAll(RuleFolderTest.ADDED.keySet()).containsAll(RuleFolderTest.PARITY.keySet());
    assertThat(cases().stream().filter(Case::fires).map(Case::rule)).containsAll(ids);
    assertThat(cases().stream().filter(c -> !c.fires).map(Case::rule)).containsAll(ids);
  }

  @Test
  void a_vendor_mismatch_reports_no_other_cpu_finding() {
    Evaluation e = Rules.evaluate(Fixture.twoHosts().with(f -> {
      f.host(1).with("cpu").put("vendor", "amd").put("family", 25).put("model", 1);
      f.host(1).with("cpu").set("features", strings("sse2"));
      f.host(1).with("cpu").set("biosDisabled", strings("aes"));
    }).json());
    assertThat(e.findings()).extracting(Finding::rule).containsExactly("cpu.vendor");
  }

  @Test
  void reports_every_blocker_of_a_move_at_once() {
    Evaluation e = Rules.evaluate(Fixture.twoHosts().with(f -> {
      f.host(1).put("version", "7.0.0").put("license", "essentials").put("maintenanceMode", true);
      f.host(1).set("portGroups", strings());
      f.host(1).set("datastores", strings());
      f.host(1).putArray("vmotionNics");
      f.vm(0).put("vcpus", 64);
    }).json());
    assertThat(e.findings()).extracting(Finding::rule).containsExactly(
        "host.state", "license.vmotion", "network.port-group", "network.vmotion-nic", "resources.capacity",
        "storage.shared", "vm.guest-os", "vm.hardware-version");
    assertThat(e.vms().get(0).compatibleTargets()).isEmpty();
  }

  @Test
  void a_warning_alone_leaves_the_target_compatible() {
    Evaluation e = Rules.evaluate(Fixture.twoHosts().with(f -> f.host(1).with("cpu").put("model", 106)).json());
    assertThat(e.findings()).extracting(Finding::rule).containsExactly("cpu.family-model");
    assertThat(e.vms().get(0).compatibleTargets()).containsExactly("h2");
  }

  @Test
  void hosts_of_other_clusters_are_checked_only_with_scope_all() throws Exception {
    String json = Fixture.twoHosts().with(f -> f.host(1).put("cluster", "c2")).json();
    assertThat(Rules.evaluate(json).pairs()).isZero();
    var inv = new io.vmotion.inventory.InventoryReader(Rules.folder().data().evcModes()).read("f.json", json);
    assertThat(new Evaluator(Rules.folder()).evaluate(inv, Scope.ALL).pairs()).isEqualTo(1);
  }

  @Test
  void hosts_without_a_cluster_form_one_group() {
    String json = Fixture.twoHosts().with(f -> {
      f.host(0).remove("cluster");
      f.host(1).remove("cluster");
    }).json();
    assertThat(Rules.evaluate(json).pairs()).isEqualTo(1);
  }

  @Test
  void powered_off_and_suspended_vms_are_not_checked_without_a_plan() {
    assertThat(Rules.evaluate(Fixture.twoHosts().with(f -> f.vm(0).put("powerState", "poweredOff")).json()).pairs()).isZero();
    assertThat(Rules.evaluate(Fixture.twoHosts().with(f -> f.vm(0).put("powerState", "suspended")).json()).pairs()).isZero();
  }

  @Test
  void a_plan_judges_capacity_against_the_target_after_its_earlier_moves() {
    String json = Fixture.twoHosts().with(f -> {
      f.vm(0).put("memoryMb", 150000).putObject("reservation").put("memoryMb", 150000);
      f.addVm("vm2", "h1");
      f.root().putArray("migrations").add(Fixture.JSON.createObjectNode().put("vm", "vm2").put("target", "h2"))
          .add(Fixture.JSON.createObjectNode().put("vm", "vm1").put("target", "h2"));
    }).json();
    Evaluation e = Rules.evaluate(json);
    assertThat(e.findings()).singleElement().satisfies(x -> {
      assertThat(x.rule()).isEqualTo("resources.capacity");
      assertThat(x.vm()).isEqualTo("vm1");
      assertThat(x.step()).isEqualTo(2);
    });
  }

  @Test
  void each_move_of_a_plan_alone_fits_where_the_pile_up_does_not() {
    String json = Fixture.twoHosts().with(f -> {
      f.vm(0).put("memoryMb", 150000).putObject("reservation").put("memoryMb", 150000);
      f.addVm("vm2", "h1");
      f.root().putArray("migrations").add(Fixture.JSON.createObjectNode().put("vm", "vm1").put("target", "h2"));
    }).json();
    assertThat(Rules.evaluate(json).findings()).isEmpty();
  }
}

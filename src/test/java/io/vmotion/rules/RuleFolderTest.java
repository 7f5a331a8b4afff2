package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RuleFolderTest {

  static final Map<String, Severity> CONTRACT = Map.ofEntries(
      Map.entry("cpu.vendor", Severity.ERROR),
      Map.entry("cpu.features", Severity.ERROR),
      Map.entry("cpu.bios-disabled", Severity.ERROR),
      Map.entry("cpu.family-model", Severity.WARNING),
      Map.entry("vm.hardware-version", Severity.ERROR),
      Map.entry("vm.guest-os", Severity.ERROR),
      Map.entry("network.vmotion-nic", Severity.ERROR),
      Map.entry("network.port-group", Severity.ERROR),
      Map.entry("storage.shared", Severity.ERROR),
      Map.entry("resources.capacity", Severity.ERROR),
      Map.entry("license.vmotion", Severity.ERROR),
      Map.entry("host.state", Severity.ERROR));

  @Test
  void the_rules_folder_builds_without_any_drools_message_and_defines_rules() {
    // Rules.folder() throws on any build message; reaching the assertion means there were none.
    assertThat(Rules.folder().rules()).isNotEmpty();
  }

  @Test
  void drools_reports_no_message_at_any_level_for_the_rules_folder() throws Exception {
    org.kie.api.KieServices ks = org.kie.api.KieServices.Factory.get();
    org.kie.api.builder.KieFileSystem kfs = ks.newKieFileSystem();
    kfs.generateAndWritePomXML(ks.newReleaseId("io.vmotion.test", "rules-folder", "1.0.0"));
    for (RuleFile f : RuleSource.folder(java.nio.file.Path.of("rules")).drlFiles()) {
      kfs.write("src/main/resources/" + f.name(), f.text());
    }
    java.util.List<org.kie.api.builder.Message> messages = ks.newKieBuilder(kfs).buildAll().getResults().getMessages();
    assertThat(messages).as("errors, warnings and infos from the Drools build").isEmpty();
  }

  @Test
  void every_contract_rule_exists_with_its_severity_and_full_metadata() {
    Map<String, Severity> loaded = Rules.folder().rules().stream().collect(Collectors.toMap(RuleInfo::id, RuleInfo::severity));
    assertThat(loaded).containsAllEntriesOf(CONTRACT);
    for (RuleInfo r : Rules.folder().rules()) {
      assertThat(r.title()).as(r.id()).isNotBlank();
      assertThat(r.remediation()).as(r.id()).isNotBlank();
      assertThat(r.explain()).as(r.id()).isNotBlank();
      assertThat(r.docs()).as(r.id()).startsWith("https://");
    }
  }

  /** Rules beyond the contract (which the generated inventory must exercise), with the severity they were specified at. */
  static final Map<String, Severity> ADDED = Map.of(
      "cpu.speculation-control", Severity.ERROR,
      "cpu.evc-release", Severity.ERROR,
      "vm.guest-os-end-of-support", Severity.WARNING);

  @Test
  void the_rules_added_for_real_exports_exist_with_their_severity_and_fault() {
    Map<String, Severity> loaded = Rules.folder().rules().stream().collect(Collectors.toMap(RuleInfo::id, RuleInfo::severity));
    assertThat(loaded).containsAllEntriesOf(ADDED);
    assertThat(Rules.folder().rule("cpu.speculation-control").fault()).isEqualTo("FeatureRequirementsNotMet");
    assertThat(Rules.folder().rule("cpu.evc-release").fault()).isEqualTo("FeatureRequirementsNotMet");
    assertThat(Rules.folder().rule("cpu.evc-release").reads()).contains("vm.minRequiredEvcMode", "target.versionKey", "target.versionDisplay");
    assertThat(Rules.folder().rule("cpu.vendor").reads()).containsExactly("vm.cpuVendor", "target.cpuVendor");
  }

  /** The rules of vCenter parity (issue 9), each with its severity and the vSphere fault it mirrors, as the issue's table has them. */
  static final Map<String, Severity> PARITY = Map.ofEntries(
      Map.entry("devices.passthrough", Severity.ERROR),
      Map.entry("devices.vgpu", Severity.ERROR),
      Map.entry("devices.host-backed", Severity.ERROR),
      Map.entry("devices.file-backed-port", Severity.ERROR),
      Map.entry("devices.image-not-on-target", Severity.ERROR),
      Map.entry("storage.bus-sharing", Severity.ERROR),
      Map.entry("vm.affinity", Severity.ERROR),
      Map.entry("cluster.vm-host-rule", Severity.ERROR),
      Map.entry("cluster.vm-vm-rule", Severity.WARNING),
      Map.entry("network.vmotion-link", Severity.ERROR),
      Map.entry("network.vmotion-mtu", Severity.WARNING),
      Map.entry("network.vmotion-network-name", Severity.WARNING),
      Map.entry("vm.fault-tolerance", Severity.ERROR));

  static final Map<String, String> PARITY_FAULTS = Map.ofEntries(
      Map.entry("devices.passthrough", "DisallowedMigrationDeviceAttached"),
      Map.entry("devices.vgpu", "InsufficientGraphicsResourcesFault"),
      Map.entry("devices.host-backed", "CannotAccessVmDevice / RemoteDeviceNotSupported"),
      Map.entry("devices.file-backed-port", "FileBackedPortNotSupported"),
      Map.entry("devices.image-not-on-target", "CannotAccessVmDevice"),
      Map.entry("storage.bus-sharing", "SharedBusControllerNotSupported"),
      Map.entry("vm.affinity", "AffinityConfigured"),
      Map.entry("cluster.vm-host-rule", "VmHostAffinityRuleViolation"),
      Map.entry("network.vmotion-link", "VMotionLinkDown / VMotionLinkCapacityLow"),
      Map.entry("network.vmotion-network-name", "MismatchedVMotionNetworkNames"),
      Map.entry("vm.fault-tolerance", "FaultToleranceAntiAffinityViolated"));

  @Test
  void the_parity_rules_exist_with_the_severity_and_fault_of_the_issues_table_and_declare_what_they_read() {
    Map<String, Severity> loaded = Rules.folder().rules().stream().collect(Collectors.toMap(RuleInfo::id, RuleInfo::severity));
    assertThat(loaded).containsAllEntriesOf(PARITY);
    PARITY_FAULTS.forEach((id, fault) -> assertThat(Rules.folder().rule(id).fault()).as(id).isEqualTo(fault));
    assertThat(Rules.folder().rule("cluster.vm-vm-rule").fault()).isNull();
    assertThat(Rules.folder().rule("network.vmotion-mtu").fault()).isNull();
    // Declared reads let the configuration maximum share evaluations; every parity rule has them.
    for (String id : PARITY.keySet()) assertThat(Rules.folder().rule(id).declaresReads()).as(id).isTrue();
  }

  @Test
  void the_data_files_load_every_evc_baseline_and_edition_named_by_the_contract() {
    assertThat(Rules.folder().data().evcModes()).contains(
        "intel-merom", "intel-broadwell", "intel-sapphirerapids", "amd-rev-e", "amd-zen2", "amd-zen4");
    // Newer baselines are supersets within a vendor, except where a baseline drops features.
    assertThat(Rules.folder().data().baselines().get("intel-skylake").features())
        .containsAll(Rules.folder().data().baselines().get("intel-broadwell").features());
    assertThat(Rules.folder().data().baselines().get("amd-zen").features()).doesNotContain("xop", "fma4");
  }

  @Test
  void the_built_in_set_in_the_jar_equals_the_rules_folder() throws Exception {
    RuleSource builtin = RuleSource.builtin();
    RuleSource folder = RuleSource.folder(java.nio.file.Path.of("rules"));
    assertThat(builtin.files().stream().map(f -> f.name() + "\n" + f.text()).toList())
        .containsExactlyElementsOf(folder.files().stream().map(f -> f.name() + "\n" + f.text()).toList());
  }
}

package io.vmotion.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vmotion.inventory.EsxiVersion;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import io.vmotion.rules.facts.HardwareVersion;
import io.vmotion.rules.facts.SpeculationControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The facts behind the rules are read as strictly as inventories: nothing misspelt is ignored. */
class RuleDataTest {

  static RuleData data() {
    return Rules.folder().data();
  }

  /** The build problems of the built-in rules with one data file replaced by {@code text}. */
  static String problemsWith(Path dir, String file, String text) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve(file), text);
    RuleBuildException e = catchThrowableOfType(RuleBuildException.class,
        () -> RuleBase.build(List.of(RuleSource.builtin(), RuleSource.folder(dir))));
    assertThat(e).as("the build must fail").isNotNull();
    return e.render();
  }

  static String builtin(String file) throws Exception {
    return Files.readString(Path.of("rules/data").resolve(file));
  }

  @Test
  void a_misspelt_field_in_a_data_file_is_refused_at_its_line_with_the_known_name(@TempDir Path dir) throws Exception {
    String editions = builtin("editions.json").replaceFirst("\"vmotion\": false", "\"vmotoin\": false");
    assertThat(problemsWith(dir, "editions.json", editions))
        .containsPattern("editions\\.json:\\d+:\\d+: editions\\[0\\]\\.vmotoin: unknown field; did you mean \"vmotion\"\\?")
        .contains("editions[0].vmotion: required field is missing");
  }

  @Test
  void the_built_in_data_files_hold_only_known_fields() {
    // Rules.folder() fails on any build problem, data files included.
    assertThat(data().evcModes()).isNotEmpty();
  }

  // --- EVC baselines and the speculation-control list ---

  @Test
  void baselines_expose_the_flags_real_vm_records_require_from_the_generation_that_brought_them() {
    Map<String, EvcBaseline> b = data().baselines();
    // A VM at intel-broadwell lists rdtscp, pcid, pdpe1gb and ss among its required features.
    assertThat(b.get("intel-broadwell").features()).contains("rdtscp", "pcid", "pdpe1gb", "ss");
    assertThat(b.get("intel-merom").features()).contains("ss").doesNotContain("rdtscp", "pcid", "pdpe1gb");
    assertThat(b.get("intel-nehalem").features()).contains("rdtscp").doesNotContain("pcid", "pdpe1gb");
    assertThat(b.get("intel-westmere").features()).doesNotContain("pcid", "pdpe1gb");
    assertThat(b.get("intel-sandybridge").features()).contains("pcid", "pdpe1gb");
    assertThat(b.get("amd-zen").features()).contains("rdtscp", "pdpe1gb").doesNotContain("ss", "pcid");
    assertThat(b.get("amd-zen3").features()).contains("pcid");
  }

  @Test
  void speculation_control_features_are_a_list_of_their_own_and_in_no_baseline() {
    assertThat(data().speculationControl())
        .contains("ibrs", "ibpb", "stibp", "ssbd", "md_clear", "flush_l1d", "arch_capabilities");
    assertThat(List.copyOf(data().speculationControl())).isSorted();
    for (EvcBaseline b : data().baselines().values()) {
      assertThat(b.features()).as(b.key()).doesNotContainAnyElementsOf(data().speculationControl());
    }
    // Rules bind it unconditionally, so it is a session fact even when empty.
    assertThat(data().facts()).filteredOn(SpeculationControl.class::isInstance).singleElement()
        .satisfies(s -> assertThat(((SpeculationControl) s).features()).isEqualTo(data().speculationControl()));
  }

  @Test
  void a_baseline_that_adds_a_speculation_control_feature_is_a_build_problem_at_its_line(@TempDir Path dir) throws Exception {
    String evc = builtin("evc-baselines.json").replaceFirst("\"popcnt\",", "\"popcnt\",\n        \"md_clear\",");
    assertThat(problemsWith(dir, "evc-baselines.json", evc))
        .containsPattern("evc-baselines\\.json:\\d+:\\d+: baselines\\[\\d+\\]\\.adds\\[\\d+\\]: \"md_clear\" is a speculation-control feature");
  }

  @Test
  void a_misspelt_or_malformed_speculation_control_list_is_a_build_problem(@TempDir Path dir) throws Exception {
    String evc = builtin("evc-baselines.json");
    assertThat(problemsWith(dir, "evc-baselines.json", evc.replace("\"speculationControl\":", "\"speculationControls\":")))
        .containsPattern("evc-baselines\\.json:\\d+:\\d+: speculationControls: unknown field; did you mean \"speculationControl\"\\?");
    assertThat(problemsWith(dir, "evc-baselines.json", evc.replace("\"speculationControl\": [", "\"speculationControl\": [\n    42,")))
        .containsPattern("evc-baselines\\.json:\\d+:\\d+: speculationControl\\[0\\]: expected a feature name, found the number 42");
    assertThat(problemsWith(dir, "evc-baselines.json", evc.replace("\"speculationControl\": [", "\"speculationControl\": [\n    \"ibrs\",")))
        .contains("\"ibrs\" is listed twice");
  }

  @Test
  void a_malformed_evc_min_esxi_is_a_build_problem_at_its_line(@TempDir Path dir) throws Exception {
    String evc = builtin("evc-baselines.json").replaceFirst("\"minEsxi\": \"6.7.0\"", "\"minEsxi\": \"6.7 U1\"");
    assertThat(problemsWith(dir, "evc-baselines.json", evc))
        .containsPattern("evc-baselines\\.json:\\d+:\\d+: baselines\\[\\d+\\]\\.minEsxi: \"6.7 U1\" is not an ESXi version");
  }

  @Test
  void evc_baselines_number_their_first_release_like_a_host_version() {
    assertThat(data().baselines().get("intel-sapphirerapids").getMinEsxiKey()).isEqualTo(80000);
    assertThat(data().baselines().get("intel-merom").getMinEsxiKey()).isEqualTo(30502);
    assertThat(new EvcBaseline("x", "intel", "x", null, java.util.Set.of()).getMinEsxiKey()).isZero();
  }

  // --- guest OS support ---

  @Test
  void macos_guests_end_with_esxi_7_and_the_vsphere_9_guest_ids_are_known() {
    List<GuestOs> guests = data().facts().stream().filter(GuestOs.class::isInstance).map(GuestOs.class::cast).toList();
    assertThat(guests).filteredOn(g -> g.guestId().startsWith("darwin")).isNotEmpty()
        .allSatisfy(g -> assertThat(g.maxEsxi()).as(g.guestId()).isEqualTo("7.0.3"));
    assertThat(guests).filteredOn(g -> !g.guestId().startsWith("darwin")).allSatisfy(g -> assertThat(g.maxEsxi()).as(g.guestId()).isNull());
    assertThat(guests).filteredOn(g -> g.minEsxi().equals("9.0.0")).extracting(GuestOs::guestId).contains(
        "rhel10_64Guest", "oracleLinux10_64Guest", "debian13_64Guest", "freebsd15_64Guest", "other7xLinux64Guest", "vmkernel9Guest");
    assertThat(guests).extracting(GuestOs::guestId).doesNotHaveDuplicates();
  }

  @Test
  void a_malformed_guest_max_esxi_is_a_build_problem_at_its_line(@TempDir Path dir) throws Exception {
    String guests = builtin("guest-os.json").replaceFirst("\"maxEsxi\": \"7.0.3\"", "\"maxEsxi\": \"seven\"");
    assertThat(problemsWith(dir, "guest-os.json", guests))
        .containsPattern("guest-os\\.json:\\d+:\\d+: guests\\[\\d+\\]\\.maxEsxi: \"seven\" is not an ESXi version");
  }

  // --- hardware versions and the releases table ---

  @Test
  void vmx_3_first_ran_on_esx_2() {
    assertThat(data().facts()).filteredOn(HardwareVersion.class::isInstance).map(HardwareVersion.class::cast)
        .filteredOn(h -> h.version() == 3).singleElement().satisfies(h -> assertThat(h.minEsxi()).isEqualTo("2.0.0"));
  }

  @Test
  void the_releases_table_gives_each_release_the_highest_hardware_version_whose_first_release_is_not_after_it() {
    List<HardwareVersion> hw = data().facts().stream().filter(HardwareVersion.class::isInstance).map(HardwareVersion.class::cast).toList();
    assertThat(data().maxHardwareVersions()).containsEntry(EsxiVersion.parse("8.0.2"), 21).containsEntry(EsxiVersion.parse("7.0.3"), 19)
        .containsEntry(EsxiVersion.parse("6.7.2"), 15).containsEntry(EsxiVersion.parse("2.0.0"), 3).containsEntry(EsxiVersion.parse("9.0.0"), 22);
    data().maxHardwareVersions().forEach((release, max) -> {
      int expected = hw.stream().filter(h -> h.minEsxiKey() <= io.vmotion.rules.facts.HostFact.versionKey(release))
          .mapToInt(HardwareVersion::version).max().orElse(0);
      assertThat(max).as("ESXi " + release.display()).isEqualTo(expected);
    });
    // Every release that introduced a hardware version is in the table.
    for (HardwareVersion h : hw) assertThat(data().maxHardwareVersions()).containsKey(EsxiVersion.parse(h.minEsxi()));
  }

  @Test
  void a_misspelt_duplicate_or_malformed_release_is_a_build_problem_at_its_line(@TempDir Path dir) throws Exception {
    String hw = builtin("hardware-versions.json");
    assertThat(problemsWith(dir, "hardware-versions.json", hw.replaceFirst("\"maxHardwareVersion\": 3,", "\"maxHardwareVerison\": 3,")))
        .containsPattern("hardware-versions\\.json:\\d+:\\d+: releases\\[0\\]\\.maxHardwareVerison: unknown field; did you mean \"maxHardwareVersion\"\\?")
        .contains("releases[0].maxHardwareVersion: required field is missing");
    assertThat(problemsWith(dir, "hardware-versions.json", hw.replace("{\"esxi\": \"2.1.0\"", "{\"esxi\": \"2.0.0\"")))
        .containsPattern("hardware-versions\\.json:\\d+:\\d+: releases\\[1\\]\\.esxi: ESXi 2.0 is listed twice");
    assertThat(problemsWith(dir, "hardware-versions.json", hw.replace("{\"esxi\": \"2.1.0\"", "{\"esxi\": \"2.1 U1\"")))
        .containsPattern("hardware-versions\\.json:\\d+:\\d+: releases\\[1\\]\\.esxi: \"2.1 U1\" is not an ESXi version");
    assertThat(problemsWith(dir, "hardware-versions.json", hw.replaceFirst("\"maxHardwareVersion\": 3,", "\"maxHardwareVersion\": \"3\",")))
        .contains("releases[0].maxHardwareVersion: expected a whole number of at least 1, found the string \"3\"");
    assertThat(problemsWith(dir, "hardware-versions.json", hw.replaceFirst("\"confidence\": \"high\"", "\"confidence\": \"certain\"")))
        .contains("releases[0].confidence: expected high, medium or low, found \"certain\"");
    assertThat(problemsWith(dir, "hardware-versions.json", hw.replace("\"releases\":", "\"release\":")))
        .containsPattern("release: unknown field; did you mean \"releases\"\\?");
  }

  @Test
  void releases_are_every_esxi_release_the_data_mentions_sorted_and_distinct() {
    TreeSet<EsxiVersion> expected = new TreeSet<>(data().maxHardwareVersions().keySet());
    for (Object f : data().facts()) {
      List<String> named = new ArrayList<>();
      if (f instanceof HardwareVersion h) named.addAll(java.util.Arrays.asList(h.minEsxi(), h.maxEsxi()));
      if (f instanceof GuestOs g) named.addAll(java.util.Arrays.asList(g.minEsxi(), g.maxEsxi()));
      if (f instanceof EvcBaseline b) named.add(b.minEsxi());
      for (String v : named) if (v != null) expected.add(EsxiVersion.parse(v));
    }
    assertThat(data().releases()).containsExactlyElementsOf(expected);
    // Versions only the EVC and guest files name are there too, not only the releases table.
    assertThat(data().releases()).contains(EsxiVersion.parse("3.5.4"), EsxiVersion.parse("2.0.0"), EsxiVersion.parse("9.0.0"));
  }
}

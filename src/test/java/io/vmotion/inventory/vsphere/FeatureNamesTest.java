package io.vmotion.inventory.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.inventory.vsphere.FeatureNames.Kind;
import io.vmotion.inventory.vsphere.FeatureNames.Meaning;
import io.vmotion.inventory.imports.RuleFacts;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureNamesTest {

  static Meaning flag(String linux) {
    return new Meaning(Kind.FLAG, linux);
  }

  @Test
  void vsphere_names_map_to_linux_flags_in_either_case() {
    assertThat(FeatureNames.meaning("cpuid.sse3")).isEqualTo(flag("pni"));
    assertThat(FeatureNames.meaning("cpuid.SSE3")).isEqualTo(flag("pni"));
    assertThat(FeatureNames.meaning("cpuid.SSE41")).isEqualTo(flag("sse4_1"));
    assertThat(FeatureNames.meaning("cpuid.lahf64")).isEqualTo(flag("lahf_lm"));
    assertThat(FeatureNames.meaning("cpuid.cmpxchg16b")).isEqualTo(flag("cx16"));
    assertThat(FeatureNames.meaning("cpuid.enfstrg")).isEqualTo(flag("erms"));
    assertThat(FeatureNames.meaning("cpuid.3dnprefetch")).isEqualTo(flag("3dnowprefetch"));
    assertThat(FeatureNames.meaning("cpuid.avx512vnni")).isEqualTo(flag("avx512_vnni"));
    assertThat(FeatureNames.meaning("cpuid.AES")).isEqualTo(flag("aes"));
    assertThat(FeatureNames.meaning("cpuid.avx2")).isEqualTo(flag("avx2"));
  }

  @Test
  void vendor_keys_name_the_vendor_and_other_known_keys_are_ignored() {
    assertThat(FeatureNames.meaning("cpuid.Intel")).isEqualTo(new Meaning(Kind.VENDOR, "intel"));
    assertThat(FeatureNames.meaning("cpuid.amd")).isEqualTo(new Meaning(Kind.VENDOR, "amd"));
    assertThat(FeatureNames.meaning("cpuid.xcr0_master_ymm_h").kind()).isEqualTo(Kind.IGNORED);
    assertThat(FeatureNames.meaning("cpuid.family").kind()).isEqualTo(Kind.IGNORED);
    assertThat(FeatureNames.meaning("cpuid.frobnicate").kind()).isEqualTo(Kind.UNKNOWN);
    assertThat(FeatureNames.meaning("hv.capable").kind()).isEqualTo(Kind.UNKNOWN);
  }

  @Test
  void every_flag_an_evc_baseline_lists_has_a_vsphere_name() {
    Set<String> mapped = new HashSet<>(FeatureNames.RENAMED.values());
    mapped.addAll(FeatureNames.SAME);
    Set<String> baseline = new HashSet<>();
    RuleFacts.evc().features().values().forEach(baseline::addAll);
    // The base x86 flags of leaf 1 EDX (fpu, sse2, cmov, ...) are never in a feature requirement.
    baseline.removeAll(Set.of("fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic", "sep", "mtrr", "pge", "mca",
        "cmov", "pat", "pse36", "clflush", "mmx", "fxsr", "sse", "sse2", "syscall"));
    assertThat(mapped).containsAll(baseline);
  }

  @Test
  void requirement_values_ask_for_a_feature_with_a_minimum_of_one() {
    assertThat(FeatureNames.required("Bool:Min:1")).isTrue();
    assertThat(FeatureNames.required("Num:Min:2")).isTrue();
    assertThat(FeatureNames.required("Bool:Min:0")).isFalse();
    assertThat(FeatureNames.required("Bool:Max:0")).isFalse();
    assertThat(FeatureNames.required("garbage")).isFalse();
    assertThat(FeatureNames.required(null)).isTrue();
    assertThat(FeatureNames.capable("1")).isTrue();
    assertThat(FeatureNames.capable("0")).isFalse();
    assertThat(FeatureNames.capable("0x1f")).isTrue();
  }
}

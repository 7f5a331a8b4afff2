package io.vmotion.inventory.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Bit positions from the Intel SDM Vol. 2A (CPUID) and the AMD APM Vol. 3, appendix E. */
class CpuIdTest {

  /** A HostCpuIdInfo register with exactly these bits set, MSB first, grouped in fours as vSphere writes it. */
  static String bits(int... set) {
    int v = 0;
    for (int b : set) v |= 1 << b;
    String s = String.format("%32s", Integer.toBinaryString(v)).replace(' ', '0');
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 32; i += 4) sb.append(i == 0 ? "" : ":").append(s, i, i + 4);
    return sb.toString();
  }

  static CpuId.Leaf leaf(int level, int eax, int ebx, int ecx, int edx) {
    return new CpuId.Leaf(level, eax, ebx, ecx, edx);
  }

  static int reg(int... set) {
    return CpuId.register(bits(set));
  }

  @Test
  void registers_are_read_msb_first_with_or_without_separators_and_dashes_as_zero() {
    assertThat(CpuId.register("0000:0000:0000:0000:0000:0000:0000:1101")).isEqualTo(0xD);
    assertThat(CpuId.register("00000000000000000000000000001101")).isEqualTo(0xD);
    assertThat(CpuId.register("1---:----:----:----:----:----:----:---1")).isEqualTo(0x80000001);
    assertThat(CpuId.register("0101")).isNull();
    assertThat(CpuId.register("0000:0000:0000:0000:0000:0000:0000:11x2")).isNull();
    assertThat(CpuId.register(null)).isNull();
  }

  @Test
  void leaf_1_ecx_bit_25_is_aes_and_bit_28_is_avx() {
    assertThat(CpuId.features(List.of(leaf(1, 0, 0, reg(25), 0)))).containsExactly("aes");
    assertThat(CpuId.features(List.of(leaf(1, 0, 0, reg(28), 0)))).containsExactly("avx");
    assertThat(CpuId.features(List.of(leaf(1, 0, 0, reg(0, 9, 19, 20, 23), 0))))
        .containsExactlyInAnyOrder("pni", "ssse3", "sse4_1", "sse4_2", "popcnt");
  }

  @Test
  void leaf_1_edx_gives_the_base_flags() {
    assertThat(CpuId.features(List.of(leaf(1, 0, 0, 0, reg(0, 25, 26))))).containsExactlyInAnyOrder("fpu", "sse", "sse2");
  }

  @Test
  void leaf_7_ebx_bit_5_is_avx2_and_bit_16_is_avx512f() {
    assertThat(CpuId.features(List.of(leaf(7, 0, reg(5), 0, 0)))).containsExactly("avx2");
    assertThat(CpuId.features(List.of(leaf(7, 0, reg(16, 3, 8), 0, 0)))).containsExactlyInAnyOrder("avx512f", "bmi1", "bmi2");
    assertThat(CpuId.features(List.of(leaf(7, 0, 0, reg(11, 8), 0)))).containsExactlyInAnyOrder("avx512_vnni", "gfni");
    assertThat(CpuId.features(List.of(leaf(7, 0, 0, 0, reg(4, 24))))).containsExactlyInAnyOrder("fsrm", "amx_tile");
  }

  @Test
  void leaf_80000001_edx_bit_20_is_nx_and_bit_29_is_lm() {
    assertThat(CpuId.features(List.of(leaf(0x80000001, 0, 0, 0, reg(20))))).containsExactly("nx");
    assertThat(CpuId.features(List.of(leaf(0x80000001, 0, 0, 0, reg(29))))).containsExactly("lm");
    assertThat(CpuId.features(List.of(leaf(0x80000001, 0, 0, reg(0, 5, 11), 0)))).containsExactlyInAnyOrder("lahf_lm", "abm", "xop");
  }

  @Test
  void the_same_bit_means_different_flags_in_different_leaves() {
    // Bit 20: sse4_2 in leaf 1 ECX, nx in 8000_0001 EDX, smap in leaf 7 EBX.
    assertThat(CpuId.features(List.of(
        leaf(1, 0, 0, reg(20), 0), leaf(0x80000001, 0, 0, 0, reg(20)), leaf(7, 0, reg(20), 0, 0))))
        .containsExactlyInAnyOrder("sse4_2", "nx", "smap");
    assertThat(CpuId.features(List.of(leaf(0xB, -1, -1, -1, -1)))).isEmpty();
  }

  @Test
  void osxsave_reflects_the_os_and_is_not_a_cpu_feature() {
    assertThat(CpuId.features(List.of(leaf(1, 0, 0, reg(27), 0)))).isEmpty();
  }

  @Test
  void vendor_family_and_model_come_from_leaves_0_and_1() {
    // The vcsim sample: "GenuineIntel", leaf 1 EAX 0x000206D7 = family 6, model 0x2D (Sandy Bridge-EP).
    CpuId.Leaf leaf0 = leaf(0, 0xD, CpuId.register("0111:0101:0110:1110:0110:0101:0100:0111"),
        CpuId.register("0110:1100:0110:0101:0111:0100:0110:1110"), CpuId.register("0100:1001:0110:0101:0110:1110:0110:1001"));
    assertThat(CpuId.vendor(leaf0)).isEqualTo("intel");
    assertThat(CpuId.family(0x000206D7)).isEqualTo(6);
    assertThat(CpuId.model(0x000206D7)).isEqualTo(45);
    // AMD EPYC 7002 (Rome): family 0Fh + extended 08h = 17h (23), model 31h (49).
    assertThat(CpuId.family(0x00830F10)).isEqualTo(23);
    assertThat(CpuId.model(0x00830F10)).isEqualTo(49);
  }

  @Test
  void every_table_names_a_flag_once_per_register_and_stays_within_32_bits() {
    for (var table : List.of(CpuId.LEAF1_EDX, CpuId.LEAF1_ECX, CpuId.LEAF7_EBX, CpuId.LEAF7_ECX, CpuId.LEAF7_EDX,
        CpuId.EXT1_EDX, CpuId.EXT1_ECX, CpuId.EXT8_EBX)) {
      assertThat(table.keySet()).allMatch(b -> b >= 0 && b < 32);
      assertThat(Set.copyOf(table.values())).hasSameSizeAs(table.values());
    }
  }
}

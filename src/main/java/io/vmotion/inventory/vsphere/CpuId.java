package io.vmotion.inventory.vsphere;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decodes CPUID registers, as vSphere's HostCpuIdInfo writes them, into Linux /proc/cpuinfo flag
 * names (the names inventory v1 and rules/data/evc-baselines.json use).
 *
 * <p>A register is 32 characters '0', '1' or '-', most significant bit first, optionally grouped by
 * ':' in fours ("0000:0000:...:1101", as govmomi and vcsim write it). '-' means "not reported / not
 * masked" and is read as 0.
 *
 * <p>Bit positions are those of the Intel SDM Vol. 2A, CPUID instruction, tables 3-8 to 3-10
 * (leaf 01H ECX/EDX, leaf 07H sub-leaf 0), the AMD APM Vol. 3 appendix E (leaf 8000_0001H,
 * 8000_0008H EBX), under the names Linux gives them in arch/x86/include/asm/cpufeatures.h (words 0,
 * 1, 4, 6, 9, 13, 16 and 18). Only flags a guest can see are listed: bits Linux hides from
 * /proc/cpuinfo (osxsave, hypervisor-internal and speculation-control bits) are left out, and leaf
 * 0DH sub-leaf 1 (xsaveopt, xsavec, xsaves) is not in HostCpuIdInfo's per-leaf form, so it cannot
 * be decoded here.
 */
public final class CpuId {

  private CpuId() {}

  public static final int LEAF_1 = 0x1;
  public static final int LEAF_7 = 0x7;
  public static final int LEAF_EXT_1 = 0x80000001;
  public static final int LEAF_EXT_8 = 0x80000008;

  /** Leaf 01H EDX (cpufeatures.h word 0). */
  static final Map<Integer, String> LEAF1_EDX = Map.ofEntries(
      Map.entry(0, "fpu"), Map.entry(1, "vme"), Map.entry(2, "de"), Map.entry(3, "pse"), Map.entry(4, "tsc"),
      Map.entry(5, "msr"), Map.entry(6, "pae"), Map.entry(7, "mce"), Map.entry(8, "cx8"), Map.entry(9, "apic"),
      Map.entry(11, "sep"), Map.entry(12, "mtrr"), Map.entry(13, "pge"), Map.entry(14, "mca"), Map.entry(15, "cmov"),
      Map.entry(16, "pat"), Map.entry(17, "pse36"), Map.entry(18, "pn"), Map.entry(19, "clflush"), Map.entry(21, "dts"),
      Map.entry(22, "acpi"), Map.entry(23, "mmx"), Map.entry(24, "fxsr"), Map.entry(25, "sse"), Map.entry(26, "sse2"),
      Map.entry(27, "ss"), Map.entry(28, "ht"), Map.entry(29, "tm"), Map.entry(30, "ia64"), Map.entry(31, "pbe"));

  /** Leaf 01H ECX (word 4). Bit 27 OSXSAVE reflects the OS, not the CPU, and is not a feature. */
  static final Map<Integer, String> LEAF1_ECX = Map.ofEntries(
      Map.entry(0, "pni"), Map.entry(1, "pclmulqdq"), Map.entry(2, "dtes64"), Map.entry(3, "monitor"),
      Map.entry(4, "ds_cpl"), Map.entry(5, "vmx"), Map.entry(6, "smx"), Map.entry(7, "est"), Map.entry(8, "tm2"),
      Map.entry(9, "ssse3"), Map.entry(10, "cid"), Map.entry(11, "sdbg"), Map.entry(12, "fma"), Map.entry(13, "cx16"),
      Map.entry(14, "xtpr"), Map.entry(15, "pdcm"), Map.entry(17, "pcid"), Map.entry(18, "dca"),
      Map.entry(19, "sse4_1"), Map.entry(20, "sse4_2"), Map.entry(21, "x2apic"), Map.entry(22, "movbe"),
      Map.entry(23, "popcnt"), Map.entry(24, "tsc_deadline_timer"), Map.entry(25, "aes"), Map.entry(26, "xsave"),
      Map.entry(28, "avx"), Map.entry(29, "f16c"), Map.entry(30, "rdrand"), Map.entry(31, "hypervisor"));

  /** Leaf 07H sub-leaf 0 EBX (word 9). */
  static final Map<Integer, String> LEAF7_EBX = Map.ofEntries(
      Map.entry(0, "fsgsbase"), Map.entry(1, "tsc_adjust"), Map.entry(2, "sgx"), Map.entry(3, "bmi1"),
      Map.entry(4, "hle"), Map.entry(5, "avx2"), Map.entry(7, "smep"), Map.entry(8, "bmi2"), Map.entry(9, "erms"),
      Map.entry(10, "invpcid"), Map.entry(11, "rtm"), Map.entry(12, "cqm"), Map.entry(14, "mpx"), Map.entry(15, "rdt_a"),
      Map.entry(16, "avx512f"), Map.entry(17, "avx512dq"), Map.entry(18, "rdseed"), Map.entry(19, "adx"),
      Map.entry(20, "smap"), Map.entry(21, "avx512ifma"), Map.entry(23, "clflushopt"), Map.entry(24, "clwb"),
      Map.entry(25, "intel_pt"), Map.entry(26, "avx512pf"), Map.entry(27, "avx512er"), Map.entry(28, "avx512cd"),
      Map.entry(29, "sha_ni"), Map.entry(30, "avx512bw"), Map.entry(31, "avx512vl"));

  /** Leaf 07H sub-leaf 0 ECX (word 16). Bit 4 OSPKE reflects the OS and is left out. */
  static final Map<Integer, String> LEAF7_ECX = Map.ofEntries(
      Map.entry(1, "avx512vbmi"), Map.entry(2, "umip"), Map.entry(3, "pku"), Map.entry(5, "waitpkg"),
      Map.entry(6, "avx512_vbmi2"), Map.entry(7, "shstk"), Map.entry(8, "gfni"), Map.entry(9, "vaes"),
      Map.entry(10, "vpclmulqdq"), Map.entry(11, "avx512_vnni"), Map.entry(12, "avx512_bitalg"), Map.entry(13, "tme"),
      Map.entry(14, "avx512_vpopcntdq"), Map.entry(16, "la57"), Map.entry(22, "rdpid"), Map.entry(24, "bus_lock_detect"),
      Map.entry(25, "cldemote"), Map.entry(27, "movdiri"), Map.entry(28, "movdir64b"), Map.entry(29, "enqcmd"),
      Map.entry(30, "sgx_lc"));

  /** Leaf 07H sub-leaf 0 EDX (word 18), instruction-set bits only. */
  static final Map<Integer, String> LEAF7_EDX = Map.ofEntries(
      Map.entry(2, "avx512_4vnniw"), Map.entry(3, "avx512_4fmaps"), Map.entry(4, "fsrm"),
      Map.entry(8, "avx512_vp2intersect"), Map.entry(10, "md_clear"), Map.entry(14, "serialize"),
      Map.entry(16, "tsxldtrk"), Map.entry(18, "pconfig"), Map.entry(19, "arch_lbr"), Map.entry(20, "ibt"),
      Map.entry(22, "amx_bf16"), Map.entry(23, "avx512_fp16"), Map.entry(24, "amx_tile"), Map.entry(25, "amx_int8"));

  /** Leaf 8000_0001H EDX (word 1): the bits that do not repeat leaf 01H EDX. */
  static final Map<Integer, String> EXT1_EDX = Map.ofEntries(
      Map.entry(11, "syscall"), Map.entry(19, "mp"), Map.entry(20, "nx"), Map.entry(22, "mmxext"),
      Map.entry(25, "fxsr_opt"), Map.entry(26, "pdpe1gb"), Map.entry(27, "rdtscp"), Map.entry(29, "lm"),
      Map.entry(30, "3dnowext"), Map.entry(31, "3dnow"));

  /** Leaf 8000_0001H ECX (word 6). */
  static final Map<Integer, String> EXT1_ECX = Map.ofEntries(
      Map.entry(0, "lahf_lm"), Map.entry(1, "cmp_legacy"), Map.entry(2, "svm"), Map.entry(3, "extapic"),
      Map.entry(4, "cr8_legacy"), Map.entry(5, "abm"), Map.entry(6, "sse4a"), Map.entry(7, "misalignsse"),
      Map.entry(8, "3dnowprefetch"), Map.entry(9, "osvw"), Map.entry(10, "ibs"), Map.entry(11, "xop"),
      Map.entry(12, "skinit"), Map.entry(13, "wdt"), Map.entry(15, "lwp"), Map.entry(16, "fma4"), Map.entry(17, "tce"),
      Map.entry(19, "nodeid_msr"), Map.entry(21, "tbm"), Map.entry(22, "topoext"), Map.entry(23, "perfctr_core"),
      Map.entry(24, "perfctr_nb"), Map.entry(26, "bpext"), Map.entry(27, "ptsc"), Map.entry(28, "perfctr_llc"),
      Map.entry(29, "mwaitx"));

  /** Leaf 8000_0008H EBX (word 13), instruction bits only. */
  static final Map<Integer, String> EXT8_EBX = Map.ofEntries(
      Map.entry(0, "clzero"), Map.entry(1, "irperf"), Map.entry(2, "xsaveerptr"), Map.entry(4, "rdpru"),
      Map.entry(9, "wbnoinvd"));

  /** One leaf's registers as 32-bit values. */
  public record Leaf(int level, int eax, int ebx, int ecx, int edx) {}

  /**
   * Parses a HostCpuIdInfo register string. Returns null for null or malformed text, so one bad
   * register does not lose the others.
   */
  public static Integer register(String text) {
    if (text == null) return null;
    String bits = text.replace(":", "").trim();
    if (bits.length() != 32) return null;
    int value = 0;
    for (int i = 0; i < 32; i++) {
      char c = bits.charAt(i);
      if (c != '0' && c != '1' && c != '-' && c != 'x' && c != 'X') return null;
      value = (value << 1) | (c == '1' ? 1 : 0);
    }
    return value;
  }

  /** The flags set in the given leaves; leaves absent from the list contribute nothing. */
  public static Set<String> features(Iterable<Leaf> leaves) {
    Set<String> out = new TreeSet<>();
    for (Leaf l : leaves) {
      switch (l.level()) {
        case LEAF_1 -> {
          add(out, l.edx(), LEAF1_EDX);
          add(out, l.ecx(), LEAF1_ECX);
        }
        case LEAF_7 -> {
          add(out, l.ebx(), LEAF7_EBX);
          add(out, l.ecx(), LEAF7_ECX);
          add(out, l.edx(), LEAF7_EDX);
        }
        case LEAF_EXT_1 -> {
          add(out, l.edx(), EXT1_EDX);
          add(out, l.ecx(), EXT1_ECX);
        }
        case LEAF_EXT_8 -> add(out, l.ebx(), EXT8_EBX);
        default -> { }
      }
    }
    return out;
  }

  private static void add(Set<String> out, int register, Map<Integer, String> table) {
    for (Map.Entry<Integer, String> e : table.entrySet()) {
      if ((register >>> e.getKey() & 1) == 1) out.add(e.getValue());
    }
  }

  /** Leaf 0: "GenuineIntel" / "AuthenticAMD" from EBX, EDX, ECX → "intel" / "amd", else null. */
  public static String vendor(Leaf leaf0) {
    StringBuilder sb = new StringBuilder();
    for (int r : new int[] {leaf0.ebx(), leaf0.edx(), leaf0.ecx()}) {
      for (int i = 0; i < 4; i++) sb.append((char) (r >>> (8 * i) & 0xFF));
    }
    return switch (sb.toString()) {
      case "GenuineIntel" -> "intel";
      case "AuthenticAMD", "HygonGenuine" -> "amd";
      default -> null;
    };
  }

  /** Display family from leaf 1 EAX (SDM: family + extended family when family is 0FH). */
  public static int family(int eax) {
    int family = eax >>> 8 & 0xF;
    return family == 0xF ? family + (eax >>> 20 & 0xFF) : family;
  }

  /** Display model from leaf 1 EAX (extended model counts for families 06H and 0FH). */
  public static int model(int eax) {
    int family = eax >>> 8 & 0xF;
    int model = eax >>> 4 & 0xF;
    return family == 0x6 || family == 0xF ? model + ((eax >>> 16 & 0xF) << 4) : model;
  }
}

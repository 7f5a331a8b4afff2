package io.vmotion.inventory.vsphere;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * vSphere's names for CPU features, as VirtualMachineRuntimeInfo.featureRequirement and
 * HostConfigInfo.featureCapability key them ("cpuid.sse3", "cpuid.AES", "cpuid.Intel": ESXi 5/6
 * write upper case, 7 and later lower case), mapped to the Linux /proc/cpuinfo flag names that
 * inventory v1 and {@link CpuId} use.
 *
 * <p>Keys whose lower-cased name after "cpuid." is already the Linux name (aes, avx2, bmi1, ...)
 * are listed in {@link #SAME}; {@link #RENAMED} lists those vSphere spells otherwise, and
 * {@link #NOT_FLAGS} and {@link #NOT_FLAG_PREFIXES} those that are known but are no instruction-set
 * flag (family and model numbers, XSAVE state components, SVM details). "cpuid.intel" and
 * "cpuid.amd" name the vendor. Names from VMware's CPUID feature list (vSphere 8.0 U1) and the
 * featureRequirement lists of ESXi 5 to 8; Linux names from arch/x86/include/asm/cpufeatures.h.
 * Some flags map but no EVC baseline lists them (pcid, ss, ibrs, md_clear, ...): the importer drops
 * those, as it does from hosts' CPUID.
 */
public final class FeatureNames {

  private FeatureNames() {}

  /** vSphere name (lower case, without "cpuid.") → Linux flag, where the two differ. */
  static final Map<String, String> RENAMED = Map.ofEntries(
      Map.entry("sse3", "pni"), Map.entry("sse41", "sse4_1"), Map.entry("sse42", "sse4_2"),
      Map.entry("cmpxchg16b", "cx16"), Map.entry("lahf64", "lahf_lm"), Map.entry("3dnprefetch", "3dnowprefetch"),
      Map.entry("3dnowplus", "3dnowext"), Map.entry("ffxsr", "fxsr_opt"), Map.entry("misaligned_sse", "misalignsse"),
      Map.entry("enfstrg", "erms"), Map.entry("fast_short_repmov", "fsrm"), Map.entry("sha", "sha_ni"),
      Map.entry("xgetbv_ecx1", "xgetbv1"), Map.entry("psn", "pn"), Map.entry("ds", "dts"), Map.entry("mwait", "monitor"),
      Map.entry("cr8avail", "cr8_legacy"), Map.entry("extapicspc", "extapic"), Map.entry("mdclear", "md_clear"),
      Map.entry("fcmd", "flush_l1d"), Map.entry("cet_ss", "shstk"),
      Map.entry("avx512vnni", "avx512_vnni"), Map.entry("avx512vbmi2", "avx512_vbmi2"), Map.entry("avx512bitalg", "avx512_bitalg"),
      Map.entry("avx512vpopcntdq", "avx512_vpopcntdq"), Map.entry("avx512bf16", "avx512_bf16"), Map.entry("avx512fp16", "avx512_fp16"),
      Map.entry("avx512vp2intersect", "avx512_vp2intersect"));

  /** Linux flags vSphere spells the same way (lower case), so that an unknown key can be told apart. */
  static final Set<String> SAME = Set.of(
      "3dnow", "abm", "adx", "aes", "amx_bf16", "amx_int8", "amx_tile", "avx", "avx2", "avx_vnni", "avx512bw", "avx512cd",
      "avx512dq", "avx512er", "avx512f", "avx512ifma", "avx512pf", "avx512vbmi", "avx512vl", "bmi1", "bmi2", "cldemote",
      "clflushopt", "clwb", "clzero", "f16c", "fma", "fma4", "fsgsbase", "gfni", "hle", "ibpb", "ibrs", "invpcid", "lm",
      "mmxext", "movbe", "movdir64b", "movdiri", "mpx", "nx", "pcid", "pclmulqdq", "pdpe1gb", "pku", "popcnt", "rdpid",
      "rdrand", "rdseed", "rdtscp", "rtm", "serialize", "smap", "smep", "ss", "ssbd", "sse4a", "ssse3", "stibp", "svm",
      "tbm", "tsxldtrk", "umip", "vaes", "vmx", "vpclmulqdq", "waitpkg", "wbnoinvd", "xop", "xsave", "xsavec", "xsaveopt",
      "xsaves");

  /** Known vSphere keys that are no instruction-set flag: read for the vendor, or ignored. */
  private static final Set<String> NOT_FLAGS = Set.of(
      "via", "cyrix", "family", "model", "stepping", "numlevels", "num_ext_levels",
      "always_serializing_lfence", "amd_fast_short_cmpsb", "amd_fast_short_stosb", "automatic_ibrs",
      "fast_short_cmpsb_scasb", "fast_short_stosb", "fast_zero_movsb", "fp_segment_zero", "pks", "pqe", "pqe_l3",
      "prefetchwt1", "psfd", "upper_address_ignore", "xfd");

  /** Prefixes of known keys that are no instruction-set flag (XSAVE state components, SVM details, ...). */
  private static final java.util.List<String> NOT_FLAG_PREFIXES =
      java.util.List.of("xcr0_master_", "xss_master_", "xsave_", "xsaves_", "svm_", "leaf88_");

  /** What a featureRequirement/featureCapability key is. */
  public enum Kind { FLAG, VENDOR, IGNORED, UNKNOWN }

  /**
   * What one key means: a CPU flag ({@code value} its Linux name), the CPU vendor ({@code value}
   * "intel" or "amd"), a known key that says nothing inventory v1 holds, or a key this table does not know.
   */
  public record Meaning(Kind kind, String value) {
    static final Meaning IGNORED = new Meaning(Kind.IGNORED, null);
    static final Meaning UNKNOWN = new Meaning(Kind.UNKNOWN, null);

    static Meaning flag(String linux) {
      return new Meaning(Kind.FLAG, linux);
    }
  }

  /** What the key ("cpuid.AES", "cpuid.intel", "hv.capable") means. */
  public static Meaning meaning(String key) {
    if (key == null) return Meaning.UNKNOWN;
    String k = key.trim().toLowerCase(Locale.ROOT);
    if (!k.startsWith("cpuid.")) return Meaning.UNKNOWN;
    String name = k.substring("cpuid.".length());
    if (name.equals("intel")) return new Meaning(Kind.VENDOR, "intel");
    if (name.equals("amd") || name.equals("hygon")) return new Meaning(Kind.VENDOR, "amd");
    String renamed = RENAMED.get(name);
    if (renamed != null) return Meaning.flag(renamed);
    if (SAME.contains(name)) return Meaning.flag(name);
    if (NOT_FLAGS.contains(name)) return Meaning.IGNORED;
    for (String p : NOT_FLAG_PREFIXES) {
      if (name.startsWith(p)) return Meaning.IGNORED;
    }
    return Meaning.UNKNOWN;
  }

  /**
   * Whether a featureRequirement value asks for the feature: "Bool:Min:1" or "Num:Min:N" with N at
   * least 1 (or "Eq"); "Bool:Min:0", a maximum or a malformed value does not. A missing value counts
   * as asking, since the key is only listed for a requirement.
   */
  public static boolean required(String value) {
    if (value == null || value.isBlank()) return true;
    String[] parts = value.trim().split(":");
    if (parts.length != 3) return false;
    String op = parts[1].toLowerCase(Locale.ROOT);
    if (!op.equals("min") && !op.equals("eq")) return false;
    return atLeastOne(parts[2]);
  }

  /** Whether a featureCapability value ("1", "0", "0x1f") says the host has the feature. */
  public static boolean capable(String value) {
    if (value == null) return false;
    String v = value.trim();
    int colon = v.lastIndexOf(':');
    if (colon >= 0) v = v.substring(colon + 1);
    return atLeastOne(v);
  }

  private static boolean atLeastOne(String number) {
    String n = number.trim().toLowerCase(Locale.ROOT);
    try {
      long value = n.startsWith("0x") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n);
      return value >= 1;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}

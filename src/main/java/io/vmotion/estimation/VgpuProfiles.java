package io.vmotion.estimation;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame buffer of an NVIDIA vGPU profile from its name: the number before the series letter in
 * the last part, in GiB ("grid_a100-8c" is 8 GiB, "grid_p40-24q" 24 GiB, the MIG-backed
 * "grid_a100-3-20c" 20 GiB).
 */
public final class VgpuProfiles {

  private static final Pattern LAST_PART = Pattern.compile("(\\d{1,4})[a-z]{1,2}");

  private VgpuProfiles() {}

  /** The frame buffer in MiB, or empty when the name does not say. */
  public static OptionalLong frameBufferMb(String profile) {
    if (profile == null) return OptionalLong.empty();
    String p = profile.trim().toLowerCase(Locale.ROOT);
    int dash = p.lastIndexOf('-');
    if (dash < 0) return OptionalLong.empty();
    Matcher m = LAST_PART.matcher(p.substring(dash + 1));
    if (!m.matches()) return OptionalLong.empty();
    long gib = Long.parseLong(m.group(1));
    return gib == 0 ? OptionalLong.empty() : OptionalLong.of(gib * 1024);
  }
}

package io.vmotion.inventory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An ESXi release as major.minor.update: "7.0.3" is 7.0 Update 3. Builds and patch letters are not
 * modelled because no vMotion prerequisite depends on them.
 */
public record EsxiVersion(int major, int minor, int update) implements Comparable<EsxiVersion> {

  private static final Pattern FORM = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{1,2}))?");

  public static EsxiVersion parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not an ESXi version; write major.minor.update, e.g. \"8.0.2\" for 8.0 Update 2");
    }
    int update = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return new EsxiVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), update);
  }

  public boolean atLeast(EsxiVersion other) {
    return compareTo(other) >= 0;
  }

  @Override
  public int compareTo(EsxiVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) c = Integer.compare(minor, o.minor);
    if (c == 0) c = Integer.compare(update, o.update);
    return c;
  }

  /** How VMware writes it: "7.0 U3", "8.0". */
  public String display() {
    return major + "." + minor + (update == 0 ? "" : " U" + update);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + update;
  }
}

package io.vmotion.inventory.rvtools;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RVTools writes a VM's guest OS as vCenter's full name ("Microsoft Windows Server 2019 (64-bit)"),
 * not its guest id ("windows2019srv_64Guest"), which the rules need. This maps the common full
 * names to ids, keeping only ids the rule data (rules/data/guest-os.json) knows.
 */
final class GuestNames {

  private record Rule(Pattern pattern, Function<Matcher, String> id) {}

  // vCenter's full names, from the vSphere API's GuestOsDescriptor.fullName as shown by vCenter.
  private static final List<Rule> RULES = List.of(
      rule("windows server 2025", m -> "windows2022srvNext_64Guest"),
      rule("windows server 2022", m -> "windows2019srvNext_64Guest"),
      rule("windows server 2019", m -> "windows2019srv_64Guest"),
      rule("windows server 2016", m -> "windows9Server64Guest"),
      rule("windows server 2012", m -> "windows8Server64Guest"),
      rule("windows server 2008 r2", m -> "windows7Server64Guest"),
      rule("windows 11", m -> "windows11_64Guest"),
      rule("windows 10 \\(64", m -> "windows9_64Guest"),
      rule("red hat enterprise linux (\\d+) \\(64", m -> "rhel" + m.group(1) + "_64Guest"),
      rule("centos (\\d+) \\(64", m -> "centos" + m.group(1) + "_64Guest"),
      rule("centos .*\\(64", m -> "centos64Guest"),
      rule("oracle linux (\\d+) \\(64", m -> "oracleLinux" + m.group(1) + "_64Guest"),
      rule("oracle linux .*\\(64", m -> "oracleLinux64Guest"),
      rule("rocky linux", m -> "rockylinux_64Guest"),
      rule("almalinux", m -> "almalinux_64Guest"),
      rule("suse linux enterprise (\\d+) \\(64", m -> "sles" + m.group(1) + "_64Guest"),
      rule("debian gnu/linux (\\d+) \\(64", m -> "debian" + m.group(1) + "_64Guest"),
      rule("ubuntu linux \\(64", m -> "ubuntu64Guest"),
      rule("photon os", m -> "vmwarePhoton64Guest"),
      rule("freebsd (\\d+) .*\\(64", m -> "freebsd" + m.group(1) + "_64Guest"),
      rule("other (\\d)\\.x or later linux \\(64", m -> "other" + m.group(1) + "xLinux64Guest"),
      rule("other linux \\(64", m -> "otherLinux64Guest"),
      rule("other \\(64", m -> "otherGuest64"),
      rule("^other \\(32|^other$", m -> "otherGuest"));

  private final Map<String, String> byLabel = new HashMap<>();
  private final Map<String, String> ids = new HashMap<>();

  /** @param labels the rule data's guest ids and labels */
  GuestNames(Map<String, String> labels) {
    labels.forEach((id, label) -> {
      ids.put(id.toLowerCase(Locale.ROOT), id);
      byLabel.putIfAbsent(squeeze(label), id);
    });
  }

  private static Rule rule(String regex, Function<Matcher, String> id) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), id);
  }

  /** The guest id for a full name or an id; empty when neither the table nor the data knows it. */
  Optional<String> id(String text) {
    if (text == null || text.isBlank()) return Optional.empty();
    String t = text.trim();
    String asId = ids.get(t.toLowerCase(Locale.ROOT));
    if (asId != null) return Optional.of(asId);
    String byName = byLabel.get(squeeze(t.replaceFirst("(?i)^microsoft ", "")));
    if (byName != null) return Optional.of(byName);
    for (Rule r : RULES) {
      Matcher m = r.pattern.matcher(t);
      if (m.find()) {
        String id = ids.get(r.id.apply(m).toLowerCase(Locale.ROOT));
        if (id != null) return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** "Red Hat Enterprise Linux 8 (64-bit)" and "Red Hat Enterprise Linux 8 (64 bit)" compare equal. */
  private static String squeeze(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}

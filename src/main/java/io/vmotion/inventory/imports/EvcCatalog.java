package io.vmotion.inventory.imports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EVC baselines the rule data knows (rules/data/evc-baselines.json), in the order of that file:
 * a key's full feature set and vendor. Given to the importers by the caller, so that reading an
 * inventory does not depend on the rules package.
 */
public record EvcCatalog(Map<String, Set<String>> features, Map<String, String> vendors) {

  public EvcCatalog {
    features = new LinkedHashMap<>(features);
    vendors = new LinkedHashMap<>(vendors);
  }

  public boolean knows(String key) {
    return key != null && features.containsKey(key);
  }

  /** The keys of one vendor, oldest first. */
  public List<String> keys(String vendor) {
    return vendors.entrySet().stream().filter(e -> e.getValue().equals(vendor)).map(Map.Entry::getKey).toList();
  }

  /**
   * vCenter and RVTools write EVC keys as "intel-broadwell"; some exports use labels such as
   * "Intel® \"Broadwell\" Generation" or upper case. Returns the known key, or null.
   */
  public String normalize(String text) {
    if (text == null) return null;
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    if (t.isEmpty() || t.equals("n/a") || t.equals("disabled") || t.equals("none")) return null;
    if (features.containsKey(t)) return t;
    String squeezed = t.replaceAll("[^a-z0-9]", "");
    for (String key : features.keySet()) {
      if (key.replace("-", "").equals(squeezed)) return key;
    }
    // Labels: "Intel \"Broadwell\" Generation", "AMD Opteron \"Zen 2\" Generation".
    String vendor = t.contains("amd") ? "amd" : t.contains("intel") ? "intel" : null;
    if (vendor != null) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(t);
      if (m.find()) {
        String gen = m.group(1).replaceAll("[^a-z0-9]", "");
        for (String key : keys(vendor)) {
          if (key.substring(vendor.length() + 1).replace("-", "").equals(gen)) return key;
        }
      }
    }
    return null;
  }
}

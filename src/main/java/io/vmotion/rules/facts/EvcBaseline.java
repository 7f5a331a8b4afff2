package io.vmotion.rules.facts;

import java.util.Set;

/** An EVC mode and the full CPU feature set it exposes (its own additions and all older ones). */
public record EvcBaseline(String key, String vendor, String label, String minEsxi, Set<String> features) {
  public String getKey() { return key; }
  public String getVendor() { return vendor; }
  public String getLabel() { return label; }
  public String getMinEsxi() { return minEsxi; }
  public Set<String> getFeatures() { return features; }
}

package io.vmotion.rules.facts;

import io.vmotion.inventory.EsxiVersion;
import java.util.Set;

/** An EVC mode and the full CPU feature set it exposes (its own additions and all older ones). */
public record EvcBaseline(String key, String vendor, String label, String minEsxi, Set<String> features) {
  public String getKey() { return key; }
  public String getVendor() { return vendor; }
  public String getLabel() { return label; }
  public String getMinEsxi() { return minEsxi; }
  public Set<String> getFeatures() { return features; }

  /**
   * The first ESXi release offering the mode as {@link HostFact#getVersionKey()} numbers it, so
   * that DRL can compare it with a target's release; 0 when the data gives none.
   */
  public int getMinEsxiKey() {
    if (minEsxi == null) return 0;
    try {
      return HostFact.versionKey(EsxiVersion.parse(minEsxi));
    } catch (IllegalArgumentException e) {
      return 0;
    }
  }
}

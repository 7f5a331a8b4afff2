package io.vmotion.rules.facts;

/**
 * A virtual hardware version (vmx-N), the first ESXi release that runs it and, for the oldest
 * ones, the last ({@code maxEsxiKey} 0 when no release has dropped it).
 */
public record HardwareVersion(int version, String minEsxi, int minEsxiKey, String maxEsxi, int maxEsxiKey) {
  public int getVersion() { return version; }
  public String getMinEsxi() { return minEsxi; }
  public int getMinEsxiKey() { return minEsxiKey; }
  public String getMaxEsxi() { return maxEsxi; }
  public int getMaxEsxiKey() { return maxEsxiKey; }
}

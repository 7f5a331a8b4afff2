package io.vmotion.rules.facts;

/**
 * A guest OS identifier and the ESXi releases that support it; {@code maxEsxiKey} is 0 when no
 * release has dropped it.
 */
public record GuestOs(String guestId, String label, String minEsxi, int minEsxiKey, String maxEsxi, int maxEsxiKey) {
  public String getGuestId() { return guestId; }
  public String getLabel() { return label; }
  public String getMinEsxi() { return minEsxi; }
  public int getMinEsxiKey() { return minEsxiKey; }
  public String getMaxEsxi() { return maxEsxi; }
  public int getMaxEsxiKey() { return maxEsxiKey; }
}

package io.vmotion.rules.facts;

/** A vSphere license edition and whether it includes vMotion. */
public record Edition(String key, String label, boolean vmotion) {
  public String getKey() { return key; }
  public String getLabel() { return label; }
  public boolean isVmotion() { return vmotion; }
}

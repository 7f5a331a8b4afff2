package io.vmotion.rules.facts;

import java.util.Set;

/**
 * The CPU features that come with a microcode (BIOS/firmware) update rather than with a CPU
 * generation: Spectre-era speculation controls such as {@code ibrs} or {@code md_clear}. No EVC
 * baseline holds them. One such fact is always in the session (empty when the data lists none),
 * so rules can bind it unconditionally.
 */
public record SpeculationControl(Set<String> features) {
  public Set<String> getFeatures() { return features; }
}

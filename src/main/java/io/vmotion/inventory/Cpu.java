package io.vmotion.inventory;

import java.util.Set;

/**
 * A host's processor. {@code features} are Linux /proc/cpuinfo flag names; {@code biosDisabled} are
 * features the silicon has but firmware turns off, which vMotion treats as absent.
 */
public record Cpu(
    String vendor,
    int family,
    int model,
    int cores,
    int threads,
    int mhz,
    Set<String> features,
    Set<String> biosDisabled) {

  public Cpu {
    features = Set.copyOf(features);
    biosDisabled = Set.copyOf(biosDisabled);
  }
}

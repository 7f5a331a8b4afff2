package io.vmotion.protocol;

import java.util.EnumSet;
import java.util.Set;

/** What to verify: the bounds, the faults that may strike, and which protocol variant. */
public record MigrationConfig(Bounds bounds, Set<Fault> faults, Variant variant) {
  public MigrationConfig {
    faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
  }

  public static MigrationConfig defaults() {
    return new MigrationConfig(Bounds.DEFAULT, EnumSet.allOf(Fault.class), Variant.CORRECT);
  }

  public boolean has(Fault fault) {
    return faults.contains(fault);
  }

  public boolean is(Variant candidate) {
    return variant == candidate;
  }
}

package io.vmotion.protocol;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** What to verify: the bounds, the faults that may strike, which protocol variant, and which reductions are on. */
public record MigrationConfig(Bounds bounds, Set<Fault> faults, Variant variant, Set<Reduction> reductions) {
  public MigrationConfig {
    faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
    reductions = reductions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(reductions));
  }

  /** With every reduction on, as {@code vmotion verify} runs by default. */
  public MigrationConfig(Bounds bounds, Set<Fault> faults, Variant variant) {
    this(bounds, faults, variant, EnumSet.allOf(Reduction.class));
  }

  public static MigrationConfig defaults() {
    return new MigrationConfig(Bounds.DEFAULT, EnumSet.allOf(Fault.class), Variant.CORRECT);
  }

  public boolean has(Fault fault) {
    return faults.contains(fault);
  }

  public boolean reduces(Reduction reduction) {
    return reductions.contains(reduction);
  }

  public boolean is(Variant candidate) {
    return variant == candidate;
  }

  /** Renders the reductions in declaration order, "none" when empty. */
  public String describeReductions() {
    if (reductions.isEmpty()) {
      return "none";
    }
    return EnumSet.copyOf(reductions).stream().map(Reduction::cliName).collect(Collectors.joining(","));
  }
}

package io.vmotion.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * State-space reductions of the migration model. None changes a verdict: each merges or skips only
 * states that behave alike, and {@code ReductionSoundnessTest} compares verdicts with and without.
 */
public enum Reduction {
  DEAD_VARIABLES("dead-variables", "values that are never read again are reset to canonical ones"),
  STALE_ATTEMPTS("stale-attempts",
      "what the destination will certainly throw away (a message it will discard, the copy of an attempt"
          + " that can no longer commit) is thrown away at once"),
  VERSION_RANKS("version-ranks",
      "page versions and connection states are only ever compared for equality, so each is kept as its rank"
          + " among the values of the same page (or connection) still held somewhere");

  private final String cliName;
  private final String description;

  Reduction(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public static Optional<Reduction> byName(String name) {
    return Arrays.stream(values()).filter(r -> r.cliName.equals(name)).findFirst();
  }

  public static String acceptedNames() {
    return Arrays.stream(values()).map(Reduction::cliName).collect(Collectors.joining(", "));
  }
}

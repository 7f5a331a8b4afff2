package io.vmotion.rules;

/**
 * A VM's readiness to move, as migration assessment tools give it: {@code ready} has a target with
 * no finding; {@code ready-with-warnings} one with warnings but no error; {@code blocked} an error
 * on every candidate (or no candidate); {@code unknown} no target known to be free of errors while
 * some are undecided. A target with a "not checked" finding is never counted as compatible.
 */
public enum Readiness {
  READY("ready"),
  READY_WITH_WARNINGS("ready-with-warnings"),
  BLOCKED("blocked"),
  UNKNOWN("unknown");

  private final String json;

  Readiness(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }

  static Readiness of(int clean, int compatible, int undecided) {
    if (clean > 0) return READY;
    if (compatible > 0) return READY_WITH_WARNINGS;
    if (undecided > 0) return UNKNOWN;
    return BLOCKED;
  }
}

package io.vmotion.checker;

/** One numbered step of a counterexample: the action taken and the state it led to. */
public record TraceStep(int step, String action, String state) {
  /** The action label of the first step, which starts in an initial state. */
  public static final String INITIAL = "Initial state";
}

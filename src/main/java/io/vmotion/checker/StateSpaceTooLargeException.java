package io.vmotion.checker;

/** The visited set cannot hold more states: the bounds are too large for an exhaustive search. */
public final class StateSpaceTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StateSpaceTooLargeException(long states) {
    super("the state space outgrew the visited set after " + states + " states");
  }
}

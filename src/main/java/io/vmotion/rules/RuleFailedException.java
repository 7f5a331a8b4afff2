package io.vmotion.rules;

/**
 * A rule threw while it was evaluated: a bug in a rule, not in vmotion, reported as the rule's id
 * and place with the cause, never as a stack trace.
 */
public final class RuleFailedException extends RuntimeException {

  private final boolean endsTheRun;

  public RuleFailedException(String message, Throwable cause) {
    this(message, cause, false);
  }

  /** @param endsTheRun whether no result can follow it (a rule that never ended), as opposed to one failed evaluation */
  public RuleFailedException(String message, Throwable cause, boolean endsTheRun) {
    super(message, cause);
    this.endsTheRun = endsTheRun;
  }

  public boolean endsTheRun() {
    return endsTheRun;
  }
}

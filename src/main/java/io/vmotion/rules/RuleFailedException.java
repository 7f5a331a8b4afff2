package io.vmotion.rules;

/**
 * A rule threw while it was evaluated: a bug in a rule, not in vmotion, reported as the rule's id
 * and place with the cause, never as a stack trace.
 */
public final class RuleFailedException extends RuntimeException {
  public RuleFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}

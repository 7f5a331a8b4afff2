package io.vmotion.rules;

/** A rule that broke its contract while running (for example, it transformed a name it reports). */
public final class RuleEvaluationException extends RuntimeException {
  public RuleEvaluationException(String message) {
    super(message);
  }
}

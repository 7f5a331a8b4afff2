package io.vmotion.rules;

/**
 * What one rule said of a class of moves, with the move's names as tokens, so that every move of
 * the class can receive it under its own names.
 */
record Outcome(String rule, Severity severity, String message, String remediation) {

  static final String VM = "\u0001vm\u0001";
  static final String SOURCE = "\u0001source\u0001";
  static final String TARGET = "\u0001target\u0001";

  Finding finding(String vm, String source, String target, int step) {
    String text = message.replace(VM, vm).replace(SOURCE, source).replace(TARGET, target);
    if (text.indexOf('\u0001') >= 0) {
      throw new RuleEvaluationException("rule " + rule + " transforms a name in its message; declare the name in its"
          + " @reads (e.g. target.name) so that it sees the real one");
    }
    return new Finding(rule, severity, vm, source, target, step, text, remediation);
  }
}

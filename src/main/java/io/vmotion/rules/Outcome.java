package io.vmotion.rules;

import java.util.List;

/**
 * What one rule said of a class of moves, with the move's names as tokens, so that every move of
 * the class can receive it under its own names.
 */
record Outcome(String rule, Severity severity, String message, String remediation, List<UnknownFact> unknown, String[] parts, byte[] tokens) {

  static final String VM = "\u0001vm\u0001";
  static final String SOURCE = "\u0001source\u0001";
  static final String TARGET = "\u0001target\u0001";

  Outcome(String rule, Severity severity, String message, String remediation) {
    this(rule, severity, message, remediation, List.of(), null, null);
  }

  /** An info "not checked" outcome naming the unknown facts that would decide it. */
  static Outcome undecided(String rule, String message, String remediation, List<UnknownFact> unknown) {
    return new Outcome(rule, Severity.INFO, message, remediation, List.copyOf(unknown), null, null);
  }

  /** The same outcome with {@code suffix} appended to its message. */
  Outcome withSuffix(String suffix) {
    return new Outcome(rule, severity, message + suffix, remediation, unknown, null, null);
  }

  boolean undecided() {
    return !unknown.isEmpty();
  }

  /** Splits the message at its name tokens once, so that each move's message is one concatenation. */
  Outcome {
    if (parts == null) {
      java.util.List<String> p = new java.util.ArrayList<>();
      java.io.ByteArrayOutputStream t = new java.io.ByteArrayOutputStream();
      int from = 0;
      while (true) {
        int at = message.indexOf('\u0001', from);
        if (at < 0) break;
        int kind = message.startsWith(VM, at) ? 0 : message.startsWith(SOURCE, at) ? 1 : message.startsWith(TARGET, at) ? 2 : -1;
        if (kind < 0) {
          throw new RuleEvaluationException("rule " + rule + " transforms a name in its message; declare the name in its"
              + " @reads (e.g. target.name) so that it sees the real one");
        }
        p.add(message.substring(from, at));
        t.write(kind);
        from = at + (kind == 0 ? VM : kind == 1 ? SOURCE : TARGET).length();
      }
      p.add(message.substring(from));
      parts = p.toArray(new String[0]);
      tokens = t.toByteArray();
    }
  }

  Finding finding(String vm, String source, String target, int step) {
    String text;
    if (tokens.length == 0) {
      text = message;
    } else {
      StringBuilder sb = new StringBuilder(message.length() + 32);
      for (int i = 0; i < tokens.length; i++) {
        sb.append(parts[i]).append(tokens[i] == 0 ? vm : tokens[i] == 1 ? source : target);
      }
      text = sb.append(parts[tokens.length]).toString();
    }
    return new Finding(rule, severity, vm, source, target, step, text, remediation, null, unknown);
  }

  // Outcomes are compared by what they say; the parts are derived from the message.
  @Override
  public boolean equals(Object o) {
    return o instanceof Outcome x && rule.equals(x.rule) && severity == x.severity && message.equals(x.message)
        && java.util.Objects.equals(remediation, x.remediation) && unknown.equals(x.unknown);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(rule, severity, message, remediation, unknown);
  }
}

package io.vmotion.rules;

/** Lets tests of other packages write the small rules RuleLayeringTest writes. */
public final class RuleLayeringTestAccess {
  private RuleLayeringTestAccess() {}

  public static String rule(String pkg, String name, String id, String severity, String when, String message) {
    return RuleLayeringTest.rule(pkg, name, id, severity, when, message);
  }
}

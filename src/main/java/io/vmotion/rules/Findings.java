package io.vmotion.rules;

import io.vmotion.rules.facts.Move;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kie.api.runtime.rule.RuleContext;

/**
 * The rules' global collector. A rule reports a move and a message; its id, severity and
 * remediation come from the rule's own metadata, so a rule never repeats them.
 */
public final class Findings {

  /** What one rule said of one move, before the move's names are known to the report. */
  record Raw(Move move, String rule, Severity severity, String message, String remediation) {}

  private final List<Raw> found = new ArrayList<>();

  public void report(RuleContext context, Move move, String message) {
    Map<String, Object> md = context.getRule().getMetaData();
    found.add(new Raw(move, String.valueOf(md.get("id")), Severity.parse(String.valueOf(md.get("severity"))),
        message, String.valueOf(md.get("remediation"))));
  }

  /**
   * Reports a finding of the given severity rather than the rule's own, for a rule whose findings
   * differ in weight (a "must" DRS rule breaks a move, a "should" rule only warns). The rule's
   * {@code @severity} is its most severe finding; a less severe one is reported as given.
   */
  public void report(RuleContext context, Move move, String severity, String message) {
    Map<String, Object> md = context.getRule().getMetaData();
    Severity s = Severity.parse(severity);
    if (s == null) throw new IllegalArgumentException("severity must be error, warning or info, found \"" + severity + "\"");
    found.add(new Raw(move, String.valueOf(md.get("id")), s, message, String.valueOf(md.get("remediation"))));
  }

  List<Raw> raw() {
    return found;
  }

  void clear() {
    found.clear();
  }
}

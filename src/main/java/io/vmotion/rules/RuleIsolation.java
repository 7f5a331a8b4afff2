package io.vmotion.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A rule decides whether its own finding applies to a move, and nothing else. Every evaluation
 * mode (shared, --exact, a plan) runs the rules in sessions of a different make-up, so a rule that
 * changes the session (halts it, removes or adds facts, changes a fact the others match) would make
 * the modes disagree, and could erase other rules' findings. Such constructs are refused when the
 * rules are built, as are the calls that end the JVM without a report.
 */
final class RuleIsolation {

  /** Session calls that change what other rules see, with why each is refused. */
  private static final Map<String, String> SESSION_CHANGES = Map.of(
      "halt", "halt() stops every other rule from firing",
      "delete", "delete() removes a fact that other rules match",
      "retract", "retract() removes a fact that other rules match",
      "insert", "insert() adds a fact that other rules match",
      "insertLogical", "insertLogical() adds a fact that other rules match",
      "modify", "modify() changes a fact that other rules match",
      "update", "update() changes a fact that other rules match, and re-fires rules on it (it can loop without end)");

  /** Ways around the calls above, through the session itself. */
  private static final List<String> SESSION_HANDLES = List.of(
      "getKieRuntime", "getKnowledgeRuntime", "getKieSession", "getWorkingMemory", "getEntryPoint", "getAgenda");

  private RuleIsolation() {}

  static List<RuleProblem> check(RuleFile file) {
    DrlTokens drl = DrlTokens.of(file);
    List<DrlTokens.Token> t = drl.tokens();
    List<RuleProblem> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      DrlTokens.Token token = t.get(i);
      boolean call = i + 1 < t.size() && t.get(i + 1).is("(");
      String why = SESSION_CHANGES.get(token.text());
      // $v.update() on a fact's own accessor is fine; a bare update(..) or drools.update(..) is the session's.
      boolean sessionCall = call && (!drl.continuesAName(i) || i >= 2 && (t.get(i - 2).is("drools") || t.get(i - 2).is("kcontext")));
      if (why != null && sessionCall) {
        out.add(drl.problemAt(token, "a rule may only report findings: " + why
            + ", so the verdicts would depend on the evaluation mode. Report with findings.report(kcontext, $m, message) instead"));
      } else if (SESSION_HANDLES.contains(token.text())) {
        out.add(drl.problemAt(token, "a rule may only report findings: " + token.text()
            + " reaches the session, whose changes would alter other rules' verdicts"));
      } else if ((token.is("exit") || token.is("halt")) && call) {
        out.add(drl.problemAt(token, token.text() + "() would end vmotion without a report; a rule may only report findings"));
      }
    }
    return out;
  }
}

package io.vmotion.rules;

import io.vmotion.inventory.Inventory;
import io.vmotion.rules.facts.Move;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kie.api.runtime.KieSession;

/** Runs a rule base over an inventory and collects every finding of every move. */
public final class Evaluator {

  private final RuleBase rules;

  public Evaluator(RuleBase rules) {
    this.rules = rules;
  }

  /** A plan when the inventory has one, else every VM against its scope. */
  public Evaluation evaluate(Inventory inventory, Scope scope) {
    MovePlanner planner = new MovePlanner(inventory, rules.data().baselines());
    List<Move> moves = inventory.migrations().isEmpty() ? planner.candidates(scope) : planner.plan(inventory.migrations());
    return evaluate(moves);
  }

  Evaluation evaluate(List<Move> moves) {
    Findings findings = new Findings();
    KieSession session = rules.kieBase().newKieSession();
    try {
      if (rules.declaresFindings()) session.setGlobal(RuleBase.GLOBAL, findings);
      rules.data().facts().forEach(session::insert);
      moves.forEach(session::insert);
      session.fireAllRules();
    } catch (org.kie.api.runtime.rule.ConsequenceException e) {
      org.kie.api.definition.rule.Rule r = e.getMatch() == null ? null : e.getMatch().getRule();
      Object id = r == null ? null : r.getMetaData().get("id");
      RuleInfo info = id == null ? null : rules.rule(id.toString());
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RuleFailedException("rule " + (id == null ? (r == null ? "?" : "\"" + r.getName() + "\"") : id)
          + (info == null ? "" : " (" + info.location() + ")") + " failed in its consequence: " + cause, cause);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RuleFailedException("a rule failed while its conditions were evaluated: " + cause, cause);
    } finally {
      session.dispose();
    }
    List<Finding> sorted = new ArrayList<>(findings.all());
    sorted.sort(Finding.ORDER);
    return new Evaluation(List.copyOf(sorted), checked(moves, sorted), moves.size());
  }

  private static List<CheckedVm> checked(List<Move> moves, List<Finding> findings) {
    Set<String> blocked = new HashSet<>();
    for (Finding f : findings) {
      if (f.severity() == Severity.ERROR) blocked.add(f.vm() + "\u0000" + f.target());
    }
    Map<String, Set<String>> targets = new LinkedHashMap<>();
    Map<String, String> hostOf = new LinkedHashMap<>();
    for (Move m : moves) {
      String vm = m.getVm().getName();
      hostOf.putIfAbsent(vm, m.getVm().getHost());
      targets.computeIfAbsent(vm, k -> new TreeSet<>()).add(m.getTarget().getName());
    }
    List<CheckedVm> out = new ArrayList<>();
    for (String vm : new TreeSet<>(targets.keySet())) {
      List<String> all = List.copyOf(targets.get(vm));
      List<String> ok = all.stream().filter(t -> !blocked.contains(vm + "\u0000" + t)).toList();
      out.add(new CheckedVm(vm, hostOf.get(vm), all, ok));
    }
    return out;
  }
}

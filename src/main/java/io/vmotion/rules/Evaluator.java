package io.vmotion.rules;

import io.vmotion.inventory.Inventory;
import io.vmotion.rules.facts.Move;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.AgendaFilter;

/**
 * Runs a rule base over an inventory and collects every finding of every move.
 *
 * <p>Plans, and rules that do not declare {@code @reads}, are evaluated move by move. Without a
 * plan, a rule that declares what it reads is evaluated once per distinct combination of those
 * values (see {@link SharedEvaluation}); the report is the same, which a test checks.
 */
public final class Evaluator {

  /** Moves per rule session: bounds the memory of a session, whatever the inventory's size. */
  static final int BATCH = 20_000;

  private final RuleBase rules;

  public Evaluator(RuleBase rules) {
    this.rules = rules;
  }

  /** Every finding of every move, move by move where needed and shared where the rules allow. */
  public Evaluation evaluate(Inventory inventory, Scope scope) {
    return evaluate(inventory, scope, true, false, Progress.NONE);
  }

  /**
   * @param keepPairs keep every finding and target list (false: counts only, for summaries)
   * @param exact evaluate every move on its own, sharing nothing (the reference the shared way is tested against)
   */
  public Evaluation evaluate(Inventory inventory, Scope scope, boolean keepPairs, boolean exact, Progress progress) {
    MovePlanner planner = new MovePlanner(inventory, rules.data().baselines());
    EvaluationBuilder out = new EvaluationBuilder(keepPairs);
    if (!inventory.migrations().isEmpty()) {
      movesOneByOne(planner.plan(inventory.migrations()), allRules(), out, progress);
    } else if (exact) {
      movesOneByOne(planner.candidates(scope), allRules(), out, progress);
    } else {
      new SharedEvaluation(rules, planner, scope, progress).run(out);
    }
    return out.build();
  }

  private Set<String> allRules() {
    return rules.rules().stream().map(RuleInfo::id).collect(Collectors.toSet());
  }

  private void movesOneByOne(List<Move> moves, Set<String> ruleIds, EvaluationBuilder out, Progress progress) {
    Map<Move, List<Finding>> found = evaluateMoves(rules, rules.kieBaseOf(ruleIds), moves, progress);
    List<RuleInfo> needy = rules.rules().stream().filter(r -> ruleIds.contains(r.id()) && !NotChecked.needs(r).isEmpty()).toList();
    for (Move m : moves) {
      List<Finding> list = new ArrayList<>(found.getOrDefault(m, List.of()));
      for (RuleInfo r : needy) {
        String reason = NotChecked.reason(NotChecked.needs(r), m);
        if (reason == null) continue;
        list.removeIf(f -> f.rule().equals(r.id()));
        list.add(NotChecked.finding(r, m, reason));
      }
      out.pair(m.getVm().getName(), m.getSource().getName(), m.getTarget().getName(), list);
    }
  }

  /** Findings per move (by identity), from sessions of at most {@link #BATCH} moves. */
  static Map<Move, List<Finding>> evaluateMoves(RuleBase rules, KieBase base, List<Move> moves, Progress progress) {
    Map<Move, List<Finding>> byMove = new IdentityHashMap<>();
    for (Map.Entry<Move, List<Findings.Raw>> e : raw(rules, base, moves, progress).entrySet()) {
      Move m = e.getKey();
      List<Finding> list = new ArrayList<>();
      for (Findings.Raw r : e.getValue()) {
        list.add(new Finding(r.rule(), r.severity(), m.getVm().getName(), m.getSource().getName(), m.getTarget().getName(),
            m.getStep(), r.message(), r.remediation()));
      }
      byMove.put(m, list);
    }
    return byMove;
  }

  static Map<Move, List<Findings.Raw>> raw(RuleBase rules, KieBase base, List<Move> moves, Progress progress) {
    return raw(rules, base, moves, progress, null);
  }

  static Map<Move, List<Findings.Raw>> raw(RuleBase rules, KieBase base, List<Move> moves, AgendaFilter filter) {
    return raw(rules, base, moves, Progress.NONE, filter);
  }

  private static Map<Move, List<Findings.Raw>> raw(RuleBase rules, KieBase base, List<Move> moves, Progress progress, AgendaFilter filter) {
    // Batches are independent sessions: run them on every core.
    List<Integer> starts = new ArrayList<>();
    for (int from = 0; from < moves.size(); from += BATCH) starts.add(from);
    java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
    List<Map<Move, List<Findings.Raw>>> parts = starts.parallelStream().map(from -> {
      Map<Move, List<Findings.Raw>> part = batch(rules, base, moves.subList(from, Math.min(moves.size(), from + BATCH)), filter);
      progress.update("evaluating moves", done.addAndGet(Math.min(BATCH, moves.size() - from)), moves.size());
      return part;
    }).toList();
    Map<Move, List<Findings.Raw>> byMove = new IdentityHashMap<>();
    parts.forEach(byMove::putAll);
    return byMove;
  }

  private static Map<Move, List<Findings.Raw>> batch(RuleBase rules, KieBase base, List<Move> moves, AgendaFilter filter) {
    Map<Move, List<Findings.Raw>> byMove = new IdentityHashMap<>();
    Findings findings = new Findings();
    {
      KieSession session = base.newKieSession();
      try {
        if (rules.declaresFindings()) session.setGlobal(RuleBase.GLOBAL, findings);
        rules.data().facts().forEach(session::insert);
        for (Move m : moves) session.insert(m);
        if (filter == null) session.fireAllRules();
        else session.fireAllRules(filter);
      } catch (org.kie.api.runtime.rule.ConsequenceException e) {
        org.kie.api.definition.rule.Rule r = e.getMatch() == null ? null : e.getMatch().getRule();
        Object id = r == null ? null : r.getMetaData().get("id");
        RuleInfo info = id == null ? null : rules.rule(id.toString());
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new RuleFailedException("rule " + (id == null ? (r == null ? "?" : "\"" + r.getName() + "\"") : id)
            + (info == null ? "" : " (" + info.location() + ")") + " failed in its consequence: " + cause, cause);
      } catch (RuleFailedException e) {
        throw e;
      } catch (RuntimeException e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new RuleFailedException("a rule failed while its conditions were evaluated: " + cause, cause);
      } finally {
        session.dispose();
      }
      for (Findings.Raw r : findings.raw()) byMove.computeIfAbsent(r.move(), k -> new ArrayList<>(2)).add(r);
    }
    return byMove;
  }
}

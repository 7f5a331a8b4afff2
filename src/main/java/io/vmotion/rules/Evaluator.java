package io.vmotion.rules;

import io.vmotion.inventory.Inventory;
import io.vmotion.rules.facts.Move;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
    EvaluationBuilder out = new EvaluationBuilder(keepPairs, new UnknownCauses(inventory));
    if (!inventory.migrations().isEmpty()) {
      movesOneByOne(planner, planner.plan(inventory.migrations()), out, progress);
      reportNoOps(planner, out);
    } else if (exact) {
      movesOneByOne(planner, planner.candidates(scope), out, progress);
    } else {
      new SharedEvaluation(rules, planner, scope, progress).run(out);
    }
    return out.build();
  }

  /** The id of the warning a plan step onto the VM's own host gets; it is the planner's, not a rule file's. */
  public static final String NO_OP = "plan.no-op";

  /**
   * Exactly the moves of {@code plan}, in order; an empty plan checks nothing (it does not fall back
   * to every move of a scope, as an inventory without a plan does).
   */
  public Evaluation evaluatePlan(Inventory inventory, List<io.vmotion.inventory.Migration> plan, boolean keepPairs, Progress progress) {
    if (plan.isEmpty()) return new EvaluationBuilder(keepPairs, new UnknownCauses(inventory)).build();
    return evaluate(inventory.withMigrations(plan), Scope.CLUSTER, keepPairs, false, progress);
  }

  private static void reportNoOps(MovePlanner planner, EvaluationBuilder out) {
    for (MovePlanner.NoOp n : planner.noOps) {
      out.pair(n.vm(), n.host(), n.host(), List.of(new Finding(NO_OP, Severity.WARNING, n.vm(), n.host(), n.host(), n.step(),
          "step " + n.step() + " moves " + n.vm() + " to " + n.host() + ", the host it is on at that point: nothing to migrate",
          "Remove the step from the plan, or give it the target you meant")));
    }
  }

  /** One rule on one move whose facts it needs are partly unknown: its completions, evaluated with the rest. */
  private record Completed(RuleInfo rule, Move move, List<UnknownFact> facts, int from, int to) {}

  private void movesOneByOne(MovePlanner planner, List<Move> moves, EvaluationBuilder out, Progress progress) {
    Map<Move, List<Finding>> found = evaluateMoves(rules, rules.kieBase(), moves, progress);
    Completions completions = new Completions(rules.data(), planner.hosts, planner.vms, planner.drs.groupNames());
    Map<RuleInfo, List<NotChecked.Need>> needy = new java.util.LinkedHashMap<>();
    for (RuleInfo r : rules.rules()) if (!NotChecked.needs(r).isEmpty()) needy.put(r, NotChecked.needs(r));
    List<Move> standIns = new ArrayList<>();
    Map<Move, String> owner = new IdentityHashMap<>();
    Map<Move, List<Completed>> completedOf = new IdentityHashMap<>();
    for (Move m : moves) {
      for (Map.Entry<RuleInfo, List<NotChecked.Need>> e : needy.entrySet()) {
        List<UnknownFact> vmFacts = NotChecked.vmSide(e.getValue(), m.getVm(), m.getSource());
        List<UnknownFact> targetFacts = NotChecked.targetSide(e.getValue(), m.getTarget(), completions);
        if (vmFacts.isEmpty() && targetFacts.isEmpty()) continue;
        List<UnknownFact> facts = new ArrayList<>(vmFacts);
        facts.addAll(targetFacts);
        facts.sort(null);
        List<Completions.VmSide> vmSides = completions.vm(m.getVm(), m.getSource(), NotChecked.fields(vmFacts, "vm"), NotChecked.fields(vmFacts, "source"));
        List<Completions.Target> targets = completions.target(m.getTarget(), NotChecked.fields(targetFacts, "target"),
            m.getTargetCpuReservedMhz(), m.getTargetMemoryReservedMb());
        int from = standIns.size();
        if (vmSides != null && targets != null && (long) vmSides.size() * targets.size() <= Completions.LIMIT) {
          NameUse names = NameUse.of(e.getKey());
          for (Completions.VmSide c : vmSides) {
            for (Completions.Target t : targets) {
              Move standIn = names.standIn(c.vm(), c.source(), t.host(), m.getStep(), t.cpuReservedMhz(), t.memoryReservedMb());
              standIns.add(standIn);
              owner.put(standIn, e.getKey().id());
            }
          }
        }
        completedOf.computeIfAbsent(m, k -> new ArrayList<>()).add(new Completed(e.getKey(), m, facts, from, standIns.size()));
      }
    }
    Map<Move, List<Findings.Raw>> raw = standIns.isEmpty() ? Map.of() : raw(rules, rules.kieBase(), standIns, ownRule(owner));
    for (Move m : moves) {
      List<Finding> list = new ArrayList<>(found.getOrDefault(m, List.of()));
      for (Completed c : completedOf.getOrDefault(m, List.of())) {
        list.removeIf(f -> f.rule().equals(c.rule().id()));
        List<List<Outcome>> outcomes = new ArrayList<>();
        for (int i = c.from(); i < c.to(); i++) {
          List<Outcome> o = new ArrayList<>();
          for (Findings.Raw r : raw.getOrDefault(standIns.get(i), List.of())) o.add(new Outcome(r.rule(), r.severity(), r.message(), r.remediation()));
          outcomes.add(o);
        }
        Move named = NameUse.of(c.rule()).standIn(m.getVm(), m.getSource(), m.getTarget(), m.getStep(), 0, 0);
        for (Outcome o : NotChecked.decide(c.rule(), outcomes, c.facts(), named)) {
          list.add(o.finding(m.getVm().getName(), m.getSource().getName(), m.getTarget().getName(), m.getStep()));
        }
      }
      out.pair(m.getVm().getName(), m.getSource().getName(), m.getTarget().getName(), list);
    }
  }

  /** Lets a stand-in fire only the rule it stands in for. */
  static AgendaFilter ownRule(Map<Move, String> owner) {
    return match -> match.getObjects().stream().anyMatch(o -> o instanceof Move m
        && String.valueOf(match.getRule().getMetaData().get("id")).equals(owner.get(m)));
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
      RuleWatchdog.Watch watch = RuleWatchdog.watch(rules, session);
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
      } catch (RuleFailedException | OutOfMemoryError e) {
        throw e;
      } catch (Throwable e) {
        throw failure(rules, watch, e);
      } finally {
        watch.close();
        session.dispose();
      }
      for (Findings.Raw r : findings.raw()) byMove.computeIfAbsent(r.move(), k -> new ArrayList<>(2)).add(r);
    }
    return byMove;
  }

  /**
   * Any other throwable of a rule (an Error included, which Drools does not wrap) as a failure
   * naming the rule: the one firing, else the one on the throwable's stack.
   */
  private static RuleFailedException failure(RuleBase rules, RuleWatchdog.Watch watch, Throwable e) {
    if (watch.verdict() != null) return new RuleFailedException(watch.verdict(), null, true);
    Throwable cause = e instanceof RuntimeException && e.getCause() != null ? e.getCause() : e;
    String id = watch.firing();
    if (id == null) id = RuleFrames.ruleOnStack(rules, cause.getStackTrace());
    RuleInfo info = id == null ? null : rules.rule(id);
    String who = id == null ? "a rule" : "rule " + id + (info == null ? "" : " (" + info.location() + ")");
    if (cause instanceof StackOverflowError) {
      return new RuleFailedException(who + " recursed without end (the stack overflowed); give the recursion an end", null);
    }
    String where = watch.firing() != null ? " in its consequence: " : " while its conditions were evaluated: ";
    return new RuleFailedException(who + " failed" + where + cause, cause);
  }
}

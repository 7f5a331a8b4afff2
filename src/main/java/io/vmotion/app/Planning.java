package io.vmotion.app;

import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.JsonPositions;
import io.vmotion.inventory.Migration;
import io.vmotion.planning.Compatibility;
import io.vmotion.planning.MoveDuration;
import io.vmotion.planning.Plan;
import io.vmotion.planning.PlanRequest;
import io.vmotion.planning.Planner;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Evaluator;
import io.vmotion.rules.Finding;
import io.vmotion.rules.Progress;
import io.vmotion.rules.Scope;
import io.vmotion.rules.Severity;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code vmotion plan}'s work: the rules judge every (VM, host) pair within each cluster once, the
 * planner places the VMs, and the plan is then validated as {@code vmotion validate --plan} would
 * validate it. The validation is the certificate: should it find an error on a planned move (a rule
 * folder whose verdicts the planner's capacity model does not foresee), that pair is forbidden and
 * the plan made again, so no plan with an error leaves this class.
 */
final class Planning {

  /** Each round forbids at least one pair; a plan still refused after this many is reported as uncertified. */
  static final int MAX_ROUNDS = 8;

  private final PrintStream notes;
  private final String command;

  Planning(PrintStream notes, String command) {
    this.notes = notes;
    this.command = command;
  }

  PlanResult plan(Workspace workspace, PlanRequest request, MoveDuration duration, Progress progress, Timings timings)
      throws InvalidInputException {
    Inventory inventory = workspace.inventory();
    checkHosts(workspace.name(), inventory, request);
    if (!inventory.migrations().isEmpty()) {
      notes.println("vmotion " + command + ": note: " + workspace.name() + " holds a plan of " + inventory.migrations().size()
          + " moves; it is ignored, the new plan starts from where the VMs run now");
      inventory = inventory.withMigrations(List.of());
    }
    Evaluation pairs = new Evaluator(workspace.rules()).evaluate(inventory, Scope.CLUSTER, true, false, progress);
    timings.mark("pairs evaluated (" + pairs.pairs() + ")");
    Compatibility compatibility = Compatibility.of(pairs);
    List<Finding> refused = List.of();
    Plan plan = null;
    Evaluation certificate = null;
    int round = 0;
    while (round < MAX_ROUNDS) {
      round++;
      plan = new Planner(compatibility, workspace.rules()::rule, duration).plan(inventory, request);
      timings.mark("plan searched (round " + round + ", " + plan.migrations().size() + " moves)");
      certificate = certify(workspace, inventory, plan);
      timings.mark("plan validated");
      refused = errors(certificate);
      if (refused.isEmpty()) break;
      compatibility = compatibility.forbidding(refused);
    }
    return new PlanResult(plan, certificate, refused, round);
  }

  /** {@code vmotion validate --plan} on the plan, in this process: the same reader of moves, the same evaluation. */
  static Evaluation certify(Workspace workspace, Inventory inventory, Plan plan) {
    List<Migration> moves = plan.migrations().stream().map(m -> new Migration(m.vm(), m.target())).toList();
    if (moves.isEmpty()) return null;
    return new Evaluator(workspace.rules()).evaluate(inventory.withMigrations(moves), Scope.CLUSTER, true, false, Progress.NONE);
  }

  private static List<Finding> errors(Evaluation certificate) {
    if (certificate == null) return List.of();
    List<Finding> out = new ArrayList<>();
    for (Finding f : certificate.findings()) if (f.severity() == Severity.ERROR && !f.waived()) out.add(f);
    return out;
  }

  private static void checkHosts(String file, Inventory inventory, PlanRequest request) throws InvalidInputException {
    Set<String> names = inventory.hosts().stream().map(Host::name).collect(Collectors.toSet());
    List<String> unknown = request.evacuate().stream().filter(h -> !names.contains(h)).toList();
    if (unknown.isEmpty()) return;
    List<io.vmotion.inventory.InputProblem> problems = new ArrayList<>();
    for (String h : unknown) {
      List<String> near = JsonPositions.nearest(h, names, 1);
      problems.add(new io.vmotion.inventory.InputProblem(file, "", 0, 0, "--evacuate " + h + ": no such host in the inventory"
          + (near.isEmpty() ? "" : " (did you mean \"" + near.get(0) + "\"?)") + "; give host names from its \"hosts\", separated by commas"));
    }
    throw new InvalidInputException(problems, List.of());
  }

}

package io.vmotion.app;

import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.Migration;
import io.vmotion.planning.MoveDuration;
import io.vmotion.planning.PlanRequest;
import io.vmotion.report.ReportInput;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Evaluator;
import io.vmotion.rules.Progress;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.RuleData;
import io.vmotion.rules.RuleLint;
import io.vmotion.rules.RuleSource;
import io.vmotion.rules.Scope;
import io.vmotion.rules.Waivers;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The application: what the commands do, callable from commands and tests alike, so that a command
 * only parses its options and prints. Data flows one way: read ({@link #load}), evaluate
 * ({@link #validate}), and the caller reports.
 *
 * <p>Warnings meant for the person at the terminal (import gaps, what a rule folder reaches, expired
 * waivers, phase timings) go to {@code notes}, never into a report.
 */
public final class Vmotion {

  /** What {@code validate} checks when it is given no inventory. */
  public static final String EXAMPLE = "examples/datacenter.json";

  private final PrintStream notes;
  private final String command;

  /** @param command the command whose name prefixes the notes ("validate", "plan") */
  public Vmotion(PrintStream notes, String command) {
    this.notes = notes;
    this.command = command;
  }

  /**
   * Reads the inventory ({@code empty}: the bundled example) and builds the rules. The rules compile
   * on another core while the inventory is read, because each takes seconds at scale; rules that do
   * not build are reported before a bad inventory.
   */
  public Workspace load(Optional<Path> inventory, List<RuleSource> sources, boolean allowEmpty, Timings timings)
      throws InvalidInputException, RuleBuildException, IOException {
    // Rules are code: say what a loaded folder reaches outside the fact model, as 'rules check' does.
    for (RuleSource source : sources) {
      if (!source.label().equals("built-in")) RuleLint.scan(source).forEach(w -> notes.print(w.render()));
    }
    CompletableFuture<RuleBase> building = CompletableFuture.supplyAsync(() -> {
      try {
        long start = System.nanoTime();
        RuleBase built = RuleBase.build(sources);
        timings.report("rule base compiled (on another core)", System.nanoTime() - start);
        return built;
      } catch (RuleBuildException e) {
        throw new CompletionException(e);
      }
    });
    RuleData data = RuleData.of(sources);
    InventoryReader reader = new InventoryReader(data.evcModes());
    String name;
    Inventory read;
    try {
      if (inventory.isEmpty()) {
        name = EXAMPLE;
        read = reader.read(name, bundledExample());
      } else {
        name = inventory.get().toString();
        read = AnyInventory.read(data, reader, inventory.get(), notes, allowEmpty, command);
      }
    } catch (InvalidInputException | IOException e) {
      built(building);
      throw e;
    }
    timings.mark("inventory read");
    RuleBase rules = built(building);
    timings.mark("waited for the rule base after the read");
    return new Workspace(name, read, rules, reader);
  }

  /** Evaluates every move the request names and applies its waivers. */
  public Validation validate(Workspace workspace, ValidationRequest request, Progress progress, Timings timings)
      throws InvalidInputException {
    Inventory inventory = workspace.inventory();
    String mode;
    if (request.plan().isPresent()) {
      Path file = request.plan().get();
      List<Migration> plan = workspace.reader().readPlan(file, inventory);
      inventory = inventory.withMigrations(plan);
      mode = "plan " + file + ", " + plan.size() + " moves";
    } else if (!inventory.migrations().isEmpty()) {
      mode = "plan in the inventory, " + inventory.migrations().size() + " moves";
    } else {
      mode = request.scope() == Scope.CLUSTER
          ? "every powered-on VM against the other hosts of its cluster"
          : "every powered-on VM against every other host";
    }
    Waivers waivers = request.waivers();
    // Waivers are applied to findings, so a run with waivers keeps its pairs even for a summary.
    boolean keepPairs = request.keepPairs() || !waivers.all().isEmpty();
    Evaluation evaluation = new Evaluator(workspace.rules()).evaluate(inventory, request.scope(), keepPairs, request.exact(), progress);
    timings.mark("moves evaluated (" + evaluation.pairs() + " pairs)");
    for (Waivers.Waiver w : waivers.expired(request.today())) {
      notes.println("vmotion " + command + ": warning: " + waivers.file() + ": " + w.describe() + " expired on " + w.expires()
          + " and no longer waives anything; renew or remove it");
    }
    // Only with waivers: waiving re-derives the counts from the findings, which a summary does not keep.
    if (!waivers.all().isEmpty()) evaluation = evaluation.waiving(f -> waivers.reasonFor(f, request.today()));
    return new Validation(new ReportInput(workspace.name(), mode, evaluation, workspace.rules().rules()), evaluation);
  }

  /**
   * Plans {@code request} on the workspace and certifies the plan by validating it (see {@link
   * Planning}); {@code duration} estimates each move.
   */
  public PlanResult plan(Workspace workspace, PlanRequest request, MoveDuration duration, Progress progress, Timings timings)
      throws InvalidInputException {
    return new Planning(notes, command).plan(workspace, request, duration, progress, timings);
  }

  private static RuleBase built(CompletableFuture<RuleBase> building) throws RuleBuildException {
    try {
      return building.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuleBuildException b) throw b;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw e;
    }
  }

  private static String bundledExample() throws IOException {
    try (InputStream in = Vmotion.class.getClassLoader().getResourceAsStream("vmotion/" + EXAMPLE)) {
      if (in == null) throw new IOException("the bundled example is missing from the jar: " + EXAMPLE);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

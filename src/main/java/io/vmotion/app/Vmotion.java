package io.vmotion.app;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.Migration;
import io.vmotion.inventory.imports.InventoryFormat;
import io.vmotion.report.InventoryLines;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
  private final InputStream stdin;

  /** @param command the command whose name prefixes the notes ("validate", "plan") */
  public Vmotion(PrintStream notes, String command) {
    this(notes, command, System.in);
  }

  /** @param stdin what an inventory given as "-" is read from */
  public Vmotion(PrintStream notes, String command, InputStream stdin) {
    this.notes = notes;
    this.command = command;
    this.stdin = stdin;
  }

  /**
   * Reads the inventory ({@code empty}: the bundled example) and builds the rules. The rules compile
   * on another core while the inventory is read, because each takes seconds at scale; rules that do
   * not build are reported before a bad inventory.
   */
  public Workspace load(Optional<Path> inventory, List<RuleSource> sources, boolean allowEmpty, Timings timings)
      throws InvalidInputException, RuleBuildException, IOException {
    return load(inventory, sources, allowEmpty, RuleBase.DEFAULT_RULE_TIMEOUT, timings);
  }

  /** As {@link #load(Optional, List, boolean, Timings)}, each rule evaluation bounded by {@code ruleTimeout}. */
  public Workspace load(Optional<Path> inventory, List<RuleSource> sources, boolean allowEmpty, java.time.Duration ruleTimeout,
      Timings timings) throws InvalidInputException, RuleBuildException, IOException {
    // Rules are code: say what a loaded folder reaches outside the fact model, as 'rules check' does.
    for (RuleSource source : sources) {
      if (!source.label().equals("built-in")) RuleLint.scan(source).forEach(w -> notes.print(w.render()));
    }
    CompletableFuture<RuleBase> building = CompletableFuture.supplyAsync(() -> {
      try {
        long start = System.nanoTime();
        RuleBase built = RuleBase.build(sources).withRuleTimeout(ruleTimeout);
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
        try (StagedInput staged = StagedInput.of(inventory.get().toString(), stdin, InventoryReader.MAX_BYTES)) {
          name = staged.name();
          read = AnyInventory.read(data, reader, staged.path(), name, notes, allowEmpty, command);
        }
      }
    } catch (InvalidInputException | IOException e) {
      built(building);
      throw e;
    }
    timings.mark("inventory read");
    RuleBase rules = built(building);
    timings.mark("waited for the rule base after the read");
    // A folder that replaces a built-in rule changes what "validated" means: say so every time.
    rules.replaced().forEach((id, was) -> notes.println("vmotion " + command + ": note: rule " + id + " (" + was.location()
        + ") is replaced by " + rules.rule(id).location()));
    return new Workspace(name, read, rules, reader);
  }

  /** Evaluates every move the request names and applies its waivers. */
  public Validation validate(Workspace workspace, ValidationRequest request, Progress progress, Timings timings)
      throws InvalidInputException {
    Inventory inventory = workspace.inventory();
    String mode;
    List<Migration> plan = null;
    if (request.plan().isPresent()) {
      Path file = request.plan().get();
      plan = workspace.reader().readPlan(file, inventory);
      mode = "plan " + file + ", " + plan.size() + " moves";
      if (plan.isEmpty()) notes.println("vmotion " + command + ": note: " + file + " holds no moves; nothing was checked");
    } else if (!inventory.migrations().isEmpty()) {
      mode = "plan in the inventory, " + inventory.migrations().size() + " moves";
    } else {
      mode = request.scope() == Scope.CLUSTER
          ? "every powered-on VM against the other hosts of its cluster"
          : "every powered-on VM against every other host";
    }
    Waivers waivers = request.waivers();
    List<io.vmotion.inventory.InputProblem> doubts = waivers.locatedDoubts(workspace.rules().rules().stream().map(r -> r.id()).toList());
    if (request.strictWaivers() && !doubts.isEmpty()) throw new InvalidInputException(doubts, waivers.lines());
    // Waivers are applied to findings, so a run with waivers keeps its pairs even for a summary.
    boolean keepPairs = request.keepPairs() || !waivers.all().isEmpty();
    Evaluator evaluator = new Evaluator(workspace.rules());
    Evaluation evaluation = plan != null ? evaluator.evaluatePlan(inventory, plan, keepPairs, progress)
        : evaluator.evaluate(inventory, request.scope(), keepPairs, request.exact(), progress);
    timings.mark("moves evaluated (" + evaluation.pairs() + " pairs)");
    for (Waivers.Waiver w : waivers.expired(request.today())) {
      notes.println("vmotion " + command + ": warning: " + waivers.file() + ": " + w.describe() + " expired on " + w.expires()
          + " and no longer waives anything; renew or remove it");
    }
    // Only with waivers: waiving re-derives the counts from the findings, which a summary does not keep.
    if (!waivers.all().isEmpty()) evaluation = evaluation.waiving(f -> waivers.reasonFor(f, request.today()));
    // Each host's cluster: the root-cause view names cluster-wide causes, and the HTML matrix draws clusters.
    Map<String, String> clusters = new TreeMap<>();
    for (Host h : inventory.hosts()) clusters.put(h.name(), h.cluster() == null ? "" : h.cluster());
    noteDoubts(waivers, doubts, evaluation, request.today());
    ReportInput report = new ReportInput(workspace.name(), mode, evaluation, workspace.rules().rules()).withClusters(clusters);
    return new Validation(report, evaluation);
  }

  /**
   * Where each host and VM is in the inventory file, for reports that point at lines (SARIF). An
   * import has no such lines: the inventory it yields exists only in memory.
   */
  public static InventoryLines lines(Optional<Path> inventory) throws IOException {
    if (inventory.isEmpty()) return InventoryLines.of(bundledExample());
    Path file = inventory.get();
    if (!Files.isRegularFile(file)) return InventoryLines.unavailable("read from stdin or a pipe, which cannot be read twice");
    InventoryFormat format;
    try {
      format = AnyInventory.detect(file);
    } catch (InvalidInputException e) {
      return InventoryLines.unavailable("the inventory could not be read again: " + e.getMessage());
    }
    return switch (format) {
      case XLSX -> InventoryLines.unavailable("imported from an RVTools workbook; its hosts and VMs have no line in a file");
      case VSPHERE_JSON -> InventoryLines.unavailable("imported from a vSphere dump; its hosts and VMs have no line in a file");
      default -> InventoryLines.of(Files.readString(file, StandardCharsets.UTF_8));
    };
  }

  /** Each doubtful waiver once, with how many findings it waived in this run. */
  private void noteDoubts(Waivers waivers, List<io.vmotion.inventory.InputProblem> doubts, Evaluation evaluation, java.time.LocalDate today) {
    if (doubts.isEmpty()) return;
    java.util.Map<Integer, Long> waived = new java.util.HashMap<>();
    for (io.vmotion.rules.Finding f : evaluation.findings()) {
      Waivers.Waiver w = f.waived() ? waivers.waiverFor(f, today) : null;
      if (w != null) waived.merge(w.index(), 1L, Long::sum);
    }
    for (io.vmotion.inventory.InputProblem d : doubts) {
      int index = Integer.parseInt(d.path().replaceAll("^waivers\\[(\\d+)\\].*", "$1"));
      long n = waived.getOrDefault(index, 0L);
      notes.println("vmotion " + command + ": warning: " + d.headline() + " (it waived " + n + (n == 1 ? " finding" : " findings")
          + " in this run; --strict-waivers makes this an error)");
    }
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

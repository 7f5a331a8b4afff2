package io.vmotion.cli;

import io.vmotion.app.PlanResult;
import io.vmotion.app.Timings;
import io.vmotion.app.Vmotion;
import io.vmotion.app.Workspace;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.planning.LinkShareDuration;
import io.vmotion.planning.MoveDuration;
import io.vmotion.planning.PlanJson;
import io.vmotion.planning.PlanRequest;
import io.vmotion.planning.PlanRunbook;
import io.vmotion.report.AtomicOutput;
import io.vmotion.rules.Finding;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.RuleEvaluationException;
import io.vmotion.rules.RuleFailedException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code vmotion plan}: options in, runbook or plan file out; the work is {@link Vmotion}'s. */
final class PlanCommand {

  static final String USAGE =
      "vmotion plan INVENTORY --evacuate HOST[,HOST…] [--rebalance] [--max-concurrent N] [--format text|json] [-o FILE]";

  private final PrintStream out;
  private final PrintStream err;

  PlanCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("evacuate").hasArg().argName("HOST[,HOST…]")
        .desc("move every powered-on VM off these hosts (comma-separated); they are never targets").get());
    o.addOption(Option.builder().longOpt("rebalance")
        .desc("then even out memory and CPU reservations within the clusters of those hosts (alone: within every cluster)").get());
    o.addOption(Option.builder().longOpt("max-concurrent").hasArg().argName("N")
        .desc("concurrent vMotions per host in a wave (default vCenter's: 8 on 10 GbE or faster, 4 below)").get());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("text|json").desc("a runbook by wave (default), or the plan as JSON").get());
    o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE").desc("write to FILE (atomically) instead of stdout").get());
    o.addOption(ImportCommand.allowEmptyOption());
    RuleOptions.addTo(o);
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  int run(String[] args) {
    try {
      return plan(args);
    } catch (UsageException e) {
      err.println("vmotion plan: " + e.getMessage());
      err.println("usage: " + USAGE);
      err.println("Run 'vmotion plan --help' for the options.");
      return Main.USAGE;
    } catch (InvalidInputException | RuleBuildException | RuleEvaluationException | IOException | RuleFailedException e) {
      return Failure.report(err, "plan", e);
    }
  }

  private int plan(String[] args) throws UsageException, InvalidInputException, RuleBuildException, IOException {
    CommandLine cmd = ValidateCommand.parse(options(), args);
    if (cmd.hasOption("help")) {
      help();
      return Main.OK;
    }
    boolean json = ValidateCommand.choice(cmd, "format", "text", Map.of("text", false, "json", true));
    List<String> positional = cmd.getArgList();
    if (positional.size() != 1) throw new UsageException("expected one inventory, found " + positional.size() + (positional.isEmpty() ? "" : ": " + positional));
    TreeSet<String> evacuate = new TreeSet<>();
    if (cmd.hasOption("evacuate")) {
      for (String h : cmd.getOptionValue("evacuate").split(",", -1)) {
        if (h.isBlank()) throw new UsageException("--evacuate " + cmd.getOptionValue("evacuate") + ": an empty host name; separate names by single commas");
        evacuate.add(h.strip());
      }
    }
    if (evacuate.isEmpty() && !cmd.hasOption("rebalance")) throw new UsageException("nothing to plan: give --evacuate HOST[,HOST…], --rebalance, or both");
    OptionalInt maxConcurrent = OptionalInt.empty();
    if (cmd.hasOption("max-concurrent")) {
      String v = cmd.getOptionValue("max-concurrent");
      try {
        int n = Integer.parseInt(v);
        if (n < 1 || n > 1000) throw new UsageException("--max-concurrent " + v + ": must be between 1 and 1000");
        maxConcurrent = OptionalInt.of(n);
      } catch (NumberFormatException e) {
        throw new UsageException("--max-concurrent " + v + ": not a whole number");
      }
    }
    Path inventory = Path.of(positional.get(0));
    Optional<Path> output = Optional.ofNullable(cmd.getOptionValue("output")).map(Path::of);
    if (output.isPresent()) AtomicOutput.checkDestination(output.get(), List.of(inventory));

    Timings timings = new Timings(err);
    Vmotion app = new Vmotion(err, "plan");
    Workspace workspace = app.load(Optional.of(inventory), RuleOptions.sources(cmd, List.of()), cmd.hasOption("allow-empty"), timings);
    PlanRequest request = new PlanRequest(evacuate, cmd.hasOption("rebalance"), maxConcurrent);
    MoveDuration duration = MoveDuration.preCopy();
    PlanResult result;
    try (TerminalProgress progress = TerminalProgress.forStderr(err)) {
      result = app.plan(workspace, request, duration, progress, timings);
    }
    AtomicOutput.Render render = json
        ? w -> PlanJson.write(result.plan(), w)
        : w -> new PlanRunbook(workspace.name(), io.vmotion.planning.PreCopyDuration.DESCRIPTION, result.certified()).write(result.plan(), workspace.inventory(), w);
    if (output.isPresent()) AtomicOutput.toFile(output.get(), render);
    else AtomicOutput.toStream(out, render);
    timings.mark("plan written");
    if (!result.certified()) {
      List<String> shown = new ArrayList<>();
      for (Finding f : result.refused().subList(0, Math.min(5, result.refused().size()))) {
        shown.add(f.vm() + " -> " + f.target() + ": " + f.rule() + ": " + f.message());
      }
      err.println("vmotion plan: the plan still has " + result.refused().size() + " error findings after " + result.rounds()
          + " rounds; do not run it. First: " + String.join("; ", shown));
      return Main.FINDINGS;
    }
    return result.plan().leavesVmsBehind() ? Main.FINDINGS : Main.OK;
  }

  private void help() {
    StringWriter s = new StringWriter();
    java.io.PrintWriter w = new java.io.PrintWriter(s);
    // The usage line as one line: it is the contract users copy from.
    w.println("usage: " + USAGE);
    w.println("Plan a maintenance window: move every powered-on VM off the given hosts to hosts that pass every rule, with");
    w.println("capacity judged after the plan's earlier moves, in waves within vCenter's concurrency limits. The JSON plan is");
    w.println("itself a plan for 'vmotion validate --plan'.");
    w.println();
    new HelpFormatter().printOptions(w, 100, options(), 2, 4);
    w.println();
    w.println("Exit codes: 0 every powered-on VM leaves the evacuated hosts, 1 a VM stays on one (the output says why),");
    w.println("2 bad usage, input or rules.");
    w.flush();
    out.print(s);
  }
}

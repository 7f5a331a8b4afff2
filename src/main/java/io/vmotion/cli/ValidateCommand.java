package io.vmotion.cli;

import io.vmotion.app.Timings;
import io.vmotion.app.Validation;
import io.vmotion.app.ValidationRequest;
import io.vmotion.app.Vmotion;
import io.vmotion.app.Workspace;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.report.AtomicOutput;
import io.vmotion.report.CsvReport;
import io.vmotion.report.HtmlReport;
import io.vmotion.report.JsonReport;
import io.vmotion.report.JunitReport;
import io.vmotion.report.SarifReport;
import io.vmotion.report.SummaryReport;
import io.vmotion.report.ReportFormat;
import io.vmotion.report.ReportInput;
import io.vmotion.report.ReportOptions;
import io.vmotion.report.TextReport;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.RuleEvaluationException;
import io.vmotion.rules.Scope;
import io.vmotion.rules.Severity;
import io.vmotion.rules.Waivers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code vmotion validate}: options in, report out; the work is {@link Vmotion}'s. */
final class ValidateCommand {

  private static final Map<String, ReportFormat> FORMATS = Map.of(
      "text", new TextReport(), "json", new JsonReport(), "junit", new JunitReport(),
      "sarif", new SarifReport(), "summary", new SummaryReport(), "html", new HtmlReport(), "csv", new CsvReport());
  private static final Map<String, Severity> SEVERITIES = Map.of("error", Severity.ERROR, "warning", Severity.WARNING, "info", Severity.INFO);

  private final PrintStream out;
  private final PrintStream err;
  private final Clock clock;

  ValidateCommand(PrintStream out, PrintStream err) {
    this(out, err, Clock.systemDefaultZone());
  }

  /** @param clock today's date, for waiver expiry */
  ValidateCommand(PrintStream out, PrintStream err, Clock clock) {
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("plan").hasArg().argName("FILE").desc("check exactly the moves of this plan, in order").get());
    o.addOption(Option.builder().longOpt("scope").hasArg().argName("cluster|all").desc("targets without a plan: the VM's cluster (default) or every host").get());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("text|json|junit|sarif|summary|html|csv").desc("report format (default text)").get());
    o.addOption(Option.builder().longOpt("detail").hasArg().argName("none|blocked|all")
        .desc("per-VM detail of text, summary and html: every VM, only those with no compatible target, or none (default all up to "
            + ReportOptions.ALL_DETAIL_UP_TO + " VMs, blocked above)").get());
    o.addOption(Option.builder().longOpt("min-severity").hasArg().argName("error|warning|info")
        .desc("leave findings below this severity out of the report, in every format (default info: all)").get());
    o.addOption(Option.builder().longOpt("sarif-granularity").hasArg().argName("cause|finding")
        .desc("one SARIF result per (rule, target host) cause or per finding (default finding up to "
            + SarifReport.GITHUB_RESULTS_LIMIT + " results, GitHub's limit, cause above)").get());
    o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE").desc("write the report to FILE (atomically) instead of stdout").get());
    o.addOption(Option.builder().longOpt("fail-on").hasArg().argName("error|unknown|warning|info|none")
        .desc("exit 1 when a finding is at or above this severity (default error); unknown: an error, or a VM whose readiness is unknown;"
            + " none: never (exit 0 whatever is found, 2 still for bad input)").get());
    o.addOption(Option.builder().longOpt("exact").desc("evaluate every move on its own instead of once per distinct combination (slower; same report)").get());
    o.addOption(Option.builder().longOpt("waivers").hasArg().argName("FILE").desc("accept the findings this waiver file names (reported as waived; they do not fail the run)").get());
    o.addOption(Option.builder().longOpt("strict-waivers")
        .desc("a waiver that matches no loaded rule, every rule or every VM is an error (exit 2), not a warning").get());
    o.addOption(ImportCommand.allowEmptyOption());
    RuleOptions.addTo(o);
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  int run(String[] args) {
    try {
      return validate(args);
    } catch (UsageException e) {
      err.println("vmotion validate: " + e.getMessage());
      err.println("Run 'vmotion validate --help' for the options.");
      return Main.USAGE;
    } catch (InvalidInputException | RuleBuildException | RuleEvaluationException | IOException | io.vmotion.rules.RuleFailedException e) {
      return Failure.report(err, "validate", e);
    }
  }

  private int validate(String[] args) throws UsageException, InvalidInputException, RuleBuildException, IOException {
    CommandLine cmd = parse(options(), args);
    if (cmd.hasOption("help")) {
      help();
      return Main.OK;
    }
    ReportFormat format = choice(cmd, "format", "text", FORMATS);
    ReportOptions.Detail detail = cmd.hasOption("detail") ? choice(cmd, "detail", "all",
        Map.of("none", ReportOptions.Detail.NONE, "blocked", ReportOptions.Detail.BLOCKED, "all", ReportOptions.Detail.ALL)) : null;
    Severity minSeverity = choice(cmd, "min-severity", "info", SEVERITIES);
    ReportOptions.SarifGranularity granularity = cmd.hasOption("sarif-granularity") ? choice(cmd, "sarif-granularity", "finding",
        Map.of("cause", ReportOptions.SarifGranularity.CAUSE, "finding", ReportOptions.SarifGranularity.FINDING)) : null;
    Scope scope = choice(cmd, "scope", "cluster", Map.of("cluster", Scope.CLUSTER, "all", Scope.ALL));
    String failOnName = cmd.getOptionValue("fail-on", "error");
    Severity failOn = choice(cmd, "fail-on", "error",
        Map.of("error", Severity.ERROR, "unknown", Severity.ERROR, "warning", Severity.WARNING, "info", Severity.INFO, "none", Severity.ERROR));
    List<String> positional = cmd.getArgList();
    if (positional.size() > 1) throw new UsageException("expected at most one inventory, found " + positional.size() + ": " + positional);

    Optional<Path> inventory = positional.isEmpty() ? Optional.empty() : Optional.of(Path.of(positional.get(0)));
    Optional<Path> plan = Optional.ofNullable(cmd.getOptionValue("plan")).map(Path::of);
    if (cmd.hasOption("output")) {
      List<Path> inputs = new java.util.ArrayList<>();
      inventory.ifPresent(inputs::add);
      plan.ifPresent(inputs::add);
      if (cmd.hasOption("waivers")) inputs.add(Path.of(cmd.getOptionValue("waivers")));
      AtomicOutput.checkDestination(Path.of(cmd.getOptionValue("output")), inputs);
    }
    Waivers waivers = cmd.hasOption("waivers") ? Waivers.read(Path.of(cmd.getOptionValue("waivers"))) : Waivers.none();
    Timings timings = new Timings(err);
    Vmotion app = new Vmotion(err, "validate");
    if (inventory.isEmpty()) err.println("vmotion validate: no inventory given: validating the bundled example " + Vmotion.EXAMPLE);
    Workspace workspace = app.load(inventory, RuleOptions.sources(cmd, List.of()), cmd.hasOption("allow-empty"),
        RuleOptions.ruleTimeout(cmd), timings);
    ValidationRequest request = new ValidationRequest(scope, plan, waivers, !(format instanceof SummaryReport),
        cmd.hasOption("exact"), LocalDate.now(clock), cmd.hasOption("strict-waivers"));
    Validation validation;
    try (TerminalProgress progress = TerminalProgress.forStderr(err)) {
      validation = app.validate(workspace, request, progress, timings);
    }
    ReportInput report = validation.report().withOptions(new ReportOptions(detail, minSeverity, granularity, clock.instant()));
    if (format instanceof SarifReport) report = report.withLines(Vmotion.lines(inventory));
    final ReportInput rendered = report;
    if (cmd.hasOption("output")) {
      AtomicOutput.toFile(Path.of(cmd.getOptionValue("output")), w -> format.write(rendered, w));
      Evaluation e = validation.evaluation();
      err.println("vmotion validate: wrote the " + cmd.getOptionValue("format", "text") + " report to " + cmd.getOptionValue("output") + ": "
          + e.count(Severity.ERROR) + " errors, " + e.count(Severity.WARNING) + " warnings, " + e.count(Severity.INFO) + " infos in "
          + e.pairs() + " moves");
    } else {
      AtomicOutput.toStream(out, w -> format.write(rendered, w));
    }
    timings.mark("report written");
    noteUndecided(validation.evaluation());
    if (failOnName.equals("none")) return Main.OK;
    return validation.fails(failOn, failOnName.equals("unknown")) ? Main.FINDINGS : Main.OK;
  }

  /** When the known facts leave most moves undecided, says so once, with the gaps that cost most. */
  private void noteUndecided(Evaluation e) {
    if (e.pairs() == 0 || e.undecidedMoves() * 2 <= e.pairs()) return;
    List<String> largest = e.unknown().stream().filter(u -> u.undecidedMoves() > 0).limit(3)
        .map(u -> u.cause() + " (" + u.undecidedMoves() + " moves)").toList();
    err.println("vmotion validate: note: " + e.undecidedMoves() + " of " + e.pairs() + " moves have a rule the known facts do not decide;"
        + " largest causes: " + String.join("; ", largest) + ". Complete the export there and validate again.");
  }

  static CommandLine parse(Options options, String[] args) throws UsageException {
    return Help.parse(options, args);
  }

  static <T> T choice(CommandLine cmd, String option, String fallback, Map<String, T> accepted) throws UsageException {
    String value = cmd.getOptionValue(option, fallback);
    T t = accepted.get(value);
    if (t == null) {
      throw new UsageException("--" + option + " " + value + ": accepted values are "
          + String.join(", ", accepted.keySet().stream().sorted().toList()));
    }
    return t;
  }

  private void help() {
    out.print(Help.render("vmotion validate [INVENTORY|-] [options]",
        "Check which powered-on VMs can vMotion to which hosts, and report every blocker. INVENTORY is inventory format v1,"
            + " an RVTools .xlsx or a vSphere JSON dump (told apart by content); - reads it from stdin; none validates the bundled example.",
        options(), "Exit codes: 0 nothing at or above --fail-on, 1 something is, 2 bad usage, input or rules."));
  }
}

package io.vmotion.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.RuleCases;
import io.vmotion.rules.RuleInfo;
import io.vmotion.rules.RuleLint;
import io.vmotion.rules.RuleProblem;
import io.vmotion.rules.RuleSource;
import io.vmotion.rules.Finding;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code vmotion rules list|check|test}: what rules are loaded, whether a folder of rules builds,
 * and whether its rules do what its cases say.
 */
final class RulesCommand {

  static final String USAGE_TEXT =
      """
      usage: vmotion rules <list|check|test> [options]

        list [--rules DIR]... [--no-builtin-rules] [--format text|json]
                              id, severity, title and file of every loaded rule
        check [DIR]... [--no-builtin-rules]
                              build the folders over the built-in rules; report every problem (exit 2)
                              and, as warnings, what reaches outside the fact model
        test [DIR]... [--no-builtin-rules]
                              run the folders' *.case.json rule cases (default: the built-in cases);
                              exit 1 when a case fails, 2 on a bad case file
      """;

  private final PrintStream out;
  private final PrintStream err;

  RulesCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE_TEXT);
      return args.length == 0 ? Main.USAGE : Main.OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "list" -> list(rest);
        case "check" -> check(rest);
        case "test" -> test(rest);
        default -> throw new UsageException("unknown subcommand '" + args[0] + "'; expected list, check or test");
      };
    } catch (UsageException e) {
      err.println("vmotion rules: " + e.getMessage());
      err.print(USAGE_TEXT);
      return Main.USAGE;
    } catch (RuleBuildException | IOException | io.vmotion.rules.RuleFailedException e) {
      return Failure.report(err, "rules", e);
    }
  }

  private static Options options(boolean withFormat) {
    Options o = RuleOptions.addTo(new Options());
    if (withFormat) o.addOption(Option.builder().longOpt("format").hasArg().argName("text|json").desc("output format (default text)").get());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  private int list(String[] args) throws UsageException, IOException, RuleBuildException {
    CommandLine cmd = ValidateCommand.parse(options(true), args);
    if (cmd.hasOption("help")) return help("vmotion rules list [--rules DIR]... [--no-builtin-rules] [--format text|json]", options(true));
    if (!cmd.getArgList().isEmpty()) throw new UsageException("rules list takes no arguments; give folders with --rules DIR");
    String format = ValidateCommand.choice(cmd, "format", "text", Map.of("text", "text", "json", "json"));
    RuleBase rules = RuleOptions.build(cmd);
    if (format.equals("json")) {
      StringWriter s = new StringWriter();
      try (JsonGenerator g = new JsonFactory().createGenerator(s)) {
        g.useDefaultPrettyPrinter();
        g.writeStartObject();
        g.writeArrayFieldStart("rules");
        for (RuleInfo r : rules.rules()) {
          g.writeStartObject();
          g.writeStringField("id", r.id());
          g.writeStringField("severity", r.severity().json());
          g.writeStringField("title", r.title());
          g.writeStringField("file", r.file());
          g.writeNumberField("line", r.line());
          if (r.fault() == null) g.writeNullField("fault");
          else g.writeStringField("fault", r.fault());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      out.print(s + "\n");
      return Main.OK;
    }
    int idWidth = rules.rules().stream().mapToInt(r -> r.id().length()).max().orElse(2);
    int titleWidth = rules.rules().stream().mapToInt(r -> r.title().length()).max().orElse(5);
    String row = "%-" + idWidth + "s  %-8s  %-" + titleWidth + "s  %s%n";
    out.printf(row, "ID", "SEVERITY", "TITLE", "FILE");
    for (RuleInfo r : rules.rules()) out.printf(row, r.id(), r.severity().json(), r.title(), r.location());
    return Main.OK;
  }

  private int check(String[] args) throws UsageException, IOException {
    CommandLine cmd = ValidateCommand.parse(options(false), args);
    if (cmd.hasOption("help")) return help("vmotion rules check [DIR]... [--no-builtin-rules]", options(false));
    List<RuleSource> sources = RuleOptions.sources(cmd, cmd.getArgList());
    // Only the user's folders are read for reach: the built-in set is ours.
    for (RuleSource s : sources) {
      if (s.label().equals("built-in")) continue;
      for (RuleProblem w : RuleLint.scan(s)) err.print(w.render());
    }
    RuleBase rules;
    try {
      rules = RuleBase.build(sources);
    } catch (RuleBuildException e) {
      out.print(e.render());
      int files = (int) e.problems().stream().map(RuleProblem::file).distinct().count();
      out.println(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + " in " + files + (files == 1 ? " file" : " files"));
      return Main.USAGE;
    }
    long drl = sources.stream().mapToLong(s -> s.drlFiles().size()).sum();
    List<String> replaced = new ArrayList<>();
    rules.replaced().forEach((id, was) -> replaced.add(id + " (" + was.location() + " by " + rules.rule(id).location() + ")"));
    out.println("OK: " + rules.rules().size() + " rules from " + drl + " .drl files build"
        + (replaced.isEmpty() ? "" : "; replaced: " + String.join(", ", replaced)));
    return Main.OK;
  }

  private int test(String[] args) throws UsageException, IOException, RuleBuildException {
    CommandLine cmd = ValidateCommand.parse(options(false), args);
    if (cmd.hasOption("help")) return help("vmotion rules test [DIR]... [--no-builtin-rules]", options(false));
    List<RuleSource> sources = RuleOptions.sources(cmd, cmd.getArgList());
    RuleBase rules = RuleBase.build(sources).withRuleTimeout(RuleOptions.ruleTimeout(cmd));
    // The cases of the folders given, or of the built-in set when none is.
    List<RuleSource> withCases = cmd.getArgList().isEmpty() && cmd.getOptionValues("rules") == null
        ? sources : sources.stream().filter(s -> !s.label().equals("built-in")).toList();
    return runCases(rules, withCases);
  }

  /** Runs every case of {@code withCases} against {@code rules}: the code path of {@code rules test} and of the build's test. */
  int runCases(RuleBase rules, List<RuleSource> withCases) {
    List<RuleCases.Case> cases = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    for (RuleSource s : withCases) {
      RuleCases.Loaded loaded = RuleCases.read(s, rules);
      cases.addAll(loaded.cases());
      bad.addAll(loaded.problems());
    }
    if (!bad.isEmpty()) {
      err.println("vmotion rules test: " + bad.size() + (bad.size() == 1 ? " case file is" : " case files are") + " invalid; no case was run:");
      bad.forEach(err::print);
      return Main.USAGE;
    }
    if (cases.isEmpty()) {
      err.println("vmotion rules test: no *" + RuleCases.SUFFIX + " case files in "
          + String.join(", ", withCases.stream().map(RuleSource::label).toList()) + " (put them under a cases/ folder)");
      return Main.USAGE;
    }
    int passed = 0;
    int failed = 0;
    for (RuleCases.Case c : cases) {
      RuleCases.Result r = RuleCases.run(rules, c);
      if (r.passed()) {
        passed++;
        out.println("PASS " + c.name());
        continue;
      }
      failed++;
      out.println("FAIL " + c.name() + "  (" + c.file() + ")");
      if (r.error() != null) out.println("  " + r.error());
      for (RuleCases.Expectation x : r.missing()) out.println("  missing expected: " + x.describe());
      for (Finding f : r.unexpected()) {
        out.println("  unexpected present: " + f.rule() + " " + f.vm() + " -> " + f.target() + ": " + f.message());
      }
    }
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0 ? Main.OK : Main.FINDINGS;
  }

  private int help(String usage, Options options) {
    out.print(Help.render(usage, "", options, "Exit codes: 0 OK, 1 a case fails, 2 bad usage, rules that do not build, or a bad case file."));
    return Main.OK;
  }
}

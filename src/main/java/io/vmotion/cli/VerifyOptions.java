package io.vmotion.cli;

import io.vmotion.protocol.Bounds;
import io.vmotion.protocol.Fault;
import io.vmotion.protocol.MigrationConfig;
import io.vmotion.protocol.Reduction;
import io.vmotion.protocol.Variant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/** The parsed arguments of {@code vmotion verify}; bad input becomes a {@link VerifyUsageException}. */
record VerifyOptions(Mode mode, MigrationConfig config, boolean json) {

  enum Mode { CHECK, LIST_VARIANTS, DIAGRAM, HELP }

  static final Options OPTIONS = new Options()
      .addOption(valued("pages", "N", "guest memory pages, 1-" + Bounds.MAX_PAGES + " (default " + Bounds.DEFAULT.pages() + ")"))
      .addOption(valued("writes", "N", "guest writes and packets in a run, 0-" + Bounds.MAX_WRITES
          + " (default " + Bounds.DEFAULT.writes() + ")"))
      .addOption(valued("rounds", "N", "maximum pre-copy rounds, 1-" + Bounds.MAX_ROUNDS
          + " (default " + Bounds.DEFAULT.rounds() + ")"))
      .addOption(valued("threshold", "N", "switch over when at most N pages are dirty, 0-" + Bounds.MAX_PAGES
          + " (default " + Bounds.DEFAULT.threshold() + ")"))
      .addOption(valued("fault-budget", "N", "message faults (loss, duplication, reorder) per run, 0-"
          + Bounds.MAX_FAULT_BUDGET + " (default " + Bounds.DEFAULT.faultBudget() + ")"))
      .addOption(valued("announce-loss-budget", "N", "lost RARP announcements per run, 0-"
          + Bounds.MAX_ANNOUNCE_LOSS_BUDGET + " (default " + Bounds.DEFAULT.announceLossBudget() + ")"))
      .addOption(valued("attempts", "N", "migration attempts: after an abort the source retries until N were made, 1-"
          + Bounds.MAX_ATTEMPTS + " (default " + Bounds.DEFAULT.attempts() + ")"))
      .addOption(valued("faults", "LIST", "all, none, or a comma-separated list of: " + Fault.acceptedNames()
          + " (default all)"))
      .addOption(valued("reductions", "LIST", "all, none, or a comma-separated list of: " + Reduction.acceptedNames()
          + " (default all; they never change a verdict)"))
      .addOption(valued("variant", "NAME", "protocol variant to check (default correct); see --list-variants"))
      .addOption(valued("format", "FORMAT", "report format: text or json (default text)"))
      .addOption(Option.builder().longOpt("list-variants").desc("list the protocol variants and exit").get())
      .addOption(Option.builder().longOpt("diagram").desc("print the protocol's Mermaid state diagram and exit").get())
      .addOption(Option.builder().longOpt("help").desc("show this help").get());

  private static Option valued(String name, String argName, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).get();
  }

  static VerifyOptions parse(String[] args) throws VerifyUsageException {
    CommandLine line;
    try {
      line = DefaultParser.builder().setAllowPartialMatching(false).get().parse(OPTIONS, args);
    } catch (UnrecognizedOptionException e) {
      throw new VerifyUsageException("unknown option " + e.getOption() + "; accepted options: " + acceptedOptions());
    } catch (ParseException e) {
      throw new VerifyUsageException(e.getMessage() + "; accepted options: " + acceptedOptions());
    }
    if (!line.getArgList().isEmpty()) {
      throw new VerifyUsageException("unexpected argument '" + line.getArgList().get(0)
          + "'; accepted options: " + acceptedOptions());
    }
    boolean json = parseFormat(line.getOptionValue("format", "text"));
    Mode mode = line.hasOption("help") ? Mode.HELP
        : line.hasOption("list-variants") ? Mode.LIST_VARIANTS
        : line.hasOption("diagram") ? Mode.DIAGRAM
        : Mode.CHECK;
    Bounds bounds = new Bounds(
        integer(line, "pages", Bounds.DEFAULT.pages(), 1, Bounds.MAX_PAGES),
        integer(line, "writes", Bounds.DEFAULT.writes(), 0, Bounds.MAX_WRITES),
        integer(line, "rounds", Bounds.DEFAULT.rounds(), 1, Bounds.MAX_ROUNDS),
        integer(line, "threshold", Bounds.DEFAULT.threshold(), 0, Bounds.MAX_PAGES),
        integer(line, "fault-budget", Bounds.DEFAULT.faultBudget(), 0, Bounds.MAX_FAULT_BUDGET),
        integer(line, "announce-loss-budget", Bounds.DEFAULT.announceLossBudget(), 0, Bounds.MAX_ANNOUNCE_LOSS_BUDGET),
        integer(line, "attempts", Bounds.DEFAULT.attempts(), 1, Bounds.MAX_ATTEMPTS));
    Set<Fault> faults = parseFaults(line.getOptionValue("faults", "all"));
    Set<Reduction> reductions = parseReductions(line.getOptionValue("reductions", "all"));
    String variantName = line.getOptionValue("variant", Variant.CORRECT.cliName());
    Variant variant = Variant.byName(variantName).orElseThrow(() -> new VerifyUsageException(
        "--variant: unknown variant '" + variantName + "'; accepted values: " + Variant.acceptedNames()));
    return new VerifyOptions(mode, new MigrationConfig(bounds, faults, variant, reductions), json);
  }

  private static boolean parseFormat(String format) throws VerifyUsageException {
    return switch (format) {
      case "text" -> false;
      case "json" -> true;
      default -> throw new VerifyUsageException("--format: unknown format '" + format + "'; accepted values: text, json");
    };
  }

  private static int integer(CommandLine line, String name, int fallback, int min, int max) throws VerifyUsageException {
    String value = line.getOptionValue(name);
    if (value == null) {
      return fallback;
    }
    String accepted = "; accepted values: integers from " + min + " to " + max;
    int parsed;
    try {
      parsed = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new VerifyUsageException("--" + name + ": '" + value + "' is not a number" + accepted);
    }
    if (parsed < min || parsed > max) {
      throw new VerifyUsageException("--" + name + ": " + parsed + " is out of range" + accepted);
    }
    return parsed;
  }

  static Set<Fault> parseFaults(String list) throws VerifyUsageException {
    String accepted = "; accepted values: all, none, or a comma-separated list of " + Fault.acceptedNames();
    switch (list.trim()) {
      case "all":
        return EnumSet.allOf(Fault.class);
      case "none":
        return EnumSet.noneOf(Fault.class);
      case "":
        throw new VerifyUsageException("--faults: empty list" + accepted);
      default:
        break;
    }
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    for (String name : List.of(list.split(",", -1))) {
      String trimmed = name.trim();
      Fault fault = Fault.byName(trimmed).orElseThrow(() ->
          new VerifyUsageException("--faults: unknown fault '" + trimmed + "'" + accepted));
      faults.add(fault);
    }
    return faults;
  }

  static Set<Reduction> parseReductions(String list) throws VerifyUsageException {
    String accepted = "; accepted values: all, none, or a comma-separated list of " + Reduction.acceptedNames();
    switch (list.trim()) {
      case "all":
        return EnumSet.allOf(Reduction.class);
      case "none":
        return EnumSet.noneOf(Reduction.class);
      case "":
        throw new VerifyUsageException("--reductions: empty list" + accepted);
      default:
        break;
    }
    Set<Reduction> reductions = EnumSet.noneOf(Reduction.class);
    for (String name : List.of(list.split(",", -1))) {
      String trimmed = name.trim();
      reductions.add(Reduction.byName(trimmed).orElseThrow(() ->
          new VerifyUsageException("--reductions: unknown reduction '" + trimmed + "'" + accepted)));
    }
    return reductions;
  }

  private static String acceptedOptions() {
    return "--pages, --writes, --rounds, --threshold, --fault-budget, --announce-loss-budget, --attempts, --faults, "
        + "--reductions, --variant, --format, --list-variants, --diagram, --help";
  }
}

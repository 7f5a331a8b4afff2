package io.vmotion.cli;

import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.RuleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code --rules DIR} (repeatable) and {@code --no-builtin-rules}, shared by every command that evaluates rules. */
final class RuleOptions {

  private RuleOptions() {}

  static Options addTo(Options o) {
    o.addOption(Option.builder().longOpt("rules").hasArg().argName("DIR")
        .desc("also load this folder's .drl and data/*.json files, over the built-in set (repeatable; a rule with a built-in rule's @id replaces it)").get());
    o.addOption(Option.builder().longOpt("no-builtin-rules").desc("use only the given rule folders, not the built-in rules and data").get());
    o.addOption(Option.builder().longOpt("rule-timeout").hasArg().argName("SECONDS")
        .desc("end the run (exit 2) when one rule runs this long without ending, naming it (default "
            + RuleBase.DEFAULT_RULE_TIMEOUT.toSeconds() + ")").get());
    return o;
  }

  /** --rule-timeout, a positive number of seconds (fractions allowed, for tests). */
  static java.time.Duration ruleTimeout(CommandLine cmd) throws UsageException {
    if (!cmd.hasOption("rule-timeout")) return RuleBase.DEFAULT_RULE_TIMEOUT;
    String v = cmd.getOptionValue("rule-timeout");
    try {
      double seconds = Double.parseDouble(v);
      if (seconds > 0 && seconds <= 86_400) return java.time.Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--rule-timeout " + v + ": give a number of seconds above 0 and at most 86400, e.g. --rule-timeout 60");
  }

  /** The built-in set (unless --no-builtin-rules), then each --rules folder, then {@code moreFolders}, in order. */
  static List<RuleSource> sources(CommandLine cmd, List<String> moreFolders) throws UsageException, IOException {
    List<String> folders = new ArrayList<>();
    String[] given = cmd.getOptionValues("rules");
    if (given != null) folders.addAll(List.of(given));
    folders.addAll(moreFolders);
    boolean builtin = !cmd.hasOption("no-builtin-rules");
    if (!builtin && folders.isEmpty()) throw new UsageException("--no-builtin-rules needs at least one rule folder (--rules DIR)");
    List<RuleSource> sources = new ArrayList<>();
    if (builtin) sources.add(RuleSource.builtin());
    for (String f : folders) {
      Path p = Path.of(f);
      if (!Files.exists(p)) throw new IOException(f + ": no such folder");
      sources.add(RuleSource.folder(p));
    }
    return sources;
  }

  static RuleBase build(CommandLine cmd) throws UsageException, IOException, RuleBuildException {
    return RuleBase.build(sources(cmd, List.of())).withRuleTimeout(ruleTimeout(cmd));
  }
}

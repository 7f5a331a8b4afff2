package io.vmotion.cli;

import io.vmotion.inventory.JsonPositions;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.RuleFile;
import io.vmotion.rules.RuleInfo;
import io.vmotion.rules.RuleSource;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code vmotion explain RULE_ID}: what a rule checks, why vMotion needs it, how to fix it, from its own metadata. */
final class ExplainCommand {

  private final PrintStream out;
  private final PrintStream err;

  ExplainCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  private static Options options() {
    Options o = RuleOptions.addTo(new Options());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  int run(String[] args) {
    try {
      CommandLine cmd = ValidateCommand.parse(options(), args);
      if (cmd.hasOption("help")) {
        out.print(Help.render("vmotion explain RULE_ID [--rules DIR]... [--no-builtin-rules]",
            "Explain a rule: what it checks and why vMotion needs it, how to fix it, the vSphere fault it mirrors.", options(), ""));
        return Main.OK;
      }
      if (cmd.getArgList().size() != 1) throw new UsageException("expected one rule id, found " + cmd.getArgList().size() + "; 'vmotion rules list' shows them");
      String id = cmd.getArgList().get(0);
      RuleBase rules = RuleOptions.build(cmd);
      RuleInfo r = rules.rule(id);
      if (r == null) {
        List<String> ids = rules.rules().stream().map(RuleInfo::id).toList();
        List<String> near = JsonPositions.nearest(id, ids, 3);
        err.println("vmotion explain: no rule has the id \"" + id + "\""
            + (near.isEmpty() ? "" : "; closest: " + String.join(", ", near)) + ". 'vmotion rules list' shows them all.");
        return Main.USAGE;
      }
      out.print(render(r, extra(rules, r)));
      return Main.OK;
    } catch (UsageException e) {
      err.println("vmotion explain: " + e.getMessage());
      err.println("usage: vmotion explain RULE_ID [--rules DIR]... [--no-builtin-rules]");
      return Main.USAGE;
    } catch (RuleBuildException | IOException e) {
      return Failure.report(err, "explain", e);
    }
  }

  /** {@code explain/<id>.md} of the source that defines the rule, when there is one. */
  private static String extra(RuleBase rules, RuleInfo r) {
    String name = "explain/" + r.id() + ".md";
    String found = null;
    for (RuleSource s : rules.sources()) {
      boolean defines = s.drlFiles().stream().map(RuleFile::displayPath).anyMatch(r.file()::equals);
      if (!defines) continue;
      for (RuleFile f : s.files()) if (f.name().equals(name)) found = f.text();
    }
    return found;
  }

  static String render(RuleInfo r, String extra) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.id()).append(" (").append(r.severity().json()).append("): ").append(r.title()).append('\n');
    sb.append("defined in ").append(r.location()).append("\n\n");
    section(sb, "What it checks and why vMotion needs it", r.explain() == null ? "(the rule has no @explain)" : r.explain());
    section(sb, "How to fix it", r.remediation());
    section(sb, "vSphere fault it mirrors", r.fault() == null ? "(none given)" : r.fault());
    section(sb, "Documentation", r.docs() == null ? "(none given)" : r.docs());
    if (extra != null && !extra.isBlank()) section(sb, "More", extra.strip());
    return sb.toString();
  }

  private static void section(StringBuilder sb, String heading, String text) {
    sb.append(heading).append(":\n");
    for (String paragraph : text.split("\n")) {
      for (String line : wrap(paragraph, 96)) sb.append("  ").append(line).append('\n');
    }
    sb.append('\n');
  }

  private static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) line.append(' ');
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}

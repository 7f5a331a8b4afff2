package io.vmotion.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** One help layout and one option parser for every command. */
final class Help {

  /** Options that may be given more than once; any other given twice is a usage error, not "the last one wins". */
  private static final Set<String> REPEATABLE = Set.of("rules");

  private Help() {}

  /** Usage line, what the command does, its options, then what follows (exit codes, see also). */
  static String render(String usage, String description, Options options, String footer) {
    StringWriter s = new StringWriter();
    new HelpFormatter().printHelp(new PrintWriter(s), 100, usage, description.isEmpty() ? "" : description + "\n\n", options, 2, 4,
        footer.isEmpty() ? "" : "\n" + footer);
    return s.toString();
  }

  static CommandLine parse(Options options, String[] args) throws UsageException {
    CommandLine cmd;
    try {
      cmd = new DefaultParser().parse(options, args);
    } catch (ParseException e) {
      throw new UsageException(e.getMessage());
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Option o : cmd.getOptions()) {
      String name = o.getLongOpt() != null ? o.getLongOpt() : o.getOpt();
      if (seen.merge(name, 1, Integer::sum) == 2 && !REPEATABLE.contains(name)) {
        throw new UsageException("--" + name + " is given more than once; give it once");
      }
    }
    return cmd;
  }
}

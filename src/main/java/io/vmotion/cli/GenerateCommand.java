package io.vmotion.cli;

import io.vmotion.inventory.synthetic.InventoryGenerator;
import io.vmotion.report.AtomicOutput;
import io.vmotion.rules.RuleBase;
import io.vmotion.rules.RuleBuildException;
import io.vmotion.rules.facts.EvcBaseline;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code vmotion generate}: a synthetic inventory, the same for the same seed. */
final class GenerateCommand {

  private final PrintStream out;
  private final PrintStream err;

  GenerateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("hosts").hasArg().argName("N").desc("number of hosts (at least 2)").get());
    o.addOption(Option.builder().longOpt("vms").hasArg().argName("N").desc("number of VMs").get());
    o.addOption(Option.builder().longOpt("clusters").hasArg().argName("N").desc("number of clusters (default 1)").get());
    o.addOption(Option.builder().longOpt("seed").hasArg().argName("S").desc("random seed (default 1)").get());
    o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE").desc("write to FILE instead of stdout").get());
    o.addOption(Option.builder("h").longOpt("help").desc("show this help").get());
    return o;
  }

  int run(String[] args) {
    try {
      CommandLine cmd = ValidateCommand.parse(options(), args);
      if (cmd.hasOption("help")) {
        out.print(Help.render("vmotion generate --hosts N --vms N [--clusters N] [--seed S] [-o FILE]",
            "Write a synthetic inventory (format v1) for benchmarks and tests: N hosts in clusters of mixed CPU generations,"
                + " N powered-on VMs (vCenter counts those) plus one powered-off VM per nine. The same seed gives the same inventory.",
            options(), "Exit codes: 0 written, 2 bad usage or an unwritable -o."));
        return Main.OK;
      }
      if (!cmd.getArgList().isEmpty()) throw new UsageException("unexpected argument " + cmd.getArgList().get(0));
      int hosts = (int) number(cmd, "hosts", -1, 2, 100_000);
      int vms = (int) number(cmd, "vms", -1, 0, 10_000_000);
      int clusters = (int) number(cmd, "clusters", 1, 1, hosts);
      long seed = number(cmd, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
      Map<String, Set<String>> baselines = new LinkedHashMap<>();
      for (EvcBaseline b : RuleBase.builtin().data().baselines().values()) baselines.put(b.key(), b.features());
      InventoryGenerator generator = new InventoryGenerator(hosts, vms, clusters, seed, baselines);
      err.println("vmotion generate: seed " + seed);
      if (cmd.hasOption("output")) {
        AtomicOutput.toFile(Path.of(cmd.getOptionValue("output")), generator::write);
        err.println("vmotion generate: wrote " + hosts + " hosts and " + vms + " powered-on VMs in " + clusters
            + (clusters == 1 ? " cluster" : " clusters") + " to " + cmd.getOptionValue("output"));
      } else {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        generator.write(w);
        w.flush();
      }
      return Main.OK;
    } catch (UsageException e) {
      err.println("vmotion generate: " + e.getMessage());
      return Main.USAGE;
    } catch (RuleBuildException e) {
      err.print(e.render());
      return Main.USAGE;
    } catch (IOException e) {
      err.println("vmotion generate: " + e.getMessage());
      return Main.USAGE;
    }
  }

  private static long number(CommandLine cmd, String option, long fallback, long min, long max) throws UsageException {
    String v = cmd.getOptionValue(option);
    if (v == null) {
      if (fallback < 0 && min >= 0) throw new UsageException("--" + option + " is required");
      return fallback;
    }
    try {
      long n = Long.parseLong(v);
      if (n < min || n > max) throw new UsageException("--" + option + " " + v + ": must be between " + min + " and " + max);
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + option + " " + v + ": not a whole number");
    }
  }
}

package io.vmotion.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line. Like google-java-format's Main, it takes its output streams and returns the exit
 * code, so tests drive it in-process; only {@link #main} calls System.exit.
 *
 * <p>Exit codes: 0 nothing at or above the failure threshold, 1 something is (or a property is
 * violated, or a rule case fails), 2 the command could not run as asked (usage, input, rule build).
 */
public final class Main {

  public static final int OK = 0;
  public static final int FINDINGS = 1;
  public static final int USAGE = 2;

  static final String USAGE_TEXT =
      """
      usage: vmotion <command> [options]

      commands:
        validate [INVENTORY]   check which VMs can vMotion where, and why not (default: the bundled example)
        plan INVENTORY --evacuate HOST[,HOST…]
                               write an evacuation plan in waves that the rules certify (or --rebalance)
        import rvtools|vsphere FILE [-o OUT]
                               convert an RVTools .xlsx or a vSphere JSON dump to an inventory
        rules list|check|test  list the loaded rules, check a rule folder, run its test cases
        explain RULE_ID        what a rule checks, why vMotion needs it, and how to fix it
        verify                 model-check the live-migration protocol
        generate               write a synthetic inventory (--hosts N --vms N --clusters N [--seed S])
        estimate               how long a vMotion takes (--memory-mb M --link-mbps B ..., or INVENTORY [--vm NAME])
        help                   this text
        --version              the version of vmotion

      Run 'vmotion <command> --help' for a command's options.
      """;

  private final PrintStream out;
  private final PrintStream err;

  public Main(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    PrintStream reports = System.out;
    // Stdout carries the report, which a pipe may parse: whatever a rule or library prints goes to stderr.
    System.setOut(System.err);
    int code = new Main(reports, System.err).run(args);
    reports.flush();
    System.exit(code);
  }

  public int run(String... args) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      return switch (args[0]) {
        case "validate" -> new ValidateCommand(out, err).run(rest);
        case "plan" -> new PlanCommand(out, err).run(rest);
        case "import" -> new ImportCommand(out, err).run(rest);
        case "rules" -> new RulesCommand(out, err).run(rest);
        case "explain" -> new ExplainCommand(out, err).run(rest);
        case "verify" -> VerifyCommand.run(rest, out, err);
        case "generate" -> new GenerateCommand(out, err).run(rest);
        case "estimate" -> new EstimateCommand(out, err).run(rest);
        case "--version", "version" -> {
          out.println("vmotion " + io.vmotion.report.Version.current());
          yield OK;
        }
        case "help", "--help", "-h" -> {
          out.print(USAGE_TEXT);
          yield OK;
        }
        default -> {
          err.println("vmotion: unknown command '" + args[0] + "'");
          err.print(USAGE_TEXT);
          yield USAGE;
        }
      };
    } catch (OutOfMemoryError e) {
      outOfMemory(args);
      return USAGE;
    } catch (RuntimeException | Error e) {
      // A bug must still end with a message and exit code, never a bare trace in the user's report.
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      err.println("vmotion: internal error: " + e);
      err.println("Please report it with the command line and input. Details:");
      err.print(trace);
      return USAGE;
    }
  }

  /** Not a bug of vmotion but an input larger than the heap: say which input, how large, and how to give more. */
  private void outOfMemory(String[] args) {
    List<String> inputs = new ArrayList<>();
    for (String a : args) {
      try {
        Path p = Path.of(a);
        if (Files.isRegularFile(p)) inputs.add(a + " (" + String.format("%.1f MB", Files.size(p) / 1e6) + ")");
      } catch (RuntimeException | java.io.IOException e) {
        // not a path
      }
    }
    long max = Runtime.getRuntime().maxMemory();
    err.println("vmotion: out of memory: the Java heap (at most " + String.format("%.1f GiB", max / (double) (1L << 30))
        + ") is too small for " + (inputs.isEmpty() ? "this run" : String.join(", ", inputs)) + ".");
    err.println("Give Java more, e.g. VMOTION_JAVA_OPTS=-Xmx" + Math.max(2, 2 * (int) Math.ceil(max / (double) (1L << 30)))
        + "g ./vmotion " + String.join(" ", args) + "  (with plain java: java -Xmx… -jar vmotion.jar …)");
  }
}

package io.vmotion.cli;

import io.vmotion.checker.CheckResult;
import io.vmotion.checker.ModelChecker;
import io.vmotion.checker.StateSpaceTooLargeException;
import io.vmotion.protocol.Diagram;
import io.vmotion.protocol.MigrationModel;
import io.vmotion.protocol.MigrationState;
import io.vmotion.protocol.Variant;
import java.io.PrintStream;
import org.apache.commons.cli.Option;

/**
 * {@code vmotion verify}: model-checks the live-migration protocol (or a seeded-bug variant of it) and
 * reports whether every property holds. Exit codes: 0 pass, 1 violation, 2 usage error.
 */
public final class VerifyCommand {
  public static final int PASS = 0;
  public static final int VIOLATION = 1;
  public static final int USAGE_ERROR = 2;

  private VerifyCommand() {
  }

  /** @param args the arguments after the word {@code verify} */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    VerifyOptions options;
    try {
      options = VerifyOptions.parse(args);
    } catch (VerifyUsageException e) {
      err.println("vmotion verify: " + e.getMessage());
      err.println("Try 'vmotion verify --help'.");
      return USAGE_ERROR;
    } catch (IllegalArgumentException e) {
      err.println("vmotion verify: " + e.getMessage());
      return USAGE_ERROR;
    }
    switch (options.mode()) {
      case HELP -> {
        printHelp(out);
        return PASS;
      }
      case LIST_VARIANTS -> {
        listVariants(out);
        return PASS;
      }
      case DIAGRAM -> {
        out.print(Diagram.mermaid());
        out.flush();
        return PASS;
      }
      default -> {
        MigrationModel model = new MigrationModel(options.config());
        CheckResult result;
        try {
          result = new ModelChecker<MigrationState>(model, err).check();
        } catch (StateSpaceTooLargeException | OutOfMemoryError e) {
          // Everything the search held is garbage once unwound, so reporting is still safe here.
          err.println("vmotion verify: the state space is too large for these bounds (" + options.config().bounds()
              + "); lower --pages, --writes, --rounds, --fault-budget or --attempts, or give the JVM more heap (-Xmx)");
          return USAGE_ERROR;
        }
        out.print(options.json()
            ? VerifyReport.json(options.config(), result)
            : VerifyReport.text(options.config(), result));
        out.flush();
        return result.passed() ? PASS : VIOLATION;
      }
    }
  }

  private static void listVariants(PrintStream out) {
    int width = 0;
    for (Variant v : Variant.values()) {
      width = Math.max(width, v.cliName().length());
    }
    for (Variant v : Variant.values()) {
      out.printf("%-" + width + "s  %s%n", v.cliName(), v.description());
    }
    out.flush();
  }

  private static void printHelp(PrintStream out) {
    out.println("usage: vmotion verify [options]");
    out.println("Model-check the live-migration protocol under the given bounds and faults.");
    for (Option option : VerifyOptions.OPTIONS.getOptions()) {
      String name = "--" + option.getLongOpt() + (option.hasArg() ? " " + option.getArgName() : "");
      out.printf("  %-26s %s%n", name, option.getDescription());
    }
    out.println("Properties: " + String.join(", ", VerifyReport.PROPERTIES) + " (see docs/protocol-verification.md).");
    out.println("Exit status: 0 every property holds, 1 a property is violated, 2 usage error.");
    out.flush();
  }
}

package io.vmotion.cli;

import io.vmotion.inventory.InvalidInputException;
import io.vmotion.rules.RuleBuildException;
import java.io.PrintStream;

/**
 * How every command reports what stopped it (bad input, rules that do not build, an unreadable
 * file, a rule that failed): one message on stderr, never a stack trace, and exit code 2.
 */
final class Failure {

  private Failure() {}

  static int report(PrintStream err, String command, Exception e) {
    if (e instanceof InvalidInputException i) {
      err.print(i.render());
    } else if (e instanceof RuleBuildException b) {
      err.println("vmotion: the rules do not build:");
      err.print(b.render());
    } else {
      err.println("vmotion " + command + ": " + e.getMessage());
    }
    return Main.USAGE;
  }
}

package io.vmotion.app;

import java.io.PrintStream;

/**
 * Phase times on stderr, for benchmarks: enabled with {@code -Dvmotion.timing=true} (the
 * launcher passes VMOTION_JAVA_OPTS), silent otherwise.
 */
public final class Timings {

  private static final boolean ENABLED = Boolean.getBoolean("vmotion.timing");

  private final PrintStream err;
  private long last = System.nanoTime();

  public Timings(PrintStream err) {
    this.err = err;
  }

  /** A phase timed elsewhere (another thread). */
  public void report(String phase, long nanos) {
    if (ENABLED) err.printf("timing: %-40s %8.2f s%n", phase, nanos / 1e9);
  }

  public void mark(String phase) {
    if (!ENABLED) return;
    long now = System.nanoTime();
    err.printf("timing: %-40s %8.2f s%n", phase, (now - last) / 1e9);
    last = now;
  }
}

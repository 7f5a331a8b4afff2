package io.vmotion.cli;

import io.vmotion.rules.Progress;
import java.io.PrintStream;

/**
 * A progress line on stderr, only when stderr is a terminal and the run has lasted two seconds:
 * short runs and pipelines (CI logs) stay clean, and stdout never sees it.
 */
final class TerminalProgress implements Progress, AutoCloseable {

  private static final long QUIET_NANOS = 2_000_000_000L;
  private static final long EVERY_NANOS = 250_000_000L;

  private final PrintStream err;
  private final boolean enabled;
  private final long start = System.nanoTime();
  private long last;
  private boolean printed;

  private TerminalProgress(PrintStream err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  /** Enabled when this JVM's stderr is a terminal (System.console is null when it is redirected). */
  static TerminalProgress forStderr(PrintStream err) {
    return new TerminalProgress(err, err == System.err && System.console() != null);
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    if (!enabled) return;
    long now = System.nanoTime();
    if (now - start < QUIET_NANOS || now - last < EVERY_NANOS) return;
    last = now;
    printed = true;
    err.printf("\r%s: %,d of %,d (%d%%), %ds   ", phase, done, total, total == 0 ? 100 : done * 100 / total, (now - start) / 1_000_000_000L);
    err.flush();
  }

  @Override
  public void close() {
    if (printed) {
      err.print("\r" + " ".repeat(78) + "\r");
      err.flush();
    }
  }
}

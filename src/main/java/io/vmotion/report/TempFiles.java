package io.vmotion.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files that must not outlive the run: a shutdown hook removes what is left when the JVM
 * ends on SIGINT (Ctrl-C) or SIGTERM, which skip every finally block.
 */
public final class TempFiles {

  private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : LIVE) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // nothing more can be done while the JVM ends
        }
      }
    }, "vmotion-temp-cleanup"));
  }

  private TempFiles() {}

  public static void deleteOnSignal(Path p) {
    LIVE.add(p);
  }

  public static void forget(Path p) {
    LIVE.remove(p);
  }
}

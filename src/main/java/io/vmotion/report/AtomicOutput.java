package io.vmotion.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a report whole or not at all: it is rendered into a temporary file first, then renamed
 * over the destination (or copied to stdout), so a crash mid-report never leaves half of one.
 */
public final class AtomicOutput {

  public interface Render {
    void to(Writer w) throws IOException;
  }

  private AtomicOutput() {}

  /**
   * Refuses a destination that is one of the command's inputs (the report would replace the
   * inventory it was made from) or a directory; call it before the work, so nothing is lost.
   */
  public static void checkDestination(Path destination, List<Path> inputs) throws IOException {
    if (Files.isDirectory(destination)) {
      throw new IOException("-o " + destination + " is a directory; give the path of a file to write");
    }
    for (Path input : inputs) {
      if (input == null) continue;
      boolean same = destination.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())
          || (Files.exists(destination) && Files.exists(input) && Files.isSameFile(destination, input));
      if (same) {
        throw new IOException("-o " + destination + " is the input " + input + "; writing the report there would replace it. Give another file");
      }
    }
  }

  /**
   * Renders into a temporary file beside {@code destination} and renames it over it. A destination
   * that exists and is not a regular file (/dev/null, a FIFO, a terminal) is written into instead:
   * a rename would replace the device node with a file.
   */
  public static void toFile(Path destination, Render render) throws IOException {
    if (Files.exists(destination) && !Files.isRegularFile(destination) && !Files.isDirectory(destination)) {
      try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.WRITE)) {
        toStream(out, render);
      }
      return;
    }
    checkDestination(destination, List.of());
    Path dir = destination.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: its owner-only permissions would stick to the renamed report.
    Path tmp = dir.resolve("." + destination.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        render.to(w);
      }
      try {
        Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void toStream(OutputStream out, Render render) throws IOException {
    Path tmp = Files.createTempFile("vmotion-report", ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        render.to(w);
      }
      Files.copy(tmp, out);
      out.flush();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}

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

/**
 * Writes a report whole or not at all: it is rendered into a temporary file first, then renamed
 * over the destination (or copied to stdout), so a crash mid-report never leaves half of one.
 */
public final class AtomicOutput {

  public interface Render {
    void to(Writer w) throws IOException;
  }

  private AtomicOutput() {}

  public static void toFile(Path destination, Render render) throws IOException {
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

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
 * Writes a report to a file whole or not at all: it is rendered into a temporary file first, then
 * renamed over the destination, so a crash mid-report never leaves half of one (and Ctrl-C leaves no
 * temporary file). To stdout it is streamed.
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
    // A link is written through to what it names: renaming over the link would replace the link itself.
    for (int hops = 0; Files.isSymbolicLink(destination) && hops < 40; hops++) {
      Path target = Files.readSymbolicLink(destination);
      destination = destination.toAbsolutePath().getParent().resolve(target);
    }
    if (Files.exists(destination) && !Files.isRegularFile(destination) && !Files.isDirectory(destination)) {
      try (OutputStream out = Files.newOutputStream(destination, StandardOpenOption.WRITE)) {
        toStream(out, render);
      }
      return;
    }
    checkDestination(destination, List.of());
    Path dir = destination.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      throw new IOException("-o " + destination + ": the folder " + dir + " does not exist; create it first (mkdir -p " + dir + ")");
    }
    // Not Files.createTempFile: its owner-only permissions would stick to the renamed report.
    Path tmp = dir.resolve("." + destination.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    TempFiles.deleteOnSignal(tmp);
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        render.to(w);
      }
      try {
        Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException("-o " + destination + ": permission denied: cannot write in " + dir + "; choose a folder you can write to");
    } catch (java.nio.file.FileSystemException e) {
      String why = e.getReason() == null ? e.getMessage() : e.getReason();
      throw new IOException("-o " + destination + ": " + (why.contains("No space") ? "no space left on the device of " + dir
          + "; free some space or write elsewhere" : why.contains("Read-only") ? "the file system of " + dir + " is read-only" : why)
          + " (nothing was written)");
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new IOException("-o " + destination + ": " + (why.contains("No space") ? "no space left on the device of " + dir
          + "; free some space or write elsewhere" : why) + " (nothing was written)");
    } finally {
      Files.deleteIfExists(tmp);
      TempFiles.forget(tmp);
    }
  }

  /**
   * Streams the report straight to {@code out} (stdout), not staged in /tmp: every input error is
   * found before rendering starts, so a bad input never yields a partial report, and a report of
   * hundreds of megabytes needs no disk. Only an interrupted run (a signal, a closed pipe) ends it
   * early; a consumer that must not see a partial report writes with -o, which is atomic.
   */
  public static void toStream(OutputStream out, Render render) throws IOException {
    Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    }, StandardCharsets.UTF_8), 1 << 16);
    render.to(w);
    w.flush();
    out.flush();
  }
}

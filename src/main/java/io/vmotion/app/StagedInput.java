package io.vmotion.app;

import io.vmotion.inventory.InvalidInputException;
import io.vmotion.report.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An input as a regular file that can be read more than once. Telling an inventory's format apart
 * reads its start, and the importers open it again, which a pipe ({@code validate <(…)},
 * {@code /dev/stdin}) or {@code -} (stdin) cannot give: such inputs are copied, within the size
 * limit, to a private temporary file first, removed when done.
 */
public final class StagedInput implements AutoCloseable {

  private final Path path;
  private final String name;
  private final boolean temporary;

  private StagedInput(Path path, String name, boolean temporary) {
    this.path = path;
    this.name = name;
    this.temporary = temporary;
  }

  /** {@code given} as it is when it is a regular file (or missing: the reader says so), else copied. */
  public static StagedInput of(String given, InputStream stdin, long maxBytes) throws InvalidInputException {
    boolean fromStdin = given.equals("-");
    Path p = Path.of(fromStdin ? "/dev/stdin" : given);
    if (!fromStdin && (!Files.exists(p) || Files.isRegularFile(p) || Files.isDirectory(p))) return new StagedInput(p, given, false);
    String name = fromStdin ? "stdin" : given;
    Path tmp = null;
    try {
      tmp = Files.createTempFile("vmotion-input", ".tmp");
      TempFiles.deleteOnSignal(tmp);
      try (InputStream in = fromStdin ? stdin : Files.newInputStream(p); OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
          total += n;
          if (total > maxBytes) throw InvalidInputException.of(name, "holds more than " + maxBytes + " bytes; larger inputs are refused");
          out.write(buf, 0, n);
        }
      }
      return new StagedInput(tmp, name, true);
    } catch (IOException e) {
      deleteQuietly(tmp);
      throw InvalidInputException.of(name, "cannot read: " + e.getMessage());
    } catch (InvalidInputException e) {
      deleteQuietly(tmp);
      throw e;
    }
  }

  /** A regular file holding the input. */
  public Path path() {
    return path;
  }

  /** How messages and reports name the input: as given, or "stdin". */
  public String name() {
    return name;
  }

  public boolean staged() {
    return temporary;
  }

  @Override
  public void close() {
    if (temporary) deleteQuietly(path);
  }

  private static void deleteQuietly(Path p) {
    if (p == null) return;
    try {
      Files.deleteIfExists(p);
      TempFiles.forget(p);
    } catch (IOException e) {
      // a temp file left in /tmp is harmless
    }
  }
}

package io.vmotion.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Where a rule set comes from: a folder on disk, or the set built into the jar. */
public record RuleSource(String label, List<RuleFile> files) {

  static final String BUILTIN_ROOT = "vmotion/rules";

  public RuleSource {
    files = List.copyOf(files);
  }

  /** Reads every file under {@code dir}, sorted by name so that builds are reproducible. */
  public static RuleSource folder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder of rules");
    return new RuleSource(dir.toString(), readTree(dir, dir.toString()));
  }

  /** The rules packaged with vmotion (the same files as the repository's rules/ folder). */
  public static RuleSource builtin() {
    URL url = RuleSource.class.getClassLoader().getResource(BUILTIN_ROOT);
    if (url == null) throw new IllegalStateException("built-in rules missing from the class path: " + BUILTIN_ROOT);
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return new RuleSource("built-in", readTree(fs.getPath("/" + BUILTIN_ROOT), "built-in:"));
      }
      return new RuleSource("built-in", readTree(Path.of(uri), "built-in:"));
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("cannot read built-in rules: " + e.getMessage(), e);
    }
  }

  /** The largest rule, data or case file read; larger ones are refused, so a stray dump cannot exhaust memory. */
  static final long MAX_FILE_BYTES = 32L << 20;

  /**
   * Reads the files a rule folder is made of: {@code .drl} files, {@code data/*.json},
   * {@code cases/**.json} and {@code explain/*.md}, each a regular file inside the folder, links resolved. Anything else
   * (a README, images) is not a rule file and is left alone. A link that leads out of the folder
   * is refused: a folder from someone else must not make vmotion read (and print in an error) a
   * file the user did not name, or block on a device such as /proc/kmsg.
   */
  private static List<RuleFile> readTree(Path root, String displayRoot) throws IOException {
    List<RuleFile> out = new ArrayList<>();
    boolean onDisk = root.getFileSystem() == FileSystems.getDefault();
    Path realRoot = onDisk ? root.toRealPath() : root;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.comparing(Path::toString)).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (!isRuleFileName(rel)) continue;
        String display = displayRoot.endsWith(":") ? displayRoot + rel : Path.of(displayRoot).resolve(rel).toString();
        if (onDisk) {
          Path real = p.toRealPath();
          if (!real.startsWith(realRoot)) {
            throw new IOException(display + ": a link to " + real + ", outside the rule folder; rule folders are read only within themselves. Copy the file in");
          }
          if (!Files.isRegularFile(real)) throw new IOException(display + ": not a regular file; a rule file must be a plain file");
          if (Files.size(real) > MAX_FILE_BYTES) {
            throw new IOException(display + ": " + Files.size(real) + " bytes, over the limit of " + (MAX_FILE_BYTES >> 20) + " MiB for a rule file");
          }
        } else if (!Files.isRegularFile(p)) {
          continue;
        }
        try {
          out.add(new RuleFile(rel, display, Files.readString(p, StandardCharsets.UTF_8)));
        } catch (java.nio.charset.MalformedInputException e) {
          throw new IOException(display + ": not UTF-8 text; save it as UTF-8");
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
    return out;
  }

  /** .drl anywhere, data/*.json, the JSON files of cases/ (case files and the inventories they name), and explain/*.md. */
  static boolean isRuleFileName(String rel) {
    return rel.endsWith(".drl") || inFolder(rel, "data/", ".json") || rel.endsWith(RuleCases.SUFFIX)
        || rel.startsWith("cases/") && rel.endsWith(".json")
        || inFolder(rel, "explain/", ".md");
  }

  private static boolean inFolder(String rel, String folder, String suffix) {
    return rel.startsWith(folder) && rel.endsWith(suffix) && rel.indexOf('/', folder.length()) < 0;
  }

  public List<RuleFile> drlFiles() {
    return files.stream().filter(f -> f.name().endsWith(".drl")).toList();
  }

  public List<RuleFile> dataFiles() {
    return files.stream().filter(f -> f.name().startsWith("data/") && f.name().endsWith(".json")).toList();
  }
}

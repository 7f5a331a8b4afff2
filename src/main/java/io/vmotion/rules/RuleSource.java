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

  private static List<RuleFile> readTree(Path root, String displayRoot) throws IOException {
    List<RuleFile> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        String display = displayRoot.endsWith(":") ? displayRoot + rel : Path.of(displayRoot).resolve(rel).toString();
        try {
          out.add(new RuleFile(rel, display, Files.readString(p, StandardCharsets.UTF_8)));
        } catch (java.nio.charset.MalformedInputException e) {
          // Binary files (images in docs, say) are not rule files; leave them out.
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
    return out;
  }

  public List<RuleFile> drlFiles() {
    return files.stream().filter(f -> f.name().endsWith(".drl")).toList();
  }

  public List<RuleFile> dataFiles() {
    return files.stream().filter(f -> f.name().startsWith("data/") && f.name().endsWith(".json")).toList();
  }
}

package io.vmotion.inventory.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * CPU model text ("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz") → processor generation: its highest
 * EVC mode and its CPUID family/model. The table is data with its sources,
 * src/main/resources/vmotion/import/cpu-models.json.
 */
public final class CpuModels {

  /** One generation; family and model are null where the table does not give them. */
  public record Generation(String evc, Integer family, Integer model, String name) {}

  private record Entry(Pattern pattern, Generation generation) {}

  private static final String RESOURCE = "vmotion/import/cpu-models.json";
  private static volatile CpuModels builtin;

  private final List<Entry> entries;

  private CpuModels(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static CpuModels builtin() {
    if (builtin == null) {
      try (InputStream in = CpuModels.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the jar");
        JsonNode root = new ObjectMapper().readTree(in);
        List<Entry> entries = new ArrayList<>();
        for (JsonNode m : root.get("models")) {
          entries.add(new Entry(Pattern.compile(m.get("pattern").asText(), Pattern.CASE_INSENSITIVE),
              new Generation(m.get("evc").asText(), m.hasNonNull("family") ? m.get("family").asInt() : null,
                  m.hasNonNull("model") ? m.get("model").asInt() : null, m.path("generation").asText())));
        }
        builtin = new CpuModels(entries);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return builtin;
  }

  public Optional<Generation> find(String cpuModel) {
    if (cpuModel == null) return Optional.empty();
    String text = cpuModel.replaceAll("\\s+", " ");
    for (Entry e : entries) {
      if (e.pattern.matcher(text).find()) return Optional.of(e.generation);
    }
    return Optional.empty();
  }

  /** "intel" or "amd" from the model text, or null. */
  public static String vendor(String cpuModel) {
    if (cpuModel == null) return null;
    String t = cpuModel.toLowerCase(java.util.Locale.ROOT);
    if (t.contains("intel") || t.contains("xeon")) return "intel";
    if (t.contains("amd") || t.contains("epyc") || t.contains("opteron")) return "amd";
    return null;
  }
}

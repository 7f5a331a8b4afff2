package io.vmotion.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.inventory.EsxiVersion;
import io.vmotion.inventory.InputProblem;
import io.vmotion.inventory.JsonPositions;
import io.vmotion.rules.facts.Edition;
import io.vmotion.rules.facts.EvcBaseline;
import io.vmotion.rules.facts.GuestOs;
import io.vmotion.rules.facts.HardwareVersion;
import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.SpeculationControl;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facts behind the rules, read from the rule set's data/ files at run time so that an
 * administrator can correct or extend them without rebuilding: EVC baselines, license editions,
 * hardware versions and guest OS support. Every fact is also inserted into the rule session,
 * together with one {@link SpeculationControl} (the microcode-dependent features, possibly none).
 */
public final class RuleData {

  static final String EVC = "data/evc-baselines.json";
  static final String EDITIONS = "data/editions.json";
  static final String HARDWARE = "data/hardware-versions.json";
  static final String GUESTS = "data/guest-os.json";

  private final Map<String, EvcBaseline> baselines;
  private final List<Edition> editions;
  private final List<HardwareVersion> hardwareVersions;
  private final List<GuestOs> guests;
  private final SpeculationControl speculation;
  private final SortedMap<EsxiVersion, Integer> maxHardwareVersions;
  private final List<EsxiVersion> releases;

  private RuleData(Map<String, EvcBaseline> baselines, List<Edition> editions, List<HardwareVersion> hw, List<GuestOs> guests,
      Set<String> speculation, SortedMap<EsxiVersion, Integer> maxHardwareVersions, Set<EsxiVersion> releases) {
    this.baselines = baselines;
    this.editions = editions;
    this.hardwareVersions = hw;
    this.guests = guests;
    this.speculation = new SpeculationControl(Collections.unmodifiableSortedSet(new TreeSet<>(speculation)));
    this.maxHardwareVersions = Collections.unmodifiableSortedMap(new TreeMap<>(maxHardwareVersions));
    this.releases = List.copyOf(new TreeSet<>(releases));
  }

  public Map<String, EvcBaseline> baselines() {
    return baselines;
  }

  public Set<String> evcModes() {
    return baselines.keySet();
  }

  /**
   * The CPU features that depend on host microcode rather than on a CPU generation (evc-baselines.json's
   * {@code speculationControl}), sorted; empty when the data lists none.
   */
  public Set<String> speculationControl() {
    return speculation.features();
  }

  /**
   * The highest hardware version each ESXi release runs (hardware-versions.json's {@code releases}),
   * by release, oldest first.
   */
  public SortedMap<EsxiVersion, Integer> maxHardwareVersions() {
    return maxHardwareVersions;
  }

  /**
   * Every ESXi release (major.minor.update) the data files mention: hardware versions' and guest
   * OSes' minEsxi and maxEsxi, EVC baselines' minEsxi and the releases table; sorted, distinct.
   */
  public List<EsxiVersion> releases() {
    return releases;
  }

  public List<Object> facts() {
    List<Object> all = new ArrayList<>(baselines.values());
    all.addAll(editions);
    all.addAll(hardwareVersions);
    all.addAll(guests);
    all.add(speculation);
    return all;
  }

  /**
   * The data of these sources alone, without compiling their rules: lets an inventory be read
   * (its EVC modes checked) while the rules compile. Problems are left to {@link RuleBase#build}.
   */
  public static RuleData of(List<RuleSource> sources) {
    List<RuleFile> files = new ArrayList<>();
    for (RuleSource s : sources) files.addAll(s.dataFiles());
    return load(files, new ArrayList<>());
  }

  /**
   * Reads the data files; a later file with the same name replaces an earlier one, so a user's
   * folder can correct the built-in facts.
   */
  static RuleData load(List<RuleFile> files, List<RuleProblem> problems) {
    Map<String, RuleFile> byName = new LinkedHashMap<>();
    for (RuleFile f : files) byName.put(f.name(), f);
    ObjectMapper mapper = new ObjectMapper();
    Map<String, EvcBaseline> baselines = new LinkedHashMap<>();
    List<Edition> editions = new ArrayList<>();
    List<HardwareVersion> hw = new ArrayList<>();
    List<GuestOs> guests = new ArrayList<>();
    Set<String> speculation = new TreeSet<>();
    SortedMap<EsxiVersion, Integer> maxHardware = new TreeMap<>();
    Set<EsxiVersion> releases = new TreeSet<>();

    RuleFile evcFile = byName.get(EVC);
    JsonNode evc = parse(mapper, evcFile, "baselines", problems);
    if (evc != null && strict(evcFile, evc, "baselines", Set.of("speculationControl"),
        Set.of("key", "vendor", "label", "vsphereKey", "minEsxi", "minEsxiConfidence", "adds", "removes", "note"),
        Set.of("key", "vendor", "adds"), problems)) {
      List<InputProblem> found = new ArrayList<>();
      speculation.addAll(strings(evcFile, evc, "speculationControl", found));
      Map<String, Set<String>> cumulative = new LinkedHashMap<>();
      JsonNode entries = evc.get("baselines");
      for (int i = 0; i < entries.size(); i++) {
        JsonNode b = entries.get(i);
        String key = text(b, "key");
        String vendor = text(b, "vendor");
        Set<String> features = new TreeSet<>(cumulative.getOrDefault(vendor, Set.of()));
        JsonNode adds = b.path("adds");
        for (int j = 0; j < adds.size(); j++) {
          String a = adds.get(j).asText();
          // A microcode feature in a baseline would make every VM at that mode require it.
          if (speculation.contains(a)) {
            found.add(new InputProblem(evcFile.displayPath(), "baselines[" + i + "].adds[" + j + "]", 0, 0, "\"" + a
                + "\" is a speculation-control feature (listed in speculationControl): it comes with a microcode update, not with a CPU generation, so no baseline may add it"));
          }
          features.add(a);
        }
        // A newer baseline can drop what an older one had (AMD Zen has no XOP, FMA4 or TBM).
        for (JsonNode r : b.path("removes")) features.remove(r.asText());
        cumulative.put(vendor, features);
        String min = text(b, "minEsxi");
        version(evcFile, "baselines[" + i + "].minEsxi", min, releases, found);
        baselines.put(key, new EvcBaseline(key, vendor, text(b, "label"), min, Set.copyOf(features)));
      }
      report(evcFile, found, problems);
    }
    JsonNode ed = parse(mapper, byName.get(EDITIONS), "editions", problems);
    if (ed != null && strict(byName.get(EDITIONS), ed, "editions", Set.of(),
        Set.of("key", "label", "vmotion", "storageVmotion", "crossVcenterVmotion", "note"), Set.of("key", "vmotion"), problems)) {
      for (JsonNode e : ed.get("editions")) {
        editions.add(new Edition(text(e, "key"), text(e, "label"), e.path("vmotion").asBoolean(false)));
      }
    }
    RuleFile hwFile = byName.get(HARDWARE);
    JsonNode hv = parse(mapper, hwFile, "hardwareVersions", problems);
    if (hv != null && strict(hwFile, hv, "hardwareVersions", Set.of("releases"),
        Set.of("hardwareVersion", "esxi", "minEsxi", "maxEsxi", "label", "note"), Set.of("hardwareVersion"), problems)) {
      List<InputProblem> found = new ArrayList<>();
      JsonNode entries = hv.get("hardwareVersions");
      for (int i = 0; i < entries.size(); i++) {
        JsonNode h = entries.get(i);
        String min = text(h, "minEsxi");
        String max = text(h, "maxEsxi");
        int minKey = version(hwFile, "hardwareVersions[" + i + "].minEsxi", min, releases, found);
        int maxKey = version(hwFile, "hardwareVersions[" + i + "].maxEsxi", max, releases, found);
        if (h.has("esxi") && !h.get("esxi").asBoolean()) continue;
        hw.add(new HardwareVersion(h.path("hardwareVersion").asInt(), min, minKey, max, maxKey));
      }
      readReleases(hwFile, hv, maxHardware, found);
      releases.addAll(maxHardware.keySet());
      report(hwFile, found, problems);
    }
    RuleFile goFile = byName.get(GUESTS);
    JsonNode go = parse(mapper, goFile, "guests", problems);
    if (go != null && strict(goFile, go, "guests", Set.of(),
        Set.of("guestId", "label", "apiSince", "minEsxi", "maxEsxi", "note"), Set.of("guestId", "minEsxi"), problems)) {
      List<InputProblem> found = new ArrayList<>();
      JsonNode entries = go.get("guests");
      for (int i = 0; i < entries.size(); i++) {
        JsonNode g = entries.get(i);
        String min = text(g, "minEsxi");
        String max = text(g, "maxEsxi");
        int minKey = version(goFile, "guests[" + i + "].minEsxi", min, releases, found);
        int maxKey = version(goFile, "guests[" + i + "].maxEsxi", max, releases, found);
        guests.add(new GuestOs(text(g, "guestId"), text(g, "label"), min, minKey, max, maxKey));
      }
      report(goFile, found, problems);
    }
    return new RuleData(baselines, List.copyOf(editions), List.copyOf(hw), List.copyOf(guests), speculation, maxHardware, releases);
  }

  /** {@code releases}: each an ESXi release and the highest hardware version it runs; absent means none. */
  private static void readReleases(RuleFile file, JsonNode root, SortedMap<EsxiVersion, Integer> out, List<InputProblem> found) {
    JsonNode releases = root.get("releases");
    if (releases == null || releases.isNull()) return;
    if (!releases.isArray()) {
      found.add(new InputProblem(file.displayPath(), "releases", 0, 0, "expected an array of {\"esxi\", \"maxHardwareVersion\"} objects"));
      return;
    }
    Set<String> allowed = new TreeSet<>(Set.of("esxi", "maxHardwareVersion", "confidence", "note"));
    for (int i = 0; i < releases.size(); i++) {
      JsonNode r = releases.get(i);
      String path = "releases[" + i + "]";
      if (!r.isObject()) {
        found.add(new InputProblem(file.displayPath(), path, 0, 0, "expected an object"));
        continue;
      }
      int before = found.size();
      StrictJson.unknownFields(file.displayPath(), r, path, allowed, found);
      String esxi = StrictJson.string(file.displayPath(), r, path, "esxi", true, found);
      JsonNode max = r.get("maxHardwareVersion");
      if (max == null || max.isNull()) {
        found.add(new InputProblem(file.displayPath(), path + ".maxHardwareVersion", 0, 0, "required field is missing; expected a whole number"));
      } else if (!max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 1) {
        found.add(new InputProblem(file.displayPath(), path + ".maxHardwareVersion", 0, 0,
            "expected a whole number of at least 1, found " + StrictJson.describe(max)));
      }
      String confidence = StrictJson.string(file.displayPath(), r, path, "confidence", false, found);
      if (confidence != null && !Set.of("high", "medium", "low").contains(confidence)) {
        found.add(new InputProblem(file.displayPath(), path + ".confidence", 0, 0, "expected high, medium or low, found \"" + confidence + "\""));
      }
      if (found.size() > before) continue;
      EsxiVersion v;
      try {
        v = EsxiVersion.parse(esxi);
      } catch (IllegalArgumentException e) {
        found.add(new InputProblem(file.displayPath(), path + ".esxi", 0, 0, e.getMessage()));
        continue;
      }
      if (out.putIfAbsent(v, max.asInt()) != null) {
        found.add(new InputProblem(file.displayPath(), path + ".esxi", 0, 0, "ESXi " + v.display() + " is listed twice"));
      }
    }
  }

  /** An optional top-level array of non-empty, distinct strings; empty when absent. */
  private static Set<String> strings(RuleFile file, JsonNode root, String field, List<InputProblem> found) {
    Set<String> out = new TreeSet<>();
    JsonNode a = root.get(field);
    if (a == null || a.isNull()) return out;
    if (!a.isArray()) {
      found.add(new InputProblem(file.displayPath(), field, 0, 0, "expected an array of feature names, found " + StrictJson.describe(a)));
      return out;
    }
    for (int i = 0; i < a.size(); i++) {
      JsonNode e = a.get(i);
      if (!e.isTextual() || e.asText().isBlank()) {
        found.add(new InputProblem(file.displayPath(), field + "[" + i + "]", 0, 0, "expected a feature name, found " + StrictJson.describe(e)));
      } else if (!out.add(e.asText())) {
        found.add(new InputProblem(file.displayPath(), field + "[" + i + "]", 0, 0, "\"" + e.asText() + "\" is listed twice"));
      }
    }
    return out;
  }

  /** The version key of {@code text} (0 for null), adding the release to {@code releases}; a problem at {@code path} if malformed. */
  private static int version(RuleFile file, String path, String text, Set<EsxiVersion> releases, List<InputProblem> found) {
    if (text == null) return 0;
    try {
      EsxiVersion v = EsxiVersion.parse(text);
      releases.add(v);
      return HostFact.versionKey(v);
    } catch (IllegalArgumentException e) {
      found.add(new InputProblem(file.displayPath(), path, 0, 0, e.getMessage()));
      return 0;
    }
  }

  /**
   * Every entry's fields known and its required ones present, every problem at its line: a
   * misspelt {@code "vmotoin": true} would otherwise leave an edition without vMotion, silently.
   */
  private static boolean strict(RuleFile file, JsonNode root, String array, Set<String> topLevel, Set<String> allowed,
      Set<String> required, List<RuleProblem> problems) {
    List<InputProblem> found = new ArrayList<>();
    Set<String> known = new java.util.LinkedHashSet<>(List.of("sources", "notes", array));
    known.addAll(new TreeSet<>(topLevel));
    StrictJson.unknownFields(file.displayPath(), root, "", known, found);
    JsonNode entries = root.get(array);
    for (int i = 0; i < entries.size(); i++) {
      JsonNode e = entries.get(i);
      String path = array + "[" + i + "]";
      if (!e.isObject()) {
        found.add(new InputProblem(file.displayPath(), path, 0, 0, "expected an object"));
        continue;
      }
      StrictJson.unknownFields(file.displayPath(), e, path, new TreeSet<>(allowed), found);
      for (String name : new TreeSet<>(required)) {
        if (!e.hasNonNull(name)) found.add(new InputProblem(file.displayPath(), path + "." + name, 0, 0, "required field is missing"));
      }
    }
    report(file, found, problems);
    return found.isEmpty();
  }

  /** Each problem at its path's line and column in the file, with that line for the caret. */
  private static void report(RuleFile file, List<InputProblem> found, List<RuleProblem> problems) {
    String[] lines = file.text().split("\n", -1);
    for (InputProblem p : JsonPositions.locate(file.text(), found)) {
      String source = p.line() > 0 && p.line() <= lines.length ? lines[p.line() - 1] : null;
      problems.add(new RuleProblem(p.file(), p.line(), p.column(), p.path() + ": " + p.message(), source));
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode parse(ObjectMapper mapper, RuleFile file, String array, List<RuleProblem> problems) {
    if (file == null) return null;
    try {
      JsonNode root = mapper.readTree(file.text());
      if (root == null || !root.isObject() || !root.path(array).isArray()) {
        problems.add(new RuleProblem(file.displayPath(), 1, 1, "expected an object with an array \"" + array + "\"", null));
        return null;
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      problems.add(new RuleProblem(file.displayPath(), loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
          "malformed JSON: " + e.getOriginalMessage(), null));
      return null;
    }
  }
}

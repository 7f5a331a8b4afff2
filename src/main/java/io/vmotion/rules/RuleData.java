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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The facts behind the rules, read from the rule set's data/ files at run time so that an
 * administrator can correct or extend them without rebuilding: EVC baselines, license editions,
 * hardware versions and guest OS support. Every fact is also inserted into the rule session.
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

  private RuleData(Map<String, EvcBaseline> baselines, List<Edition> editions, List<HardwareVersion> hw, List<GuestOs> guests) {
    this.baselines = baselines;
    this.editions = editions;
    this.hardwareVersions = hw;
    this.guests = guests;
  }

  public Map<String, EvcBaseline> baselines() {
    return baselines;
  }

  public Set<String> evcModes() {
    return baselines.keySet();
  }

  public List<Object> facts() {
    List<Object> all = new ArrayList<>(baselines.values());
    all.addAll(editions);
    all.addAll(hardwareVersions);
    all.addAll(guests);
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

    JsonNode evc = parse(mapper, byName.get(EVC), "baselines", problems);
    if (evc != null && strict(byName.get(EVC), evc, "baselines",
        Set.of("key", "vendor", "label", "vsphereKey", "minEsxi", "minEsxiConfidence", "adds", "removes", "note"),
        Set.of("key", "vendor", "adds"), problems)) {
      Map<String, Set<String>> cumulative = new LinkedHashMap<>();
      for (JsonNode b : evc.get("baselines")) {
        String key = text(b, "key");
        String vendor = text(b, "vendor");
        Set<String> features = new TreeSet<>(cumulative.getOrDefault(vendor, Set.of()));
        for (JsonNode a : b.path("adds")) features.add(a.asText());
        // A newer baseline can drop what an older one had (AMD Zen has no XOP, FMA4 or TBM).
        for (JsonNode r : b.path("removes")) features.remove(r.asText());
        cumulative.put(vendor, features);
        baselines.put(key, new EvcBaseline(key, vendor, text(b, "label"), text(b, "minEsxi"), Set.copyOf(features)));
      }
    }
    JsonNode ed = parse(mapper, byName.get(EDITIONS), "editions", problems);
    if (ed != null && strict(byName.get(EDITIONS), ed, "editions",
        Set.of("key", "label", "vmotion", "storageVmotion", "crossVcenterVmotion", "note"), Set.of("key", "vmotion"), problems)) {
      for (JsonNode e : ed.get("editions")) {
        editions.add(new Edition(text(e, "key"), text(e, "label"), e.path("vmotion").asBoolean(false)));
      }
    }
    JsonNode hv = parse(mapper, byName.get(HARDWARE), "hardwareVersions", problems);
    if (hv != null && strict(byName.get(HARDWARE), hv, "hardwareVersions",
        Set.of("hardwareVersion", "esxi", "minEsxi", "maxEsxi", "label", "note"), Set.of("hardwareVersion"), problems)) {
      for (JsonNode h : hv.get("hardwareVersions")) {
        if (h.has("esxi") && !h.get("esxi").asBoolean()) continue;
        String min = text(h, "minEsxi");
        String max = text(h, "maxEsxi");
        hw.add(new HardwareVersion(h.path("hardwareVersion").asInt(), min, key(min, byName.get(HARDWARE), problems),
            max, max == null ? 0 : key(max, byName.get(HARDWARE), problems)));
      }
    }
    JsonNode go = parse(mapper, byName.get(GUESTS), "guests", problems);
    if (go != null && strict(byName.get(GUESTS), go, "guests",
        Set.of("guestId", "label", "apiSince", "minEsxi", "maxEsxi", "note"), Set.of("guestId", "minEsxi"), problems)) {
      for (JsonNode g : go.get("guests")) {
        String min = text(g, "minEsxi");
        String max = g.hasNonNull("maxEsxi") ? g.get("maxEsxi").asText() : null;
        guests.add(new GuestOs(text(g, "guestId"), text(g, "label"), min, key(min, byName.get(GUESTS), problems),
            max, max == null ? 0 : key(max, byName.get(GUESTS), problems)));
      }
    }
    return new RuleData(baselines, List.copyOf(editions), List.copyOf(hw), List.copyOf(guests));
  }

  /**
   * Every entry's fields known and its required ones present, every problem at its line: a
   * misspelt {@code "vmotoin": true} would otherwise leave an edition without vMotion, silently.
   */
  private static boolean strict(RuleFile file, JsonNode root, String array, Set<String> allowed, Set<String> required,
      List<RuleProblem> problems) {
    List<InputProblem> found = new ArrayList<>();
    StrictJson.unknownFields(file.displayPath(), root, "", new java.util.LinkedHashSet<>(List.of("sources", "notes", array)), found);
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
    String[] lines = file.text().split("\n", -1);
    for (InputProblem p : JsonPositions.locate(file.text(), found)) {
      String source = p.line() > 0 && p.line() <= lines.length ? lines[p.line() - 1] : null;
      problems.add(new RuleProblem(p.file(), p.line(), p.column(), p.path() + ": " + p.message(), source));
    }
    return found.isEmpty();
  }

  private static int key(String version, RuleFile file, List<RuleProblem> problems) {
    try {
      return HostFact.versionKey(EsxiVersion.parse(version));
    } catch (IllegalArgumentException e) {
      problems.add(new RuleProblem(file.displayPath(), 0, 0, e.getMessage(), null));
      return 0;
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

package io.vmotion.rules;

import io.vmotion.inventory.JsonPositions;
import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.inventory.InputProblem;
import io.vmotion.inventory.InvalidInputException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accepted findings: {@code {"waivers": [{"rule": ..., "vm": ..., "host": ..., "reason": ..., "expires": ...}]}}.
 * {@code rule}, {@code vm} and {@code host} are globs ({@code *} any text, {@code ?} one character)
 * matched against a finding's rule, VM and target; {@code vm} and {@code host} default to {@code *}.
 * A waiver waives through its {@code expires} date, inclusive; after it, it waives nothing.
 */
public final class Waivers {

  /** One waiver; {@code index} is its position in the file, for messages. */
  public record Waiver(int index, String rule, String vm, String host, String reason, LocalDate expires, boolean vmWritten) {

    boolean matches(Finding f) {
      return glob(rule).matches(f.rule()) && glob(vm).matches(f.vm()) && glob(host).matches(f.target());
    }

    public boolean expiredOn(LocalDate today) {
      return expires != null && today.isAfter(expires);
    }

    /** "waivers[2] (rule cpu.family-model, vm b-*, host esx-b?)". */
    public String describe() {
      return "waivers[" + index + "] (rule " + rule + ", vm " + vm + ", host " + host + ")";
    }
  }

  private static final Set<String> FIELDS = new LinkedHashSet<>(List.of("rule", "vm", "host", "reason", "expires"));

  private final String file;
  private final String text;
  private final List<Waiver> waivers;

  private Waivers(String file, String text, List<Waiver> waivers) {
    this.file = file;
    this.text = text;
    this.waivers = List.copyOf(waivers);
  }

  public static Waivers none() {
    return new Waivers("", null, List.of());
  }

  public String file() {
    return file;
  }

  public List<Waiver> all() {
    return waivers;
  }

  public List<Waiver> expired(LocalDate today) {
    return waivers.stream().filter(w -> w.expiredOn(today)).toList();
  }

  /** The reason of the first waiver in force today that matches the finding, or null. */
  public String reasonFor(Finding f, LocalDate today) {
    Waiver w = waiverFor(f, today);
    return w == null ? null : w.reason();
  }

  public static Waivers read(Path path) throws InvalidInputException {
    String name = path.toString();
    return parse(name, io.vmotion.inventory.InputText.read(path, io.vmotion.inventory.InputText.MAX_SMALL_FILE_BYTES, "a waivers JSON file"));
  }

  public static Waivers parse(String file, String text) throws InvalidInputException {
    String expected = "{\"waivers\": [{\"rule\": ..., \"vm\": ..., \"host\": ..., \"reason\": ..., \"expires\": \"YYYY-MM-DD\"}]}";
    JsonNode root = StrictJson.parse(file, text, expected);
    List<InputProblem> problems = new ArrayList<>();
    StrictJson.unknownFields(file, root, "", Set.of("waivers"), problems);
    JsonNode list = root.get("waivers");
    List<Waiver> out = new ArrayList<>();
    if (list == null || !list.isArray()) {
      problems.add(new InputProblem(file, "waivers", 0, 0, list == null ? "required field is missing; expected an array of waivers"
          : "expected an array of waivers, found " + StrictJson.describe(list)));
    } else {
      for (int i = 0; i < list.size(); i++) {
        String path = "waivers[" + i + "]";
        JsonNode w = list.get(i);
        if (!w.isObject()) {
          problems.add(new InputProblem(file, path, 0, 0, "expected an object, found " + StrictJson.describe(w)));
          continue;
        }
        StrictJson.unknownFields(file, w, path, FIELDS, problems);
        String rule = StrictJson.string(file, w, path, "rule", true, problems);
        String vm = StrictJson.string(file, w, path, "vm", false, problems);
        String host = StrictJson.string(file, w, path, "host", false, problems);
        String reason = StrictJson.string(file, w, path, "reason", true, problems);
        String expires = StrictJson.string(file, w, path, "expires", false, problems);
        LocalDate date = null;
        if (expires != null) {
          try {
            date = LocalDate.parse(expires);
          } catch (DateTimeParseException e) {
            problems.add(new InputProblem(file, path + ".expires", 0, 0, "\"" + expires + "\" is not an ISO date; write YYYY-MM-DD, e.g. \"2027-01-31\""));
          }
        }
        if (rule != null && reason != null) out.add(new Waiver(i, rule, vm == null ? "*" : vm, host == null ? "*" : host, reason, date, vm != null));
      }
    }
    if (!problems.isEmpty()) throw new InvalidInputException(JsonPositions.locate(text, problems), text.lines().toList());
    return new Waivers(file, text, out);
  }

  /** Parsed once per glob: a waiver is matched against every finding, half a million at scale. */
  private static final Map<String, Glob> GLOBS = new java.util.concurrent.ConcurrentHashMap<>();

  static Glob glob(String glob) {
    return GLOBS.computeIfAbsent(glob, Glob::of);
  }

  /** The waiver in force today that waives the finding (the first that matches), or null. */
  public Waiver waiverFor(Finding f, LocalDate today) {
    for (Waiver w : waivers) {
      if (!w.expiredOn(today) && w.matches(f)) return w;
    }
    return null;
  }

  /**
   * Waivers that are likely mistakes, located in the file: a rule glob that matches no loaded rule
   * (a misspelt id waives nothing, silently), and one that matches every rule or every VM (it hides
   * whatever the next export brings).
   */
  public List<InputProblem> doubts(java.util.Collection<String> ruleIds) {
    List<InputProblem> out = new ArrayList<>();
    for (Waiver w : waivers) {
      String path = "waivers[" + w.index() + "]";
      Glob rule = glob(w.rule());
      long matched = ruleIds.stream().filter(rule::matches).count();
      if (matched == 0) {
        List<String> near = JsonPositions.closest(w.rule(), ruleIds, 1);
        out.add(new InputProblem(file, path + ".rule", 0, 0, "\"" + w.rule() + "\" matches no loaded rule, so this waiver waives nothing"
            + (near.isEmpty() ? "; 'vmotion rules list' lists the ids" : "; did you mean \"" + near.get(0) + "\"?")));
      } else if (ruleIds.size() > 1 && matched == ruleIds.size()) {
        out.add(new InputProblem(file, path + ".rule", 0, 0, "\"" + w.rule() + "\" matches every rule; name the rules this waiver is for"));
      }
      // An omitted vm means "this rule on every VM", a deliberate form; a written "*" for it is the doubtful one.
      if (w.vmWritten() && glob(w.vm()).matchesEverything()) {
        out.add(new InputProblem(file, path + ".vm", 0, 0, "\"" + w.vm() + "\" matches every VM; name the VMs, or leave vm out to mean every VM"));
      }
    }
    return out;
  }

  /** The file's lines, for showing a problem's source line. */
  public List<String> lines() {
    return text == null ? List.of() : text.lines().toList();
  }

  /** {@link #doubts} located at their line and column in the waiver file. */
  public List<InputProblem> locatedDoubts(java.util.Collection<String> ruleIds) {
    List<InputProblem> d = doubts(ruleIds);
    return d.isEmpty() || text == null ? d : JsonPositions.locate(text, d);
  }
}

package io.vmotion.rules;

import io.vmotion.inventory.JsonPositions;
import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.InputProblem;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.Vm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rule test cases: the {@code *.case.json} files of a rule folder (by convention under
 * {@code cases/}). A case holds an inventory, inline ({@code "inventory": {...}}) or in a file
 * beside it ({@code "inventoryFile": "relative/path.json"}), the findings evaluating it must
 * produce ({@code expect}) and those it must not ({@code expectNot}). An expectation names a rule
 * and optionally the VM, the target, the severity and a text the message contains; a field left
 * out matches anything.
 */
public final class RuleCases {

  public static final String SUFFIX = ".case.json";
  private static final Set<String> FIELDS = new LinkedHashSet<>(
      List.of("name", "description", "inventory", "inventoryFile", "scope", "expect", "expectNot"));
  private static final Set<String> EXPECTATION_FIELDS = new LinkedHashSet<>(List.of("rule", "vm", "target", "severity", "messageContains"));

  private RuleCases() {}

  /** A finding a case expects, or forbids. */
  public record Expectation(String rule, String vm, String target, Severity severity, String messageContains) {

    public boolean matches(Finding f) {
      return f.rule().equals(rule)
          && (vm == null || vm.equals(f.vm()))
          && (target == null || target.equals(f.target()))
          && (severity == null || severity == f.severity())
          && (messageContains == null || f.message().contains(messageContains));
    }

    /** "cpu.vendor vm1 -> h2", with "*" for what is left open. */
    public String describe() {
      return rule + " " + (vm == null ? "*" : vm) + " -> " + (target == null ? "*" : target)
          + (severity == null ? "" : " (" + severity.json() + ")")
          + (messageContains == null ? "" : " with message containing \"" + messageContains + "\"");
    }
  }

  public record Case(String name, String file, Inventory inventory, Scope scope, List<Expectation> expect, List<Expectation> expectNot) {}

  /** {@code error} is set when a rule threw while the case was evaluated. */
  public record Result(Case test, List<Expectation> missing, List<Finding> unexpected, String error) {
    public boolean passed() {
      return error == null && missing.isEmpty() && unexpected.isEmpty();
    }
  }

  /**
   * The cases of a source that read cleanly, and the problems of those that do not, each rendered
   * as {@code file:line:column: json.path: message} with the source line and a caret.
   */
  public record Loaded(List<Case> cases, List<String> problems) {}

  private static final class BadCase extends Exception {
    final String rendered;

    BadCase(String rendered) {
      super(rendered);
      this.rendered = rendered;
    }
  }

  /** Reads every case file of {@code source}, sorted by path; the inventories are checked against {@code rules}' data. */
  public static Loaded read(RuleSource source, RuleBase rules) {
    Map<String, RuleFile> byName = new TreeMap<>();
    for (RuleFile f : source.files()) byName.put(f.name(), f);
    List<Case> cases = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (RuleFile f : byName.values()) {
      if (!f.name().endsWith(SUFFIX)) continue;
      try {
        cases.add(read(f, byName, rules));
      } catch (InvalidInputException e) {
        problems.add(e.render());
      } catch (BadCase e) {
        problems.add(e.rendered);
      }
    }
    return new Loaded(List.copyOf(cases), List.copyOf(problems));
  }

  public static Result run(RuleBase rules, Case c) {
    Evaluation e;
    try {
      e = new Evaluator(rules).evaluate(c.inventory(), c.scope());
    } catch (RuleFailedException x) {
      if (x.endsTheRun()) throw new RuleFailedException("case " + c.name() + " (" + c.file() + "): " + x.getMessage(), null, true);
      return new Result(c, List.of(), List.of(), x.getMessage());
    }
    List<Expectation> missing = new ArrayList<>();
    for (Expectation x : c.expect()) {
      if (e.findings().stream().noneMatch(x::matches)) missing.add(x);
    }
    List<Finding> unexpected = new ArrayList<>();
    for (Finding f : e.findings()) {
      if (c.expectNot().stream().anyMatch(x -> x.matches(f))) unexpected.add(f);
    }
    return new Result(c, List.copyOf(missing), List.copyOf(unexpected), null);
  }

  private static Case read(RuleFile f, Map<String, RuleFile> files, RuleBase rules) throws InvalidInputException, BadCase {
    String file = f.displayPath();
    String text = f.text();
    JsonNode root = StrictJson.parse(file, text, "a rule case: {\"inventory\": {...}, \"expect\": [...], \"expectNot\": [...]}");
    List<InputProblem> problems = new ArrayList<>();
    StrictJson.unknownFields(file, root, "", FIELDS, problems);
    String base = f.name().substring(f.name().lastIndexOf('/') + 1);
    String name = StrictJson.string(file, root, "", "name", false, problems);
    if (name == null) name = base.substring(0, base.length() - SUFFIX.length());
    StrictJson.string(file, root, "", "description", false, problems);
    String scopeText = StrictJson.string(file, root, "", "scope", false, problems);
    Scope scope = Scope.CLUSTER;
    if ("all".equals(scopeText)) scope = Scope.ALL;
    else if (scopeText != null && !"cluster".equals(scopeText)) {
      problems.add(new InputProblem(file, "scope", 0, 0, "unknown value \"" + scopeText + "\"; accepted values: cluster, all"));
    }

    Inventory inventory = null;
    InvalidInputException inventoryFileProblems = null;
    InventoryReader reader = new InventoryReader(rules.data().evcModes());
    JsonNode inline = root.get("inventory");
    String inventoryFile = StrictJson.string(file, root, "", "inventoryFile", false, problems);
    if (inline != null && inventoryFile != null) {
      problems.add(new InputProblem(file, "inventoryFile", 0, 0, "give either \"inventory\" or \"inventoryFile\", not both"));
    } else if (inline == null && inventoryFile == null && !root.has("inventoryFile")) {
      problems.add(new InputProblem(file, "", 0, 0, "required field is missing: \"inventory\" (an inline inventory) or \"inventoryFile\" (a path relative to this file)"));
    } else if (inline != null) {
      try {
        inventory = reader.read(file + " (inventory)", StrictJson.MAPPER.writeValueAsString(inline));
      } catch (InvalidInputException e) {
        for (InputProblem p : e.problems()) {
          problems.add(new InputProblem(file, p.path().isEmpty() ? "inventory" : "inventory." + p.path(), 0, 0, p.message()));
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        problems.add(new InputProblem(file, "inventory", 0, 0, "cannot read the inline inventory: " + e.getOriginalMessage()));
      }
    } else if (inventoryFile != null) {
      String dir = f.name().contains("/") ? f.name().substring(0, f.name().lastIndexOf('/')) : "";
      String target = Path.of(dir.isEmpty() ? "." : dir).resolve(inventoryFile).normalize().toString().replace('\\', '/');
      RuleFile inv = files.get(target);
      if (inv == null) {
        problems.add(new InputProblem(file, "inventoryFile", 0, 0, "no file \"" + inventoryFile + "\" beside this case (looked for " + target + " in the rule folder)"));
      } else {
        try {
          inventory = reader.read(inv.displayPath(), inv.text());
        } catch (InvalidInputException e) {
          inventoryFileProblems = e;
          problems.add(new InputProblem(file, "inventoryFile", 0, 0, "the inventory " + inv.displayPath() + " is invalid (its problems follow)"));
        }
      }
    }

    List<Expectation> expect = expectations(file, root, "expect", rules, inventory, problems);
    List<Expectation> expectNot = expectations(file, root, "expectNot", rules, inventory, problems);
    if (problems.isEmpty() && expect.isEmpty() && expectNot.isEmpty()) {
      problems.add(new InputProblem(file, "", 0, 0, "the case expects nothing; give \"expect\" or \"expectNot\" at least one finding"));
    }
    if (!problems.isEmpty()) {
      List<InputProblem> located = JsonPositions.locate(text, problems);
      String rendered = new InvalidInputException(located, text.lines().toList()).render();
      // The case's own problems first, then those of the inventory file it names.
      throw new BadCase(inventoryFileProblems == null ? rendered : rendered + inventoryFileProblems.render());
    }
    return new Case(name, file, inventory, scope, expect, expectNot);
  }

  private static List<Expectation> expectations(String file, JsonNode root, String field, RuleBase rules, Inventory inventory, List<InputProblem> problems) {
    JsonNode list = root.get(field);
    List<Expectation> out = new ArrayList<>();
    if (list == null || list.isNull()) return out;
    if (!list.isArray()) {
      problems.add(new InputProblem(file, field, 0, 0, "expected an array of {\"rule\": ..., \"vm\": ..., \"target\": ...}, found " + StrictJson.describe(list)));
      return out;
    }
    Set<String> ids = new LinkedHashSet<>();
    rules.rules().forEach(r -> ids.add(r.id()));
    for (int i = 0; i < list.size(); i++) {
      String path = field + "[" + i + "]";
      JsonNode x = list.get(i);
      if (!x.isObject()) {
        problems.add(new InputProblem(file, path, 0, 0, "expected an object, found " + StrictJson.describe(x)));
        continue;
      }
      StrictJson.unknownFields(file, x, path, EXPECTATION_FIELDS, problems);
      String rule = StrictJson.string(file, x, path, "rule", true, problems);
      String vm = StrictJson.string(file, x, path, "vm", false, problems);
      String target = StrictJson.string(file, x, path, "target", false, problems);
      String sev = StrictJson.string(file, x, path, "severity", false, problems);
      String contains = StrictJson.string(file, x, path, "messageContains", false, problems);
      Severity severity = sev == null ? null : Severity.parse(sev);
      if (sev != null && severity == null) {
        problems.add(new InputProblem(file, path + ".severity", 0, 0, "unknown value \"" + sev + "\"; accepted values: error, warning, info"));
      }
      if (rule != null && !ids.contains(rule)) {
        List<String> near = JsonPositions.closest(rule, ids, 3);
        problems.add(new InputProblem(file, path + ".rule", 0, 0, "no loaded rule has the id \"" + rule + "\""
            + (near.isEmpty() ? "" : "; closest: " + String.join(", ", near))));
      }
      if (inventory != null) {
        if (vm != null && inventory.vms().stream().map(Vm::name).noneMatch(vm::equals)) {
          problems.add(new InputProblem(file, path + ".vm", 0, 0, "the case's inventory has no VM \"" + vm + "\""));
        }
        if (target != null && inventory.hosts().stream().map(Host::name).noneMatch(target::equals)) {
          problems.add(new InputProblem(file, path + ".target", 0, 0, "the case's inventory has no host \"" + target + "\""));
        }
      }
      if (rule != null) out.add(new Expectation(rule, vm, target, severity, contains));
    }
    return out;
  }
}

package io.vmotion.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiled rules with their metadata and data. Built from DRL text at run time with the classic
 * KieFileSystem/KieBuilder path, so rule folders need no Java toolchain.
 */
public final class RuleBase {

  private static final AtomicInteger BUILDS = new AtomicInteger();

  private final KieContainer container;
  private final KieBase kieBase;
  private final Map<String, RuleInfo> rules;
  private final RuleData data;
  private final Map<Set<String>, KieBase> subsets = new ConcurrentHashMap<>();

  private RuleBase(KieContainer container, KieBase kieBase, Map<String, RuleInfo> rules, RuleData data) {
    this.container = container;
    this.kieBase = kieBase;
    this.rules = rules;
    this.data = data;
  }

  /**
   * A rule base holding only the rules with these ids, built from the already compiled packages
   * (no recompilation), so a rule can be evaluated on its own.
   */
  KieBase kieBaseOf(Set<String> ids) {
    return subsets.computeIfAbsent(Set.copyOf(ids), keep -> {
      KieBase base = container.newKieBase(KieServices.Factory.get().newKieBaseConfiguration());
      for (KiePackage pkg : base.getKiePackages()) {
        for (Rule r : List.copyOf(pkg.getRules())) {
          Object id = r.getMetaData().get("id");
          if (!keep.contains(String.valueOf(id))) base.removeRule(pkg.getName(), r.getName());
        }
      }
      return base;
    });
  }

  public KieBase kieBase() {
    return kieBase;
  }

  public RuleData data() {
    return data;
  }

  /** Every rule's metadata, sorted by id. */
  public List<RuleInfo> rules() {
    return rules.values().stream().sorted(Comparator.comparing(RuleInfo::id)).toList();
  }

  public RuleInfo rule(String id) {
    return rules.get(id);
  }

  /** Builds the given sources, later ones layered over earlier ones. */
  public static RuleBase build(List<RuleSource> sources) throws RuleBuildException {
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleFile> drl = new ArrayList<>();
    List<RuleFile> dataFiles = new ArrayList<>();
    for (RuleSource s : sources) {
      drl.addAll(s.drlFiles());
      dataFiles.addAll(s.dataFiles());
    }
    RuleData data = RuleData.load(dataFiles, problems);
    if (drl.isEmpty()) {
      problems.add(new RuleProblem(sources.isEmpty() ? "rules" : sources.get(0).label(), 0, 0, "no .drl rule files found", null));
    }

    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId release = ks.newReleaseId("io.vmotion.rules", "set" + BUILDS.incrementAndGet(), "1.0.0");
    kfs.generateAndWritePomXML(release);
    Map<String, RuleFile> byKiePath = new HashMap<>();
    for (int i = 0; i < drl.size(); i++) {
      RuleFile f = drl.get(i);
      // A numbered folder per file keeps two sources' files of the same name apart.
      String kiePath = "src/main/resources/s" + i + "/" + f.name();
      byKiePath.put(kiePath, f);
      kfs.write(kiePath, f.text().getBytes(StandardCharsets.UTF_8));
    }
    if (!problems.isEmpty()) throw new RuleBuildException(problems);

    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
      RuleFile f = byKiePath.get(m.getPath());
      if (f == null) f = byKiePath.get("src/main/resources/" + m.getPath());
      String file = f == null ? String.valueOf(m.getPath()) : f.displayPath();
      String text = m.getText().replaceAll("\\s+", " ").trim();
      problems.add(new RuleProblem(file, m.getLine(), m.getColumn(), text, f == null ? null : line(f.text(), m.getLine())));
    }
    if (!problems.isEmpty()) throw new RuleBuildException(problems);

    KieContainer container = ks.newKieContainer(release);
    KieBase base = container.getKieBase();
    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    Map<String, String> fileOfPackageRule = fileIndex(drl);
    Map<String, String> textOfRule = textIndex(drl);
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule r : pkg.getRules()) {
        String file = fileOfPackageRule.getOrDefault(r.getName(), "?");
        RuleInfo info = metadata(r, file, textOfRule.getOrDefault(r.getName(), ""), problems);
        if (info == null) continue;
        RuleInfo earlier = rules.put(info.id(), info);
        if (earlier != null && earlier.file().equals(info.file())) {
          problems.add(new RuleProblem(file, 0, 0, "duplicate rule id \"" + info.id() + "\"", null));
        }
      }
    }
    if (rules.isEmpty() && problems.isEmpty()) {
      problems.add(new RuleProblem("rules", 0, 0, "the rule files define no rules", null));
    }
    if (!problems.isEmpty()) throw new RuleBuildException(problems);
    return new RuleBase(container, base, rules, data);
  }

  /** The built-in rule set. */
  public static RuleBase builtin() throws RuleBuildException {
    return build(List.of(RuleSource.builtin()));
  }

  private static RuleInfo metadata(Rule r, String file, String text, List<RuleProblem> problems) {
    Map<String, Object> md = r.getMetaData();
    List<String> missing = new ArrayList<>();
    for (String key : List.of("id", "severity", "title", "remediation")) {
      Object v = md.get(key);
      if (v == null || v.toString().isBlank()) missing.add("@" + key);
    }
    if (!missing.isEmpty()) {
      problems.add(new RuleProblem(file, 0, 0, "rule \"" + r.getName() + "\" lacks metadata " + String.join(", ", missing), null));
      return null;
    }
    Severity severity = Severity.parse(md.get("severity").toString());
    if (severity == null) {
      problems.add(new RuleProblem(file, 0, 0, "rule \"" + r.getName() + "\": @severity must be error, warning or info, found \"" + md.get("severity") + "\"", null));
      return null;
    }
    List<String> reads = null;
    if (md.get("reads") != null) {
      reads = new ArrayList<>();
      List<String> declared = new ArrayList<>();
      for (String p : md.get("reads").toString().split(",")) {
        if (p.isBlank()) continue;
        try {
          reads.add(MoveProperty.resolve(p).path());
          declared.addAll(MoveProperty.resolve(p).covers());
        } catch (IllegalArgumentException e) {
          problems.add(new RuleProblem(file, 0, 0, "rule \"" + r.getName() + "\": @reads " + e.getMessage(), null));
          return null;
        }
      }
      List<String> undeclared = ReadsCheck.undeclared(text, declared);
      if (!undeclared.isEmpty()) {
        problems.add(new RuleProblem(file, 0, 0, "rule \"" + r.getName() + "\" uses " + String.join(", ", undeclared)
            + ", which its @reads does not declare; add them, or drop @reads to have it evaluated move by move", null));
        return null;
      }
    }
    return new RuleInfo(str(md, "id"), severity, str(md, "title"), str(md, "remediation"), str(md, "fault"),
        str(md, "explain"), str(md, "docs"), file, reads);
  }

  private static String str(Map<String, Object> md, String key) {
    Object v = md.get(key);
    return v == null ? null : v.toString();
  }

  /** Which file declares each rule name: Drools's rule objects do not say. */
  private static Map<String, String> fileIndex(List<RuleFile> drl) {
    Map<String, String> index = new HashMap<>();
    java.util.regex.Pattern rule = java.util.regex.Pattern.compile("(?m)^\\s*rule\\s+\"([^\"]+)\"");
    for (RuleFile f : drl) {
      java.util.regex.Matcher m = rule.matcher(f.text());
      while (m.find()) index.put(m.group(1), f.displayPath());
    }
    return index;
  }

  /** The text of each rule, from its header to its {@code end}, for the @reads check. */
  private static Map<String, String> textIndex(List<RuleFile> drl) {
    Map<String, String> index = new HashMap<>();
    java.util.regex.Pattern rule = java.util.regex.Pattern.compile("(?ms)^\\s*rule\\s+\"([^\"]+)\"(.*?)^\\s*end\\s*$");
    for (RuleFile f : drl) {
      java.util.regex.Matcher m = rule.matcher(f.text());
      while (m.find()) index.put(m.group(1), m.group(2));
    }
    return index;
  }

  private static String line(String text, int line) {
    if (line <= 0) return null;
    String[] lines = text.split("\n", -1);
    return line <= lines.length ? lines[line - 1] : null;
  }
}

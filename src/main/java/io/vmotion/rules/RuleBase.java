package io.vmotion.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Global;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;

/**
 * Compiled rules with their metadata and data. Built from DRL text at run time with the classic
 * KieFileSystem/KieBuilder path, so rule folders need no Java toolchain.
 *
 * <p>Sources are layered: a rule whose {@code @id} a later source declares again is replaced.
 * Replacement happens before compilation: the earlier rule's text is blanked (its lines kept, so
 * positions of everything else stay true), and a file whose every rule is replaced is left out
 * whole, functions included, so a folder may carry a full edited copy of a built-in file in the
 * same package. The replaced rule therefore never exists in the KieBase and cannot fire.
 */
public final class RuleBase {

  private static final AtomicInteger BUILDS = new AtomicInteger();
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*(\\.[a-z0-9][a-z0-9_-]*)*");
  static final String GLOBAL = "findings";

  private final KieContainer container;
  private final KieBase kieBase;
  private final Map<String, RuleInfo> rules;
  private final Map<String, RuleInfo> replaced;
  private final RuleData data;
  private final List<RuleSource> sources;

  private final Map<Set<String>, KieBase> subsets;
  private final java.time.Duration ruleTimeout;

  /** How long one rule may run without letting the evaluation move on, unless told otherwise. */
  public static final java.time.Duration DEFAULT_RULE_TIMEOUT = java.time.Duration.ofSeconds(30);

  private RuleBase(KieContainer container, KieBase kieBase, Map<String, RuleInfo> rules, Map<String, RuleInfo> replaced,
      RuleData data, List<RuleSource> sources, Map<Set<String>, KieBase> subsets, java.time.Duration ruleTimeout) {
    this.container = container;
    this.kieBase = kieBase;
    this.rules = rules;
    this.replaced = replaced;
    this.data = data;
    this.sources = List.copyOf(sources);
    this.subsets = subsets;
    this.ruleTimeout = ruleTimeout;
  }

  /** The same rules, each evaluation bounded by {@code timeout} (see {@link RuleWatchdog}). */
  public RuleBase withRuleTimeout(java.time.Duration timeout) {
    return new RuleBase(container, kieBase, rules, replaced, data, sources, subsets, timeout);
  }

  public java.time.Duration ruleTimeout() {
    return ruleTimeout;
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

  public List<RuleSource> sources() {
    return sources;
  }

  /** Every rule's metadata, sorted by id. */
  public List<RuleInfo> rules() {
    return rules.values().stream().sorted(Comparator.comparing(RuleInfo::id)).toList();
  }

  public RuleInfo rule(String id) {
    return rules.get(id);
  }

  /** Rules of earlier sources that a later source replaced, by id, with where the replaced one was. */
  public Map<String, RuleInfo> replaced() {
    return replaced;
  }

  /** Whether some package declares the {@code findings} global, so that a session can be given one. */
  public boolean declaresFindings() {
    for (KiePackage p : kieBase.getKiePackages()) {
      for (Global g : p.getGlobalVariables()) if (GLOBAL.equals(g.getName())) return true;
    }
    return false;
  }

  /** The built-in rule set. */
  public static RuleBase builtin() throws RuleBuildException {
    return build(List.of(RuleSource.builtin()));
  }

  /** Builds the given sources, later ones layered over earlier ones. */
  public static RuleBase build(List<RuleSource> sources) throws RuleBuildException {
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleFile> dataFiles = new ArrayList<>();
    List<DrlOutline> outlines = new ArrayList<>();
    for (int s = 0; s < sources.size(); s++) {
      dataFiles.addAll(sources.get(s).dataFiles());
      for (RuleFile f : sources.get(s).drlFiles()) {
        outlines.add(DrlOutline.of(f, s));
        problems.addAll(RuleIsolation.check(f));
      }
    }
    RuleData data = RuleData.load(dataFiles, problems);
    if (outlines.isEmpty()) {
      String where = sources.isEmpty() ? "rules" : sources.get(sources.size() - 1).label();
      problems.add(new RuleProblem(where, 0, 0, "no .drl rule files found", null));
    }

    // Which declaration of each id wins: the last source's. Two in one source are an error.
    Map<String, DrlOutline.Declared> winner = new LinkedHashMap<>();
    Map<String, DrlOutline.Declared> loser = new LinkedHashMap<>();
    Set<DrlOutline.Declared> dropped = new HashSet<>();
    for (DrlOutline o : outlines) {
      for (DrlOutline.Declared r : o.rules()) {
        if (!checkMetadata(r, problems)) continue;
        DrlOutline.Declared earlier = winner.put(r.id(), r);
        if (earlier == null) continue;
        if (earlier.source() == r.source()) {
          problems.add(at(r, "duplicate rule id \"" + r.id() + "\", also declared at " + earlier.file().displayPath() + ":" + earlier.line()));
        } else {
          dropped.add(earlier);
          loser.put(r.id(), earlier);
        }
      }
    }

    KieServices ks = KieServices.Factory.get();
    KieFileSystem kfs = ks.newKieFileSystem();
    ReleaseId release = ks.newReleaseId("io.vmotion.rules", "set" + BUILDS.incrementAndGet(), "1.0.0");
    kfs.generateAndWritePomXML(release);
    Map<String, DrlOutline> byKiePath = new HashMap<>();
    Map<String, DrlOutline.Declared> byPackageAndName = new HashMap<>();
    for (int i = 0; i < outlines.size(); i++) {
      DrlOutline o = outlines.get(i);
      List<DrlOutline.Declared> gone = o.rules().stream().filter(dropped::contains).toList();
      if (!o.rules().isEmpty() && gone.size() == o.rules().size()) continue;
      String text = o.file().text();
      if (!gone.isEmpty()) text = blank(text, gone);
      for (DrlOutline.Declared r : o.rules()) if (!dropped.contains(r)) byPackageAndName.put(r.pkg() + "\u0000" + r.name(), r);
      // A numbered folder per file keeps two sources' files of the same name apart.
      String kiePath = "src/main/resources/s" + i + "/" + o.file().name();
      byKiePath.put(kiePath, o);
      kfs.write(kiePath, text.getBytes(StandardCharsets.UTF_8));
    }
    // Compiled even when metadata is wrong, so that one run reports every problem.
    if (byKiePath.isEmpty()) throw new RuleBuildException(problems);

    KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
    problems.addAll(problems(builder.getResults().getMessages(Message.Level.ERROR), byKiePath));
    if (!problems.isEmpty()) throw new RuleBuildException(sorted(problems));

    KieContainer container = ks.newKieContainer(release);
    KieBase base = container.getKieBase();
    Map<String, RuleInfo> rules = new LinkedHashMap<>();
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule r : pkg.getRules()) {
        DrlOutline.Declared d = byPackageAndName.get(r.getPackageName() + "\u0000" + r.getName());
        RuleInfo info = metadata(r, d, problems);
        if (info == null) continue;
        RuleInfo earlier = rules.put(info.id(), info);
        if (earlier != null) {
          problems.add(new RuleProblem(info.file(), info.line(), 1,
              "duplicate rule id \"" + info.id() + "\", also declared at " + earlier.location(), d == null ? null : line(d.file().text(), d.line())));
        }
      }
    }
    if (rules.isEmpty() && problems.isEmpty()) {
      problems.add(new RuleProblem(sources.isEmpty() ? "rules" : sources.get(sources.size() - 1).label(), 0, 0, "the rule files define no rules", null));
    }
    if (!problems.isEmpty()) throw new RuleBuildException(problems);
    Map<String, RuleInfo> replaced = new LinkedHashMap<>();
    for (Map.Entry<String, DrlOutline.Declared> e : loser.entrySet()) {
      DrlOutline.Declared d = e.getValue();
      Map<String, String> md = d.annotations();
      replaced.put(e.getKey(), new RuleInfo(d.id(), Severity.parse(md.get("severity")), md.get("title"), md.get("remediation"),
          md.get("fault"), md.get("explain"), md.get("docs"), d.file().displayPath(), d.line(), null));
    }
    return new RuleBase(container, base, rules, replaced, data, sources, new java.util.concurrent.ConcurrentHashMap<>(), DEFAULT_RULE_TIMEOUT);
  }

  /** By file, then line: the order an editor walks them in. Stable, so one line's problems keep their order. */
  private static List<RuleProblem> sorted(List<RuleProblem> problems) {
    List<RuleProblem> out = new ArrayList<>(problems);
    out.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
    return out;
  }

  /** Metadata problems of a rule as written, at its line; false when its id cannot be used. */
  private static boolean checkMetadata(DrlOutline.Declared r, List<RuleProblem> problems) {
    Map<String, String> md = r.annotations();
    List<String> missing = new ArrayList<>();
    for (String key : List.of("id", "severity", "title", "remediation")) {
      String v = md.get(key);
      if (v == null || v.isBlank()) missing.add("@" + key);
    }
    if (!missing.isEmpty()) {
      problems.add(at(r, "rule \"" + r.name() + "\" lacks metadata " + String.join(", ", missing)
          + " (every rule needs @id, @severity, @title and @remediation)"));
    }
    String severity = md.get("severity");
    if (severity != null && !severity.isBlank() && Severity.parse(severity) == null) {
      problems.add(at(r, "rule \"" + r.name() + "\": @severity must be error, warning or info, found \"" + severity + "\""));
    }
    String docs = md.get("docs");
    if (docs != null && !docs.startsWith("https://") && !docs.startsWith("http://")) {
      problems.add(at(r, "rule \"" + r.name() + "\": @docs must be an http(s) link, found \"" + docs + "\""));
    }
    String id = md.get("id");
    if (id != null && !id.isBlank() && !ID.matcher(id).matches()) {
      problems.add(at(r, "rule \"" + r.name() + "\": @id \"" + id
          + "\" is malformed; use lower-case words separated by dots, e.g. \"devices.passthrough\""));
      return false;
    }
    return id != null && !id.isBlank();
  }

  private static RuleProblem at(DrlOutline.Declared r, String message) {
    return new RuleProblem(r.file().displayPath(), r.line(), 1, message, line(r.file().text(), r.line()));
  }

  /** Replaces each rule's text by spaces, keeping its line breaks so that positions after it stay true. */
  private static String blank(String text, List<DrlOutline.Declared> rules) {
    char[] chars = text.toCharArray();
    for (DrlOutline.Declared r : rules) {
      for (int i = r.start(); i < r.end() && i < chars.length; i++) {
        if (chars[i] != '\n' && chars[i] != '\r') chars[i] = ' ';
      }
    }
    return new String(chars);
  }

  private static final Pattern PARSER_POSITION = Pattern.compile("^\\[ERR \\d+\\] Line (\\d+):(\\d+)");
  private static final Pattern MVEL_TAIL = Pattern.compile("\\s*\\[Near : \\{.*$", Pattern.DOTALL);
  private static final Pattern EXPRESSION = Pattern.compile("(?i)unable to analy[sz]e expression '?([^:']+?)'?(:|$)");
  private static final Pattern JAVA_SYMBOL = Pattern.compile("^(?:.*?error )?(?:The method (\\w+)\\(|(\\w+) cannot be resolved|The field \\w+\\.(\\w+))");

  /** Every compiler message as a problem of the user's file, at the best line and column found. */
  private static List<RuleProblem> problems(List<Message> messages, Map<String, DrlOutline> byKiePath) {
    List<RuleProblem> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Message m : messages) {
      DrlOutline o = byKiePath.get(m.getPath());
      if (o == null) o = byKiePath.get("src/main/resources/" + m.getPath());
      RuleFile f = o == null ? null : o.file();
      String file = f == null ? String.valueOf(m.getPath()) : f.displayPath();
      String text = MVEL_TAIL.matcher(m.getText()).replaceFirst("").replaceAll("\\s+", " ").trim();
      if (text.endsWith(":")) text = text.substring(0, text.length() - 1);
      for (Map.Entry<String, DrlOutline> e : byKiePath.entrySet()) {
        text = text.replace(e.getKey(), e.getValue().file().displayPath())
            .replace(e.getKey().substring("src/main/resources/".length()), e.getValue().file().displayPath());
      }
      int line = m.getLine();
      int column = m.getColumn();
      java.util.regex.Matcher parser = PARSER_POSITION.matcher(text);
      if (column <= 0 && parser.find() && Integer.parseInt(parser.group(1)) == line) column = Integer.parseInt(parser.group(2)) + 1;
      if (f != null) {
        // Drools gives the line of a constraint or of the rule, rarely a column: find the text it names.
        java.util.regex.Matcher ex = EXPRESSION.matcher(text);
        String src = line(f.text(), line);
        if (ex.find() && src != null) {
          String expr = ex.group(1).trim();
          String first = expr.split("\\s+")[0];
          int at = src.indexOf(first);
          if (at >= 0) column = at + 1;
          // The same unknown name is reported up to three times; once is enough.
          if (!seen.add(file + ":" + line + ":" + first)) continue;
        } else if (text.startsWith("Rule Compilation error")) {
          int[] pos = inConsequence(o, line, text);
          if (pos != null) {
            line = pos[0];
            column = pos[1];
          }
          text = text.replaceFirst("^Rule Compilation error\\s*", "in the consequence: ");
        }
      }
      // The parser's own code and position repeat what file:line:column already says.
      text = text.replaceFirst("^\\[ERR \\d+\\] Line \\d+:\\d+\\s*", "syntax error: ");
      out.add(new RuleProblem(file, line, column, text, f == null ? null : line(f.text(), line)));
    }
    // "Parser returned a null Package" only repeats that the file's syntax errors stopped it.
    Set<String> withSyntaxErrors = new HashSet<>();
    for (RuleProblem p : out) if (p.line() > 0) withSyntaxErrors.add(p.file());
    out.removeIf(p -> p.message().startsWith("Parser returned a null Package") && withSyntaxErrors.contains(p.file()));
    return out;
  }

  /**
   * A Java error in a consequence is reported at its rule's first line; when it names a symbol,
   * finds the symbol after the rule's "then" so that the caret points at it.
   */
  private static int[] inConsequence(DrlOutline o, int ruleLine, String message) {
    java.util.regex.Matcher sym = JAVA_SYMBOL.matcher(message.replaceFirst("^Rule Compilation error\\s*", ""));
    if (!sym.find()) return null;
    String name = sym.group(1) != null ? sym.group(1) : sym.group(2) != null ? sym.group(2) : sym.group(3);
    for (DrlOutline.Declared r : o.rules()) {
      if (r.line() != ruleLine) continue;
      String text = o.file().text();
      java.util.regex.Matcher then = Pattern.compile("(?m)^\\s*then\\b").matcher(text);
      if (!then.find(r.start()) || then.start() > r.end()) return null;
      java.util.regex.Matcher use = Pattern.compile("\\b" + Pattern.quote(name) + "\\b").matcher(text);
      if (!use.find(then.end()) || use.start() > r.end()) return null;
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < use.start(); i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new int[] {line, use.start() - lineStart + 1};
    }
    return null;
  }

  private static RuleInfo metadata(Rule r, DrlOutline.Declared d, List<RuleProblem> problems) {
    Map<String, Object> md = r.getMetaData();
    String file = d == null ? "?" : d.file().displayPath();
    int line = d == null ? 0 : d.line();
    List<String> missing = new ArrayList<>();
    for (String key : List.of("id", "severity", "title", "remediation")) {
      Object v = md.get(key);
      if (v == null || v.toString().isBlank()) missing.add("@" + key);
    }
    if (!missing.isEmpty()) {
      problems.add(new RuleProblem(file, line, 1, "rule \"" + r.getName() + "\" lacks metadata " + String.join(", ", missing), null));
      return null;
    }
    Severity severity = Severity.parse(md.get("severity").toString());
    if (severity == null) {
      problems.add(new RuleProblem(file, line, 1, "rule \"" + r.getName() + "\": @severity must be error, warning or info, found \"" + md.get("severity") + "\"", null));
      return null;
    }
    List<String> reads = null;
    if (md.get("reads") != null) {
      reads = new ArrayList<>();
      List<String> declared = new ArrayList<>();
      for (String p : md.get("reads").toString().split(",")) {
        if (p.isBlank()) continue;
        try {
          MoveProperty property = MoveProperty.resolve(p);
          reads.add(property.path());
          declared.addAll(property.covers());
        } catch (IllegalArgumentException e) {
          problems.add(new RuleProblem(file, line, 1, "rule \"" + r.getName() + "\": @reads " + e.getMessage(), null));
          return null;
        }
      }
      String text = d == null ? "" : d.file().text().substring(d.start(), d.end());
      List<String> undeclared = ReadsCheck.undeclared(text, declared);
      if (!undeclared.isEmpty()) {
        problems.add(new RuleProblem(file, line, 1, "rule \"" + r.getName() + "\" uses " + String.join(", ", undeclared)
            + ", which its @reads does not declare; add them, or drop @reads to have it evaluated move by move", null));
        return null;
      }
    }
    return new RuleInfo(str(md, "id"), severity, str(md, "title"), str(md, "remediation"), str(md, "fault"),
        str(md, "explain"), str(md, "docs"), file, line, reads);
  }

  private static String str(Map<String, Object> md, String key) {
    Object v = md.get(key);
    return v == null ? null : v.toString();
  }

  static String line(String text, int line) {
    if (line <= 0) return null;
    String[] lines = text.split("\n", -1);
    return line <= lines.length ? lines[line - 1].replace("\r", "") : null;
  }
}

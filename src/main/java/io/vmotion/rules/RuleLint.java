package io.vmotion.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules are code: a consequence runs Java with the user's rights. This finds the places where a
 * rule file reaches outside the fact model (files, network, XML fetches, processes, the
 * environment, threads, class loading, reflection, the standard streams), so that whoever loads a
 * folder knows what to read before trusting it. It reads the token stream, so names split over
 * lines or spaces are seen; it is still a heuristic, not a sandbox.
 *
 * <p>It also warns about loops it can see will not end ({@code while (true)} or {@code for (;;)}
 * with no break, return or throw); the rule timeout stops the ones it cannot see.
 */
public final class RuleLint {

  /** Dotted-name prefixes, matched on whole name parts. */
  private static final Map<String, String> REACHES = new LinkedHashMap<>();

  static {
    REACHES.put("java.io", "file access (java.io)");
    REACHES.put("java.nio.file", "file access (java.nio.file)");
    REACHES.put("java.nio.channels", "file and network access (java.nio.channels)");
    REACHES.put("java.net", "network access (java.net)");
    REACHES.put("javax.xml", "XML parsing, which can fetch URLs (javax.xml)");
    REACHES.put("org.xml", "XML parsing, which can fetch URLs (org.xml)");
    REACHES.put("java.sql", "database access (java.sql)");
    REACHES.put("ProcessBuilder", "starts processes (ProcessBuilder)");
    REACHES.put("Runtime", "process and JVM control (Runtime)");
    REACHES.put("System.exit", "stops the JVM (System.exit)");
    REACHES.put("System.getenv", "reads the environment (System.getenv)");
    REACHES.put("System.getProperty", "reads JVM properties (System.getProperty)");
    REACHES.put("System.getProperties", "reads JVM properties (System.getProperties)");
    REACHES.put("System.setProperty", "changes JVM properties (System.setProperty)");
    REACHES.put("System.out", "writes to the standard output (System.out), where reports go");
    REACHES.put("System.err", "writes to the standard error (System.err)");
    REACHES.put("System.setOut", "redirects the standard streams");
    REACHES.put("System.setErr", "redirects the standard streams");
    REACHES.put("System.load", "loads native code (System.load)");
    REACHES.put("System.loadLibrary", "loads native code (System.loadLibrary)");
    REACHES.put("Class.forName", "loads classes by name (Class.forName)");
    REACHES.put("ClassLoader", "loads classes (ClassLoader)");
    REACHES.put("URLClassLoader", "loads classes from URLs (URLClassLoader)");
    REACHES.put("Thread", "starts or controls threads (Thread)");
    REACHES.put("java.util.concurrent", "runs code on other threads (java.util.concurrent)");
    REACHES.put("java.lang.reflect", "reflection (java.lang.reflect)");
    REACHES.put("java.lang.invoke", "reflection (java.lang.invoke)");
    REACHES.put("MethodHandles", "reflection (MethodHandles)");
  }

  /** Method names that reach into classes by name, wherever they are called. */
  private static final Set<String> REFLECTIVE_CALLS = Set.of(
      "getDeclaredMethod", "getDeclaredMethods", "getDeclaredField", "getDeclaredFields", "getDeclaredConstructor",
      "getDeclaredConstructors", "setAccessible", "getMethod", "getField", "loadClass", "forName", "newInstance", "getClassLoader");

  private RuleLint() {}

  /** One warning per line and kind, as {@code file:line:column}, for every .drl file of the source. */
  public static List<RuleProblem> scan(RuleSource source) {
    List<RuleProblem> out = new ArrayList<>();
    for (RuleFile f : source.drlFiles()) out.addAll(scan(f));
    return out;
  }

  static List<RuleProblem> scan(RuleFile f) {
    DrlTokens drl = DrlTokens.of(f);
    List<DrlTokens.Token> t = drl.tokens();
    List<RuleProblem> out = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < t.size(); i++) {
      DrlTokens.Token token = t.get(i);
      if (!token.isIdentifier()) continue;
      String kind = null;
      if (!drl.continuesAName(i)) kind = reach(withoutJavaLang(drl.dottedNameAt(i)));
      if (kind == null && REFLECTIVE_CALLS.contains(token.text()) && i + 1 < t.size() && t.get(i + 1).is("(")) {
        kind = "reflection (" + token.text() + ")";
      }
      if (kind != null && seen.add(token.line() + "\u0000" + kind)) {
        out.add(drl.problemAt(token, "warning: reaches outside the fact model: " + kind + "; a rule is code, read it before you trust it"));
      }
      if (endlessLoopAt(t, i)) {
        out.add(drl.problemAt(token, "warning: this loop has no break, return or throw, so it never ends;"
            + " the rule would run until --rule-timeout stops the run"));
      }
    }
    return out;
  }

  private static String withoutJavaLang(String name) {
    return name.startsWith("java.lang.") && !name.startsWith("java.lang.reflect") && !name.startsWith("java.lang.invoke")
        ? name.substring("java.lang.".length()) : name;
  }

  private static String reach(String dotted) {
    for (Map.Entry<String, String> e : REACHES.entrySet()) {
      String p = e.getKey();
      if (dotted.equals(p) || dotted.startsWith(p + ".")) return e.getValue();
    }
    return null;
  }

  /** {@code while (true) { … }} or {@code for (;;) { … }} whose body has no break, return or throw. */
  private static boolean endlessLoopAt(List<DrlTokens.Token> t, int i) {
    int body;
    if (t.get(i).is("while") && i + 4 < t.size() && t.get(i + 1).is("(") && t.get(i + 2).is("true") && t.get(i + 3).is(")")) {
      body = i + 4;
    } else if (t.get(i).is("for") && i + 4 < t.size() && t.get(i + 1).is("(") && t.get(i + 2).is(";") && t.get(i + 3).is(";")
        && t.get(i + 4).is(")")) {
      body = i + 5;
    } else {
      return false;
    }
    if (body >= t.size()) return false;
    if (!t.get(body).is("{")) return !exits(t.get(body));
    int depth = 0;
    for (int k = body; k < t.size(); k++) {
      if (t.get(k).is("{")) depth++;
      else if (t.get(k).is("}") && --depth == 0) return noExitBetween(t, body, k);
    }
    return noExitBetween(t, body, t.size());
  }

  private static boolean noExitBetween(List<DrlTokens.Token> t, int from, int to) {
    for (int k = from; k < to; k++) if (exits(t.get(k))) return false;
    return true;
  }

  private static boolean exits(DrlTokens.Token token) {
    return token.is("break") || token.is("return") || token.is("throw");
  }
}

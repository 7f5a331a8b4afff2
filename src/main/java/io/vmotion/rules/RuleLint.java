package io.vmotion.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rules are code: a consequence runs Java with the user's rights. This finds the places where a
 * rule file reaches outside the fact model (files, network, processes, the JVM, reflection), so
 * that whoever loads a folder knows what to read before trusting it. A heuristic over the text,
 * not a sandbox.
 */
public final class RuleLint {

  private static final Map<Pattern, String> REACHES = new LinkedHashMap<>();

  static {
    REACHES.put(Pattern.compile("\\bjava\\.io\\b"), "file access (java.io)");
    REACHES.put(Pattern.compile("\\bjava\\.nio\\.file\\b"), "file access (java.nio.file)");
    REACHES.put(Pattern.compile("\\bjava\\.net\\b"), "network access (java.net)");
    REACHES.put(Pattern.compile("\\bProcessBuilder\\b"), "starts processes (ProcessBuilder)");
    REACHES.put(Pattern.compile("\\bRuntime\\b"), "process and JVM control (Runtime)");
    REACHES.put(Pattern.compile("\\bSystem\\s*\\.\\s*exit\\b"), "stops the JVM (System.exit)");
    REACHES.put(Pattern.compile("\\bClass\\s*\\.\\s*forName\\b"), "loads classes by name (Class.forName)");
    REACHES.put(Pattern.compile("\\bjava\\.lang\\.reflect\\b|\\.getDeclared(Method|Field|Constructor)s?\\s*\\(|\\.setAccessible\\s*\\(|\\.getMethod\\s*\\(|\\bMethodHandles\\b"),
        "reflection");
  }

  private RuleLint() {}

  /** One warning per line and kind, as {@code file:line:column}, for every .drl file of the source. */
  public static List<RuleProblem> scan(RuleSource source) {
    List<RuleProblem> out = new ArrayList<>();
    for (RuleFile f : source.drlFiles()) {
      String[] lines = f.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].replace("\r", "");
        String code = withoutComment(line);
        for (Map.Entry<Pattern, String> e : REACHES.entrySet()) {
          Matcher m = e.getKey().matcher(code);
          if (m.find()) {
            out.add(new RuleProblem(f.displayPath(), i + 1, m.start() + 1,
                "warning: reaches outside the fact model: " + e.getValue() + "; a rule is code, read it before you trust it", line));
          }
        }
      }
    }
    return out;
  }

  /** The line without a trailing // comment (one outside a string literal). */
  private static String withoutComment(String line) {
    boolean inString = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) inString = !inString;
      if (!inString && c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') return line.substring(0, i);
    }
    return line;
  }
}

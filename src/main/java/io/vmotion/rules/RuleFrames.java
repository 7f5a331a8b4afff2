package io.vmotion.rules;

import java.util.List;

/**
 * Which rule a thread is in, read off its stack: Drools compiles each DRL function into a class of
 * the file's package named after the function, and each consequence or eval into a class named
 * after its rule. A function belongs to every rule of its file that calls it; the first is named.
 */
final class RuleFrames {

  private RuleFrames() {}

  static String ruleOnStack(RuleBase rules, StackTraceElement[] stack) {
    for (StackTraceElement frame : stack) {
      String cls = frame.getClassName();
      for (RuleSource source : rules.sources()) {
        for (RuleFile f : source.drlFiles()) {
          String id = ruleOf(rules, f, cls);
          if (id != null) return id;
        }
      }
    }
    return null;
  }

  private static String ruleOf(RuleBase rules, RuleFile f, String frameClass) {
    DrlTokens drl = DrlTokens.of(f);
    List<DrlTokens.Token> t = drl.tokens();
    String pkg = null;
    for (int i = 0; i + 1 < t.size(); i++) {
      if (t.get(i).is("package")) {
        pkg = drl.dottedNameAt(i + 1);
        break;
      }
    }
    if (pkg == null || !frameClass.startsWith(pkg + ".")) return null;
    String simple = frameClass.substring(pkg.length() + 1);
    for (RuleInfo r : rules.rules()) {
      if (!r.file().equals(f.displayPath())) continue;
      String javaName = r.id().replaceAll("[^A-Za-z0-9]", "_");
      if (simple.startsWith("Rule_" + javaName) || simple.contains(javaName)) return r.id();
    }
    // A function: name the first rule of the file that calls it.
    for (int i = 0; i + 3 < t.size(); i++) {
      if (!t.get(i).is("function")) continue;
      String name = t.get(i + 2).text();
      if (!simple.equalsIgnoreCase(name)) continue;
      for (DrlOutline.Declared r : DrlOutline.of(f, 0).rules()) {
        if (f.text().substring(r.start(), Math.min(r.end(), f.text().length())).matches("(?s).*\\b" + java.util.regex.Pattern.quote(name) + "\\s*\\(.*")) {
          return r.id();
        }
      }
    }
    return null;
  }
}

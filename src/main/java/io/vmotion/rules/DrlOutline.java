package io.vmotion.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;

/**
 * What a DRL file declares, read with Drools's own parser before anything is compiled: its
 * package and each rule's name, line, text range and annotations. This is what lets a rule
 * folder replace a built-in rule by id before the rule base is built, and lets metadata problems
 * carry the line of their rule. A file that does not parse has an empty outline; the compiler
 * then reports its errors.
 */
record DrlOutline(RuleFile file, int source, String pkg, List<Declared> rules, boolean parsed) {

  /** One rule as written: {@code start} and {@code end} delimit its text, from "rule" through "end". */
  record Declared(RuleFile file, int source, String pkg, String name, int line, int start, int end, Map<String, String> annotations) {
    String id() {
      return annotations.get("id");
    }
  }

  static DrlOutline of(RuleFile file, int source) {
    PackageDescr pd;
    DrlParser parser = new DrlParser();
    try {
      pd = parser.parse(false, file.text());
    } catch (Exception | LinkageError e) {
      return new DrlOutline(file, source, "", List.of(), false);
    }
    if (pd == null || parser.hasErrors()) return new DrlOutline(file, source, pd == null ? "" : nn(pd.getName()), List.of(), false);
    List<Declared> rules = new ArrayList<>();
    String text = file.text();
    for (RuleDescr r : pd.getRules()) {
      Map<String, String> md = new LinkedHashMap<>();
      for (AnnotationDescr a : r.getAnnotations()) {
        Object v = a.getSingleValueStripped();
        md.put(a.getName(), v == null ? "" : AnnotationDescr.unquote(v.toString()));
      }
      int start = Math.max(0, r.getStartCharacter());
      int end = ruleEnd(text, r.getEndCharacter());
      rules.add(new Declared(file, source, nn(pd.getName()), r.getName(), r.getLine(), start, end, md));
    }
    return new DrlOutline(file, source, nn(pd.getName()), List.copyOf(rules), true);
  }

  /** The index just past the rule's closing "end", whichever side of it the parser's offset falls. */
  private static int ruleEnd(String text, int reported) {
    for (int i = Math.min(text.length(), Math.max(0, reported + 1)); i >= 3 && i >= reported - 3; i--) {
      if (text.startsWith("end", i - 3)) return i;
    }
    return Math.min(text.length(), Math.max(0, reported + 1));
  }

  private static String nn(String s) {
    return s == null ? "" : s;
  }
}

package io.vmotion.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the move properties a rule's text uses, in DRL constraint form ({@code target.threads})
 * and in Java form ({@code $m.getTarget().getThreads()}), so that a rule cannot read more than
 * its {@code @reads} declares: moves that agree on the declared properties share one evaluation,
 * which is only exact if nothing else is read. Names are exempt: they are substituted, not read.
 */
final class ReadsCheck {

  private static final Pattern CONSTRAINT = Pattern.compile("(?<![\\w$.])(vm|source|target)\\s*\\.\\s*([a-z]\\w*)");
  private static final Pattern JAVA = Pattern.compile("\\.get(Vm|Source|Target)\\(\\)\\s*\\.\\s*(?:get|is)([A-Z]\\w*)\\(");
  private static final Pattern MOVE_JAVA = Pattern.compile("\\.(?:get|is)(TargetUnreserved\\w+|TargetCpuReservedMhz|TargetMemoryReservedMb|Step)\\(");
  private static final Pattern MOVE_CONSTRAINT = Pattern.compile("(?<![\\w$.])(targetUnreserved\\w+|targetCpuReservedMhz|targetMemoryReservedMb|step)\\b");
  private static final Set<String> NAMES = Set.of("vm.name", "vm.host", "source.name", "target.name");

  private ReadsCheck() {}

  static List<String> undeclared(String ruleText, List<String> declared) {
    String text = ruleText.replaceAll("(?m)^\\s*@reads\\(.*\\)\\s*$", "").replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
    Set<String> used = new TreeSet<>();
    Matcher m = CONSTRAINT.matcher(text);
    while (m.find()) used.add(m.group(1) + "." + m.group(2));
    m = JAVA.matcher(text);
    while (m.find()) used.add(m.group(1).toLowerCase() + "." + decap(m.group(2)));
    m = MOVE_JAVA.matcher(text);
    while (m.find()) used.add(decap(m.group(1)));
    m = MOVE_CONSTRAINT.matcher(text);
    while (m.find()) used.add(m.group(1));
    List<String> out = new ArrayList<>();
    for (String u : used) if (!declared.contains(u) && !NAMES.contains(u)) out.add(u);
    return out;
  }

  private static String decap(String s) {
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}

package io.vmotion.inventory.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gaps an import found, each reported once: the same gap for many hosts or VMs becomes one
 * line naming how many and the first few, so that a 5,000-VM workbook does not print 5,000 lines.
 */
public final class Warnings {

  private static final int NAMED = 5;

  private final String file;
  private final Map<String, Set<String>> bySubject = new LinkedHashMap<>();

  public Warnings(String file) {
    this.file = file;
  }

  /** A gap with no subject list, e.g. {@code tab vHost: column "Max EVC" missing}. */
  public void add(String message) {
    bySubject.computeIfAbsent(message, k -> new LinkedHashSet<>());
  }

  /** A gap that applies to a named host or VM; the same message for other subjects is merged. */
  public void add(String message, String subject) {
    bySubject.computeIfAbsent(message, k -> new LinkedHashSet<>()).add(subject);
  }

  public boolean isEmpty() {
    return bySubject.isEmpty();
  }

  /** Every warning as {@code file: message}, in the order first seen. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : bySubject.entrySet()) {
      StringBuilder sb = new StringBuilder(file).append(": ").append(e.getKey());
      Set<String> subjects = e.getValue();
      if (!subjects.isEmpty()) {
        List<String> first = subjects.stream().limit(NAMED).toList();
        sb.append(" (").append(subjects.size() == 1 ? "" : subjects.size() + ": ").append(String.join(", ", first));
        if (subjects.size() > NAMED) sb.append(", ...");
        sb.append(')');
      }
      out.add(sb.toString());
    }
    return out;
  }
}

package io.vmotion.inventory;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds where JSON paths ({@code expect[2].rule}) are in a file's text, for problems with a line and a caret. */
public final class JsonPositions {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonPositions() {}

  /** Each problem at the position of its path, or of the nearest enclosing value that exists. */
  public static List<InputProblem> locate(String text, List<InputProblem> problems) {
    Map<String, JsonLocation> found = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
        found.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
      }
    } catch (IOException e) {
      // Malformed text: the problems keep their paths only.
    }
    List<InputProblem> out = new ArrayList<>();
    for (InputProblem problem : problems) {
      InputProblem at = problem;
      for (String ptr = pointer(problem.path()); ; ptr = ptr.substring(0, ptr.lastIndexOf('/'))) {
        JsonLocation loc = found.get(ptr);
        if (loc != null) {
          at = problem.at(loc.getLineNr(), loc.getColumnNr());
          break;
        }
        if (ptr.isEmpty()) break;
      }
      out.add(at);
    }
    return out;
  }

  /** {@code vms[3].name} as the JSON pointer {@code /vms/3/name}. */
  public static String pointer(String path) {
    if (path.isEmpty()) return "";
    StringBuilder sb = new StringBuilder();
    for (String part : path.replace("[", ".[").split("\\.")) {
      if (part.isEmpty()) continue;
      sb.append('/');
      if (part.startsWith("[")) sb.append(part, 1, part.length() - 1);
      else sb.append(part.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** The candidates nearest to {@code name}, closest first, at most {@code limit} of them, however far. */
  public static List<String> nearest(String name, Iterable<String> candidates, int limit) {
    List<String> all = new ArrayList<>();
    candidates.forEach(all::add);
    all.sort(java.util.Comparator.<String>comparingInt(c -> distance(name.toLowerCase(), c.toLowerCase())).thenComparing(c -> c));
    return List.copyOf(all.subList(0, Math.min(limit, all.size())));
  }

  /** The candidates near enough to {@code name} to be a typo of it, closest first, at most {@code limit} of them. */
  public static List<String> closest(String name, Iterable<String> candidates, int limit) {
    List<String> all = new ArrayList<>();
    candidates.forEach(all::add);
    all.sort(java.util.Comparator.<String>comparingInt(c -> distance(name.toLowerCase(), c.toLowerCase())).thenComparing(c -> c));
    List<String> out = new ArrayList<>();
    for (String c : all) {
      if (out.size() == limit) break;
      if (distance(name.toLowerCase(), c.toLowerCase()) <= Math.max(3, name.length() / 2)) out.add(c);
    }
    return out;
  }

  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

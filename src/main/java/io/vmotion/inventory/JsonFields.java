package io.vmotion.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object against a declared set of names, collecting every problem
 * with its JSON path instead of stopping at the first, and refusing fields it does not know so that
 * a misspelt name is never silently ignored.
 */
final class JsonFields {

  private final JsonNode node;
  private final String path;
  private final List<InputProblem> problems;
  private final String file;
  private final Set<String> known = new LinkedHashSet<>();

  JsonFields(String file, JsonNode node, String path, List<InputProblem> problems) {
    this.file = file;
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  static String child(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  String path(String field) {
    return child(path, field);
  }

  void problem(String field, String message) {
    problems.add(new InputProblem(file, field == null ? path : path(field), 0, 0, message));
  }

  private JsonNode get(String field, boolean required, String expected) {
    known.add(field);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) problem(field, "required field is missing; expected " + expected);
      return null;
    }
    return v;
  }

  String string(String field, boolean required) {
    JsonNode v = get(field, required, "a string");
    if (v == null) return null;
    if (!v.isTextual()) {
      problem(field, "expected a string, found " + describe(v));
      return null;
    }
    if (required && v.asText().isBlank()) {
      problem(field, "must not be empty");
      return null;
    }
    String bad = unprintable(v.asText());
    if (bad != null) {
      problem(field, bad);
      return null;
    }
    return v.asText();
  }

  /**
   * Why a name cannot be taken as it is, or null: a control character (C0 or C1, tab aside) would
   * forge lines in a text report or reach the terminal as an escape sequence, and a lone surrogate
   * cannot be written as UTF-8. Refused rather than normalised, so that what a report names is
   * exactly what vCenter holds.
   */
  static String unprintable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\t' && (c < 0x20 || c >= 0x7f && c <= 0x9f)) {
        return "contains the control character U+" + String.format("%04X", (int) c) + " at character " + (i + 1)
            + "; names may not hold control characters (tab aside). Remove it";
      }
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains a lone UTF-16 surrogate (U+" + String.format("%04X", (int) c) + ") at character " + (i + 1)
            + ", which is not a character; fix the \\u escape";
      } else if (c == '\uFFFE' || c == '\uFFFF') {
        return "contains the noncharacter U+" + String.format("%04X", (int) c) + " at character " + (i + 1) + "; remove it";
      }
    }
    return null;
  }

  /** A whole number within [min, max]; {@code fallback} when absent and optional or invalid. */
  long number(String field, boolean required, long min, long max, long fallback) {
    JsonNode v = get(field, required, "a whole number");
    if (v == null) return fallback;
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problem(field, "expected a whole number, found " + describe(v));
      return fallback;
    }
    long n = v.asLong();
    if (n < min) {
      problem(field, (min == 0 ? "must not be negative" : "must be at least " + min) + ", found " + n);
      return fallback;
    }
    if (n > max) {
      problem(field, "must be at most " + max + ", found " + n);
      return fallback;
    }
    return n;
  }

  /** A number, whole or not, within [min, max]; null when absent or invalid (the problem is recorded). */
  Double decimal(String field, double min, double max, String unit) {
    JsonNode v = get(field, false, "a number");
    if (v == null) return null;
    if (!v.isNumber()) {
      problem(field, "expected a number (" + unit + "), found " + describe(v));
      return null;
    }
    double n = v.asDouble();
    if (n < min) {
      problem(field, (min == 0 ? "must not be negative" : "must be at least " + min) + ", found " + v.asText());
      return null;
    }
    if (!(n <= max)) { // also a number too large for a double, read as infinity
      problem(field, "must be at most " + java.math.BigDecimal.valueOf(max).stripTrailingZeros().toPlainString() + " " + unit + ", found " + v.asText());
      return null;
    }
    return n;
  }

  /** A number at least {@code min}; {@code fallback} when absent and optional or invalid. */
  double decimal(String field, boolean required, double min, double fallback) {
    JsonNode v = get(field, required, "a number");
    if (v == null) return fallback;
    if (!v.isNumber()) {
      problem(field, "expected a number, found " + describe(v));
      return fallback;
    }
    if (v.asDouble() < min) {
      problem(field, (min == 0 ? "must not be negative" : "must be at least " + min) + ", found " + v.asText());
      return fallback;
    }
    return v.asDouble();
  }

  double decimal(String field, boolean required, double min) {
    return decimal(field, required, min, min);
  }

  boolean bool(String field, boolean fallback) {
    JsonNode v = get(field, false, "true or false");
    if (v == null) return fallback;
    if (!v.isBoolean()) {
      problem(field, "expected true or false, found " + describe(v));
      return fallback;
    }
    return v.asBoolean();
  }

  /** One of {@code accepted}, matched exactly; the message lists them all. */
  String oneOf(String field, boolean required, List<String> accepted, String fallback) {
    String s = string(field, required);
    if (s == null) return fallback;
    if (!accepted.contains(s)) {
      String near = closest(s, accepted);
      problem(
          field,
          "unknown value \"" + s + "\"; accepted values: " + String.join(", ", accepted)
              + (near == null ? "" : " (did you mean \"" + near + "\"?)"));
      return fallback;
    }
    return s;
  }

  JsonFields object(String field, boolean required) {
    JsonNode v = get(field, required, "an object");
    if (v == null) return null;
    if (!v.isObject()) {
      problem(field, "expected an object, found " + describe(v));
      return null;
    }
    return new JsonFields(file, v, path(field), problems);
  }

  List<String> strings(String field, boolean required) {
    return array(field, required, (el, p) -> {
      if (!el.isTextual() || el.asText().isBlank()) {
        problems.add(new InputProblem(file, p, 0, 0, "expected a non-empty string, found " + describe(el)));
        return null;
      }
      String bad = unprintable(el.asText());
      if (bad != null) {
        problems.add(new InputProblem(file, p, 0, 0, bad));
        return null;
      }
      return el.asText();
    });
  }

  <T> List<T> objects(String field, boolean required, BiFunction<JsonFields, Integer, T> reader) {
    return array(field, required, (el, p) -> {
      if (!el.isObject()) {
        problems.add(new InputProblem(file, p, 0, 0, "expected an object, found " + describe(el)));
        return null;
      }
      JsonFields f = new JsonFields(file, el, p, problems);
      T t = reader.apply(f, index(p));
      f.rejectUnknown();
      return t;
    });
  }

  private static int index(String elementPath) {
    int open = elementPath.lastIndexOf('[');
    return Integer.parseInt(elementPath.substring(open + 1, elementPath.length() - 1));
  }

  private <T> List<T> array(String field, boolean required, BiFunction<JsonNode, String, T> each) {
    JsonNode v = get(field, required, "an array");
    List<T> out = new ArrayList<>();
    if (v == null) return out;
    if (!v.isArray()) {
      problem(field, "expected an array, found " + describe(v));
      return out;
    }
    String p = path(field);
    for (int i = 0; i < v.size(); i++) {
      T t = each.apply(v.get(i), element(p, i));
      if (t != null) out.add(t);
    }
    return out;
  }

  /** Whole numbers within [min, max], in order; an element out of range or of another type is a problem at its path. */
  List<Long> wholeNumbers(String field, boolean required, long min, long max) {
    return array(field, required, (el, p) -> {
      if (!el.isIntegralNumber() || !el.canConvertToLong()) {
        problems.add(new InputProblem(file, p, 0, 0, "expected a whole number, found " + describe(el)));
        return null;
      }
      long n = el.asLong();
      if (n < min || n > max) {
        problems.add(new InputProblem(file, p, 0, 0, "must be from " + min + " to " + max + ", found " + n));
        return null;
      }
      return n;
    });
  }

  /** The names of this object's fields, in order, all taken as known: for objects keyed by a name, such as DRS groups. */
  List<String> fieldNames() {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      known.add(name);
      out.add(name);
    }
    return out;
  }

  boolean has(String field) {
    known.add(field);
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  /** Reports every field not read through this object, with the nearest known name. */
  void rejectUnknown() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (known.contains(name)) continue;
      String near = closest(name, known);
      problem(
          name,
          "unknown field"
              + (near == null ? "" : "; did you mean \"" + near + "\"?")
              + " Known fields here: " + String.join(", ", known));
    }
  }

  static String describe(JsonNode v) {
    if (v.isTextual()) return "the string \"" + abbreviate(v.asText()) + "\"";
    if (v.isNumber()) return "the number " + v.asText();
    if (v.isBoolean()) return v.asText();
    if (v.isArray()) return "an array";
    if (v.isObject()) return "an object";
    return "null";
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** The candidate nearest to {@code name}, ignoring case, if it is near enough to be a typo. */
  static String closest(String name, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = JsonPositions.distance(name.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }



  static String sortedJoin(Set<String> names) {
    return names.stream().sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
  }

}

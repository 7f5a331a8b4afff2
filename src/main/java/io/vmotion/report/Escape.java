package io.vmotion.report;

/**
 * What reports do to the data they print (names, messages, reasons), so that an inventory cannot
 * forge a report's lines, reach a terminal raw or break a document: control characters and other
 * invisible or line-breaking code points are shown as {@code \n}, {@code \t} or {@code \\u001b}.
 */
public final class Escape {

  private Escape() {}

  /**
   * For text read by people and terminals: C0 and C1 controls, DEL, line and paragraph separators,
   * bidirectional overrides and isolates (which reorder what a terminal shows), the BOM, the
   * noncharacters U+FFFE and U+FFFF and lone surrogates are escaped visibly; everything else is kept.
   */
  public static String text(String s) {
    if (s == null) return "";
    int n = s.length();
    int i = 0;
    while (i < n && !needsEscape(s, i)) i++;
    if (i == n) return s;
    StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (!needsEscape(s, i)) {
        sb.append(c);
        if (Character.isHighSurrogate(c) && i + 1 < n) sb.append(s.charAt(++i));
        continue;
      }
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb.toString();
  }

  /**
   * For data that starts a line: as {@link #text}, and leading white space is escaped too, so that
   * a name cannot pass for one of the report's indented lines.
   */
  public static String lineStart(String s) {
    String t = text(s);
    int lead = 0;
    while (lead < t.length() && t.charAt(lead) == ' ') lead++;
    return lead == 0 ? t : "\\u0020".repeat(lead) + t.substring(lead);
  }

  private static boolean needsEscape(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
    if (c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f' || c == '\ufeff' || c == '\ufffe' || c == '\uffff') return true;
    if ((c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) return true;
    if (Character.isHighSurrogate(c)) return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    if (Character.isLowSurrogate(c)) return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    return false;
  }

  /**
   * For XML 1.0: every character it forbids (C0 controls other than tab, newline and carriage
   * return, lone surrogates, U+FFFE and U+FFFF) as a visible {@code \\uXXXX} escape; every other character is kept (the XML writer escapes markup).
   */
  public static String xml(String s) {
    if (s == null) return "";
    int n = s.length();
    StringBuilder sb = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      boolean bad = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == '\ufffe' || c == '\uffff'
          || (Character.isHighSurrogate(c) && (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))))
          || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
      if (bad && sb == null) sb = new StringBuilder(n + 16).append(s, 0, i);
      if (sb == null) continue;
      if (bad) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb == null ? s : sb.toString();
  }
}

package io.vmotion.report;

import java.util.Locale;

/**
 * Escaping for the HTML page: everything the page prints from data goes through {@link #text} or
 * {@link #attr}, so a name holding {@code <}, {@code &}, quotes or a script is shown as text and
 * never runs. Control characters are first made visible as {@link Escape#text} does.
 */
public final class Html {

  private Html() {}

  /** For element content and for attribute values in double quotes. */
  public static String text(String s) {
    String t = Escape.text(s);
    int i = 0;
    while (i < t.length() && "&<>\"'".indexOf(t.charAt(i)) < 0) i++;
    if (i == t.length()) return t;
    StringBuilder sb = new StringBuilder(t.length() + 16).append(t, 0, i);
    for (; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** An attribute value, escaped; always written in double quotes by the caller. */
  public static String attr(String s) {
    return text(s);
  }

  /**
   * A fragment identifier made of letters, digits, '.', '-' and '_' only, so that it is the same in
   * an {@code id} and in an {@code href="#..."}; other characters become their code in hex.
   */
  public static String id(String prefix, String s) {
    StringBuilder sb = new StringBuilder(prefix);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-') sb.append(c);
      else sb.append('_').append(Integer.toHexString(c)).append('_');
    }
    return sb.toString();
  }

  /** A link the reader may click, when it is an http(s) URL; anything else (javascript:, data:) is not a link. */
  public static String link(String url, String label) {
    String lower = url == null ? "" : url.trim().toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("https://") || lower.startsWith("http://"))) return text(url);
    return "<a href=\"" + attr(url.trim()) + "\" rel=\"noreferrer noopener\">" + text(label) + "</a>";
  }

  /** 12345 as "12,345". */
  public static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}

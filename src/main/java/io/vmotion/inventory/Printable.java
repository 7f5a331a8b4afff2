package io.vmotion.inventory;

/**
 * Text from an input, made safe to print on a terminal: control characters (tab aside), lone
 * surrogates and noncharacters become visible {@code \\uXXXX} escapes, so a hostile file can neither
 * forge lines in a message nor send escape sequences to the terminal.
 */
public final class Printable {

  private Printable() {}

  public static String of(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      boolean bad = c != '\t' && (c < 0x20 || c >= 0x7f && c <= 0x9f) || !pair && Character.isSurrogate(c) || c == '\uFFFE' || c == '\uFFFF';
      if (bad && sb == null) sb = new StringBuilder(s.length() + 8).append(s, 0, i);
      if (sb != null) {
        if (bad) sb.append(String.format("\\u%04x", (int) c));
        else sb.append(c);
        if (pair) sb.append(s.charAt(i + 1));
      }
      if (pair) i++;
    }
    return sb == null ? s : sb.toString();
  }
}

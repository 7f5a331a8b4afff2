package io.vmotion.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A waiver glob ({@code *} any text, {@code ?} one character), matched without backtracking: the
 * text between stars must appear in order, so each piece is found leftmost-first, once. A regex
 * of {@code .*} pieces can take exponential time on a crafted glob such as {@code *a*a*a*a*b};
 * this takes at most (text length × glob length) steps.
 */
record Glob(String text, List<String> pieces, boolean leadingStar, boolean trailingStar) {

  static Glob of(String glob) {
    List<String> pieces = new ArrayList<>();
    StringBuilder piece = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        if (!piece.isEmpty()) pieces.add(piece.toString());
        piece.setLength(0);
      } else {
        piece.append(c);
      }
    }
    if (!piece.isEmpty()) pieces.add(piece.toString());
    return new Glob(glob, List.copyOf(pieces), glob.startsWith("*"), glob.endsWith("*") && !glob.isEmpty());
  }

  /** Whether the glob matches any text at all: it is made of stars only. */
  boolean matchesEverything() {
    return !text.isEmpty() && pieces.isEmpty();
  }

  boolean matches(String s) {
    if (pieces.isEmpty()) return leadingStar || s.isEmpty();
    if (!leadingStar && !trailingStar && pieces.size() == 1) return s.length() == pieces.get(0).length() && at(s, 0, pieces.get(0));
    int from = 0;
    int first = 0;
    int last = pieces.size();
    if (!leadingStar) {
      if (!at(s, 0, pieces.get(0))) return false;
      from = pieces.get(0).length();
      first = 1;
    }
    int end = s.length();
    if (!trailingStar) {
      String tail = pieces.get(pieces.size() - 1);
      if (tail.length() > end - from || !at(s, end - tail.length(), tail)) return false;
      end -= tail.length();
      last--;
    }
    for (int i = first; i < last; i++) {
      int found = find(s, from, end, pieces.get(i));
      if (found < 0) return false;
      from = found + pieces.get(i).length();
    }
    return true;
  }

  /** The leftmost position of {@code piece} in s[from, end), '?' matching any character. */
  private static int find(String s, int from, int end, String piece) {
    for (int i = from; i + piece.length() <= end; i++) if (at(s, i, piece)) return i;
    return -1;
  }

  private static boolean at(String s, int i, String piece) {
    if (i < 0 || i + piece.length() > s.length()) return false;
    for (int k = 0; k < piece.length(); k++) {
      char c = piece.charAt(k);
      if (c != '?' && c != s.charAt(i + k)) return false;
    }
    return true;
  }
}

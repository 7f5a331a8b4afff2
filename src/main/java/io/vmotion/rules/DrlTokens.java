package io.vmotion.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A .drl file as a stream of code tokens, with comments and string literals left out. Checks of
 * what a rule does work on this rather than on lines, so that {@code java . net . URL} split over
 * lines, or a name hidden after a comment, is seen for what it is.
 */
record DrlTokens(RuleFile file, List<Token> tokens) {

  /** One identifier, number or punctuation character, at its 1-based line and column. */
  record Token(String text, int line, int column, int offset) {
    boolean is(String s) {
      return text.equals(s);
    }

    boolean isIdentifier() {
      return Character.isJavaIdentifierStart(text.charAt(0));
    }
  }

  static DrlTokens of(RuleFile file) {
    String s = file.text();
    List<Token> out = new ArrayList<>();
    int line = 1;
    int lineStart = 0;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        lineStart = ++i;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
        while (i < s.length() && s.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        for (int k = i; k < end; k++) {
          if (s.charAt(k) == '\n') {
            line++;
            lineStart = k + 1;
          }
        }
        i = end;
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < s.length() && s.charAt(i) != c && s.charAt(i) != '\n') i += s.charAt(i) == '\\' ? 2 : 1;
        i++;
      } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
        int start = i;
        while (i < s.length() && Character.isJavaIdentifierPart(s.charAt(i))) i++;
        out.add(new Token(s.substring(start, i), line, start - lineStart + 1, start));
      } else {
        out.add(new Token(String.valueOf(c), line, i - lineStart + 1, i));
        i++;
      }
    }
    return new DrlTokens(file, List.copyOf(out));
  }

  /**
   * The dotted name that starts at token {@code i} ({@code java . net . URL} → "java.net.URL"),
   * or the single token when it is not an identifier.
   */
  String dottedNameAt(int i) {
    StringBuilder sb = new StringBuilder(tokens.get(i).text());
    int k = i + 1;
    while (k + 1 < tokens.size() && tokens.get(k).is(".") && tokens.get(k + 1).isIdentifier()) {
      sb.append('.').append(tokens.get(k + 1).text());
      k += 2;
    }
    return sb.toString();
  }

  /** Whether token {@code i} is preceded by a dot, i.e. it is the tail of a longer name. */
  boolean continuesAName(int i) {
    return i > 0 && tokens.get(i - 1).is(".");
  }

  RuleProblem problemAt(Token t, String message) {
    return new RuleProblem(file.displayPath(), t.line(), t.column(), message, sourceLine(t.line()));
  }

  private String sourceLine(int line) {
    String[] lines = file.text().split("\n", -1);
    return line <= lines.length ? lines[line - 1].replace("\r", "") : null;
  }
}

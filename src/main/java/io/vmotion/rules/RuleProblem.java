package io.vmotion.rules;

/** A problem in a rule set: a DRL compile error, bad metadata, a malformed data file. */
public record RuleProblem(String file, int line, int column, String message, String sourceLine) {

  public String render() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) sb.append(':').append(line).append(':').append(Math.max(column, 1));
    sb.append(": ").append(message).append('\n');
    if (sourceLine != null && line > 0) {
      sb.append(sourceLine).append('\n').append(" ".repeat(Math.max(0, column - 1))).append("^\n");
    }
    return sb.toString();
  }
}

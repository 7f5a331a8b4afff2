package io.vmotion.inventory;

import java.util.List;

/** An input file that cannot be used, with every problem found in it. */
public final class InvalidInputException extends Exception {

  private final List<InputProblem> problems;
  private final List<String> sourceLines;

  public InvalidInputException(List<InputProblem> problems, List<String> sourceLines) {
    super(problems.isEmpty() ? "invalid input" : problems.get(0).headline());
    this.problems = List.copyOf(problems);
    this.sourceLines = List.copyOf(sourceLines);
  }

  public static InvalidInputException of(String file, String message) {
    return new InvalidInputException(List.of(new InputProblem(file, "", 0, 0, message)), List.of());
  }

  /** The same problems, with the file {@code from} named {@code to}. */
  public InvalidInputException renamed(String from, String to) {
    if (from.equals(to)) return this;
    List<InputProblem> named = problems.stream()
        .map(p -> p.file().equals(from) ? new InputProblem(to, p.path(), p.line(), p.column(), p.message()) : p).toList();
    return new InvalidInputException(named, sourceLines);
  }

  public List<InputProblem> problems() {
    return problems;
  }

  /** Every problem as {@code file:line:col: message}, then the source line and a caret, as javac does. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (InputProblem p : problems) {
      sb.append(Printable.of(p.headline())).append('\n');
      if (p.line() > 0 && p.line() <= sourceLines.size()) {
        String src = sourceLines.get(p.line() - 1);
        if (src.length() <= 240) {
          sb.append(Printable.of(src)).append('\n');
          sb.append(" ".repeat(Math.max(0, p.column() - 1))).append("^\n");
        }
      }
    }
    return sb.toString();
  }
}

package io.vmotion.inventory;

/**
 * One thing wrong with an input file. {@code path} is a JSON path such as {@code vms[3].memoryMb}
 * (empty for the whole document); line and column are 1-based, 0 when unknown.
 */
public record InputProblem(String file, String path, int line, int column, String message) {

  public InputProblem at(int line, int column) {
    return new InputProblem(file, path, line, column, message);
  }

  /** {@code file:line:col: path: message}, the form compilers and editors understand. */
  public String headline() {
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) sb.append(':').append(line).append(':').append(column);
    sb.append(": ");
    if (!path.isEmpty()) sb.append(path).append(": ");
    return sb.append(message).toString();
  }
}

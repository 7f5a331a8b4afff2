package io.vmotion.rules;

/**
 * A rule's metadata, read from its DRL annotations: {@code @id}, {@code @severity},
 * {@code @title}, {@code @remediation}, and optionally {@code @fault} (the vSphere fault it
 * mirrors), {@code @explain} (what it checks and why vMotion needs it) and {@code @docs} (a link).
 * {@code file} and {@code line} say where the rule is declared ({@code line} 0 when unknown).
 */
public record RuleInfo(
    String id,
    Severity severity,
    String title,
    String remediation,
    String fault,
    String explain,
    String docs,
    String file,
    int line) {

  /** {@code file:line}, or the file alone when the line is unknown. */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }
}

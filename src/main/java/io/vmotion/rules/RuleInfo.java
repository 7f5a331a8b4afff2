package io.vmotion.rules;

import java.util.List;

/**
 * A rule's metadata, read from its DRL annotations: {@code @id}, {@code @severity},
 * {@code @title}, {@code @remediation}, and optionally {@code @fault} (the vSphere fault it
 * mirrors), {@code @explain} (what it checks and why vMotion needs it), {@code @docs} (a link) and
 * {@code @reads} (the move properties its conditions and message use, e.g. {@code "vm.vcpus,
 * target.threads"}), which lets moves with equal values share one evaluation. {@code file} and
 * {@code line} say where the rule is declared ({@code line} 0 when unknown).
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
    int line,
    List<String> reads) {

  public RuleInfo {
    reads = reads == null ? null : List.copyOf(reads);
  }

  /** Whether the rule declares the move properties it reads, so that moves can share its evaluation. */
  public boolean declaresReads() {
    return reads != null;
  }

  /** {@code file:line}, or the file alone when the line is unknown. */
  public String location() {
    return line > 0 ? file + ":" + line : file;
  }
}

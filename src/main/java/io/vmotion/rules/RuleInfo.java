package io.vmotion.rules;

/**
 * A rule's metadata, read from its DRL annotations: {@code @id}, {@code @severity},
 * {@code @title}, {@code @remediation}, and optionally {@code @fault} (the vSphere fault it
 * mirrors), {@code @explain} (what it checks and why vMotion needs it) and {@code @docs} (a link).
 */
public record RuleInfo(
    String id,
    Severity severity,
    String title,
    String remediation,
    String fault,
    String explain,
    String docs,
    String file) {}

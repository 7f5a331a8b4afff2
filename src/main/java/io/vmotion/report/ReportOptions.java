package io.vmotion.report;

import io.vmotion.rules.Severity;
import java.time.Instant;

/**
 * How a report is rendered, as the options of {@code validate} set it.
 *
 * @param detail how much per-VM detail text, summary and HTML print; null: {@link Detail#ALL} up to
 *     {@link #ALL_DETAIL_UP_TO} VMs, {@link Detail#BLOCKED} above (and the report says so)
 * @param minSeverity findings below it are left out of every format (counts and readiness still
 *     describe the whole evaluation)
 * @param sarifGranularity null: {@link SarifGranularity#FINDING} up to {@link SarifReport#GITHUB_RESULTS_LIMIT}
 *     results, {@link SarifGranularity#CAUSE} above
 * @param made when the report was made, for the HTML header; null leaves it out
 */
public record ReportOptions(Detail detail, Severity minSeverity, SarifGranularity sarifGranularity, Instant made) {

  /** Up to this many VMs, text, summary and HTML list every VM unless told otherwise. */
  public static final int ALL_DETAIL_UP_TO = 300;

  public static final ReportOptions DEFAULT = new ReportOptions(null, Severity.INFO, null, null);

  public ReportOptions {
    if (minSeverity == null) minSeverity = Severity.INFO;
  }

  /** Which VMs get their per-VM detail. */
  public enum Detail {
    /** No per-VM detail: the root-cause view and the totals. */
    NONE,
    /** Only the VMs with no compatible target (readiness blocked or unknown). */
    BLOCKED,
    /** Every VM. */
    ALL;

    public String option() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What one SARIF result stands for. */
  public enum SarifGranularity {
    /** One result per finding (rule, VM, source, target). */
    FINDING,
    /** One result per (rule, target host, level): the VMs it concerns and their count in its properties. */
    CAUSE;

    public String option() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

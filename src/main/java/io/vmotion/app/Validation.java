package io.vmotion.app;

import io.vmotion.report.ReportInput;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Readiness;
import io.vmotion.rules.Severity;

/** A finished validation: what the reports print, and the evaluation the exit code is decided on. */
public record Validation(ReportInput report, Evaluation evaluation) {

  /** Whether a finding is at or above {@code failOn}, or, with {@code unknownFails}, a VM's readiness is unknown. */
  public boolean fails(Severity failOn, boolean unknownFails) {
    return evaluation.failsAt(failOn) || unknownFails && evaluation.readiness().get(Readiness.UNKNOWN) > 0;
  }
}

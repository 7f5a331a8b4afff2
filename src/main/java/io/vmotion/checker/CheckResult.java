package io.vmotion.checker;

import java.util.List;

/**
 * The outcome of one exploration.
 *
 * @param violatedProperty the name of the first property found violated, or null when all hold
 * @param trace            a counterexample from an initial state (a shortest one for invariants,
 *                         deadlocks and fault-free runs), empty when all hold
 * @param loopsBackToStep  for a lasso (a run that can go on forever): the step the last step returns to; 0 otherwise
 * @param explanation      one sentence on how to read the counterexample; empty when all hold
 */
public record CheckResult(String violatedProperty, List<TraceStep> trace, int loopsBackToStep, Statistics statistics,
                          String explanation) {

  public CheckResult {
    trace = List.copyOf(trace);
  }

  public CheckResult(String violatedProperty, List<TraceStep> trace, int loopsBackToStep, Statistics statistics) {
    this(violatedProperty, trace, loopsBackToStep, statistics, "");
  }

  public boolean passed() {
    return violatedProperty == null;
  }
}

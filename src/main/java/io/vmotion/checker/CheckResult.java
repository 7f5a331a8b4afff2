package io.vmotion.checker;

import java.util.List;

/**
 * The outcome of one exploration.
 *
 * @param violatedProperty the name of the first property found violated, or null when all hold
 * @param trace            a shortest counterexample from an initial state, empty when all hold
 * @param loopsBackToStep  for a lasso (non-terminating cycle): the step the last step returns to; 0 otherwise
 */
public record CheckResult(String violatedProperty, List<TraceStep> trace, int loopsBackToStep, Statistics statistics) {

  public CheckResult {
    trace = List.copyOf(trace);
  }

  public boolean passed() {
    return violatedProperty == null;
  }
}

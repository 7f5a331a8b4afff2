package io.vmotion.app;

import io.vmotion.planning.Plan;
import io.vmotion.rules.Evaluation;
import io.vmotion.rules.Finding;
import java.util.List;

/**
 * A plan with its certificate: the validation of exactly its moves, in order, as {@code vmotion
 * validate --plan} does it (null when there is no move to validate), the errors that validation
 * still found (empty for a certified plan), and how many times the plan was made.
 */
public record PlanResult(Plan plan, Evaluation certificate, List<Finding> refused, int rounds) {

  public PlanResult {
    refused = List.copyOf(refused);
  }

  public boolean certified() {
    return refused.isEmpty();
  }
}

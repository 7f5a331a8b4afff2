package io.vmotion.app;

import io.vmotion.rules.Scope;
import io.vmotion.rules.Waivers;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/**
 * How to validate a workspace.
 *
 * @param plan a plan file whose moves are checked, in order, instead of every move of the scope
 * @param keepPairs whether every (VM, target) result is kept; a summary needs only the counts
 * @param exact every move on its own instead of once per distinct combination
 * @param today the date waivers expire against
 * @param strictWaivers a waiver that matches no rule, every rule or every VM is an input error, not a warning
 */
public record ValidationRequest(Scope scope, Optional<Path> plan, Waivers waivers, boolean keepPairs, boolean exact, LocalDate today,
    boolean strictWaivers) {

  /** Every move of the scope, every pair kept, no waivers. */
  public static ValidationRequest of(Scope scope) {
    return new ValidationRequest(scope, Optional.empty(), Waivers.none(), true, false, LocalDate.now(), false);
  }

  public ValidationRequest withPlan(Path file) {
    return new ValidationRequest(scope, Optional.of(file), waivers, keepPairs, exact, today, strictWaivers);
  }
}

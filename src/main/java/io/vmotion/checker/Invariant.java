package io.vmotion.checker;

import java.util.function.Predicate;

/** A named property that must hold in every reachable state. */
public record Invariant<S>(String name, Predicate<S> holds) {
  public boolean test(S state) {
    return holds.test(state);
  }
}

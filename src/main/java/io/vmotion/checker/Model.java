package io.vmotion.checker;

import java.util.List;
import java.util.function.Supplier;

/**
 * A finite transition system the {@link ModelChecker} can explore.
 *
 * <p>The checker stores only the byte encodings of states, so a model should make
 * {@link #encode} compact and canonical: two states that behave the same must encode
 * to the same bytes, otherwise the search explores duplicates.
 *
 * <p>Every transition is either a step of the system itself or a <em>fault</em> of its environment
 * (a crash, a lost message). Faults are not progress: a state whose only transitions are faults is
 * a deadlock, and runs without faults are the ones that must reach a {@linkplain #isGoal goal}.
 *
 * @param <S> the model's own state type
 */
public interface Model<S> {

  /** The states a run may start from; at least one. */
  List<S> initialStates();

  /** Emits every labelled transition enabled in {@code state}. The order must be deterministic. */
  void successors(S state, SuccessorSink<S> sink);

  /** Properties that must hold in every reachable state, checked in list order. */
  List<Invariant<S>> invariants();

  /**
   * Whether a run may legitimately end in {@code state}. Terminal states are not expanded,
   * are exempt from the deadlock check and cannot be part of a non-terminating cycle.
   */
  boolean isTerminal(S state);

  /**
   * Whether {@code state} is an outcome that every run without faults must end in (for a migration:
   * completed, not aborted). Only asked of terminal states; by default every terminal state is one.
   */
  default boolean isGoal(S state) {
    return isTerminal(state);
  }

  /** How counterexamples name a goal state, as in "terminal but not {@code describeGoal()}". */
  default String describeGoal() {
    return "a goal state";
  }

  byte[] encode(S state);

  S decode(byte[] encoded);

  /** A one-line rendering for counterexample traces. */
  String render(S state);

  /**
   * Receives one transition: the action's label, the state it leads to, and whether it is a fault.
   * Labels are only needed for counterexample traces, so a model may pass them lazily and skip
   * building millions of strings.
   */
  @FunctionalInterface
  interface SuccessorSink<S> {
    void accept(Supplier<String> action, S next, boolean fault);

    default void accept(Supplier<String> action, S next) {
      accept(action, next, false);
    }

    default void accept(String action, S next) {
      accept(() -> action, next, false);
    }
  }
}

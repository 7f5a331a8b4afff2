package io.vmotion.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A run of the migration model taken one step at a time, for replaying a recorded sequence of
 * {@link Step}s (an engine's event log) or for driving the model by a policy. Each step must be one
 * the model enables in the current state; several transitions of one kind may be enabled (a write to
 * each page, a duplicate of each message), and a predicate on the next state picks among them.
 */
public final class MigrationRun {
  private final MigrationModel model;
  private final List<Transition> history = new ArrayList<>();
  private MigrationState state;

  public MigrationRun(MigrationModel model) {
    this.model = model;
    this.state = model.initialState();
  }

  public MigrationModel model() {
    return model;
  }

  public MigrationState state() {
    return state;
  }

  /** The transitions enabled now, in the model's order; none once the run has ended. */
  public List<Transition> enabled() {
    return model.enabled(state);
  }

  /** The enabled transitions of one kind. */
  public List<Transition> enabled(Step step) {
    return enabled().stream().filter(t -> t.step() == step).toList();
  }

  /** Takes the first enabled transition of this kind. */
  public Transition take(Step step) {
    return take(step, next -> true);
  }

  /** Takes the first enabled transition of this kind whose next state satisfies {@code which}. */
  public Transition take(Step step, Predicate<MigrationState> which) {
    for (Transition transition : enabled(step)) {
      if (which.test(transition.next())) {
        return take(transition);
      }
    }
    throw new IllegalStateException("step " + step.name() + " is not enabled (as asked) after "
        + history.size() + " steps, in state " + state);
  }

  /** Takes a transition obtained from {@link #enabled()} in the current state. */
  public Transition take(Transition transition) {
    if (!enabled().contains(transition)) {
      throw new IllegalStateException("transition " + transition.label() + " is not enabled in state " + state);
    }
    history.add(transition);
    state = transition.next();
    return transition;
  }

  public boolean ended() {
    return model.isTerminal(state);
  }

  public List<Transition> history() {
    return List.copyOf(history);
  }
}

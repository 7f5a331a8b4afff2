package io.vmotion.checker;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Explicit-state model checker: breadth-first search over the encoded states of a {@link Model}.
 *
 * <p>Checks, in this order: every invariant on every reachable state (when it is first reached),
 * the absence of deadlock (a non-terminal state without successors, checked when it is expanded),
 * and, once the whole graph is known, termination: no reachable cycle made only of non-terminal
 * states. Breadth-first order makes every safety counterexample a shortest one.
 *
 * <p>The checker knows nothing about what it checks; the names of its two built-in properties are
 * the constants below.
 */
public final class ModelChecker<S> {
  public static final String NO_DEADLOCK = "no-deadlock";
  public static final String TERMINATION = "termination";

  private static final long PROGRESS_AFTER_NANOS = 3_000_000_000L;
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private final Model<S> model;
  private final PrintStream progress;
  private final LongSupplier nanoClock;

  /** @param progress where a progress line goes during long runs; null for none */
  public ModelChecker(Model<S> model, PrintStream progress) {
    this(model, progress, System::nanoTime);
  }

  /** The clock is injectable so that tests can show progress reporting without waiting. */
  ModelChecker(Model<S> model, PrintStream progress, LongSupplier nanoClock) {
    this.model = model;
    this.progress = progress;
    this.nanoClock = nanoClock;
  }

  public ModelChecker(Model<S> model) {
    this(model, null);
  }

  public CheckResult check() {
    long started = nanoClock.getAsLong();
    Exploration exploration = new Exploration(started);
    CheckResult safety = exploration.explore();
    if (safety != null) {
      return safety;
    }
    int[] cycle = new CycleFinder(exploration.edgeStart, exploration.edgeTargets, exploration.store.size()).findCycle();
    Statistics statistics = exploration.statistics();
    if (cycle == null) {
      return new CheckResult(null, List.of(), 0, statistics);
    }
    return exploration.lasso(cycle, statistics);
  }

  /** The mutable state of one run; kept apart so that {@link ModelChecker} itself stays reusable. */
  private final class Exploration {
    final StateStore store = new StateStore();
    final IntList parent = new IntList();
    final IntList edgeStart = new IntList();
    final IntList edgeTargets = new IntList();
    final long started;
    long transitions;
    int depth;
    long lastProgress;

    Exploration(long started) {
      this.started = started;
      this.lastProgress = started + PROGRESS_AFTER_NANOS - PROGRESS_EVERY_NANOS;
    }

    CheckResult explore() {
      for (S initial : model.initialStates()) {
        int id = store.addIfAbsent(model.encode(initial));
        if (id >= 0) {
          parent.add(-1);
          String broken = firstBrokenInvariant(initial);
          if (broken != null) {
            return violation(broken, id);
          }
        }
      }
      int levelEnd = store.size();
      int[] emitted = new int[1];
      String[] brokenOnNewState = new String[1];
      int[] violatingState = {-1};
      for (int id = 0; id < store.size(); id++) {
        if (id == levelEnd) {
          depth++;
          levelEnd = store.size();
        }
        edgeStart.add(edgeTargets.size());
        S state = model.decode(store.get(id));
        if (model.isTerminal(state)) {
          continue;
        }
        emitted[0] = 0;
        int from = id;
        model.successors(state, (action, next) -> {
          emitted[0]++;
          if (violatingState[0] >= 0) {
            return;
          }
          int added = store.addIfAbsent(model.encode(next));
          int target = added >= 0 ? added : -added - 1;
          edgeTargets.add(target);
          if (added >= 0) {
            parent.add(from);
            String broken = firstBrokenInvariant(next);
            if (broken != null) {
              brokenOnNewState[0] = broken;
              violatingState[0] = added;
            }
          }
        });
        transitions += emitted[0];
        if (violatingState[0] >= 0) {
          if (violatingState[0] >= levelEnd) {
            depth++;
          }
          return violation(brokenOnNewState[0], violatingState[0]);
        }
        if (emitted[0] == 0) {
          return violation(NO_DEADLOCK, id);
        }
        if ((id & 1023) == 0) {
          reportProgress();
        }
      }
      edgeStart.add(edgeTargets.size());
      return null;
    }

    private String firstBrokenInvariant(S state) {
      for (Invariant<S> invariant : model.invariants()) {
        if (!invariant.test(state)) {
          return invariant.name();
        }
      }
      return null;
    }

    private void reportProgress() {
      if (progress == null) {
        return;
      }
      long now = nanoClock.getAsLong();
      if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
        lastProgress = now;
        progress.printf("progress: %,d states, %,d transitions, depth %d, %.0fs%n",
            store.size(), transitions, depth, (now - started) / 1e9);
        progress.flush();
      }
    }

    Statistics statistics() {
      return new Statistics(store.size(), transitions, depth, (nanoClock.getAsLong() - started) / 1e9);
    }

    private CheckResult violation(String property, int stateId) {
      return new CheckResult(property, trace(pathTo(stateId)), 0, statistics());
    }

    CheckResult lasso(int[] cycle, Statistics statistics) {
      List<Integer> path = pathTo(cycle[0]);
      int loopStart = path.size();
      for (int i = 1; i < cycle.length; i++) {
        path.add(cycle[i]);
      }
      path.add(cycle[0]);
      return new CheckResult(TERMINATION, trace(path), loopStart, statistics);
    }

    /** State ids from an initial state to {@code stateId}, following parent pointers. */
    private List<Integer> pathTo(int stateId) {
      List<Integer> path = new ArrayList<>();
      for (int id = stateId; id >= 0; id = parent.get(id)) {
        path.add(id);
      }
      Collections.reverse(path);
      return path;
    }

    /** Renders a path of state ids, recovering each action label by replaying the model. */
    private List<TraceStep> trace(List<Integer> path) {
      List<TraceStep> steps = new ArrayList<>();
      S previous = null;
      for (int i = 0; i < path.size(); i++) {
        byte[] key = store.get(path.get(i));
        S state = model.decode(key);
        String action = i == 0 ? TraceStep.INITIAL : actionBetween(previous, key);
        steps.add(new TraceStep(i + 1, action, model.render(state)));
        previous = state;
      }
      return steps;
    }

    private String actionBetween(S from, byte[] toKey) {
      String[] found = new String[1];
      model.successors(from, (action, next) -> {
        if (found[0] == null && Arrays.equals(model.encode(next), toKey)) {
          found[0] = action.get();
        }
      });
      if (found[0] == null) {
        throw new IllegalStateException("model is not deterministic: a recorded transition cannot be replayed");
      }
      return found[0];
    }
  }
}

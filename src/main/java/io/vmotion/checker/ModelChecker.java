package io.vmotion.checker;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Explicit-state model checker: breadth-first search over the encoded states of a {@link Model}.
 *
 * <p>Checks, in this order:
 * <ol>
 *   <li>every invariant on every reachable state, when it is first reached;</li>
 *   <li>{@value #NO_DEADLOCK}: every non-terminal state has a successor that is not a fault (a state
 *       that only a crash or a lost message could move is stuck), checked when it is expanded;</li>
 *   <li>{@value #PROGRESS}, first part: from every reachable state some path, faults included, leads
 *       to a terminal state;</li>
 *   <li>{@value #TERMINATION}: no reachable cycle of non-terminal states is made of steps that are not
 *       faults (a run can go round for ever only with infinitely many faults, which no real run has);</li>
 *   <li>{@value #PROGRESS}, second part: every terminal state that a run without faults reaches is a
 *       {@linkplain Model#isGoal goal}. With the checks before it, every run without faults ends in a goal.</li>
 * </ol>
 * Breadth-first order makes every invariant and deadlock counterexample a shortest one, and the
 * fault-free run of the last check is a shortest one too.
 *
 * <p>The checker knows nothing about what it checks; the names of its built-in properties are the
 * constants below.
 */
public final class ModelChecker<S> {
  public static final String NO_DEADLOCK = "no-deadlock";
  public static final String TERMINATION = "termination";
  public static final String PROGRESS = "progress";

  private static final long PROGRESS_AFTER_NANOS = 3_000_000_000L;
  private static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  private final Model<S> model;
  private final PrintStream progress;
  private final LongSupplier nanoClock;
  private final Set<String> skipped;

  /** @param progress where a progress line goes during long runs; null for none */
  public ModelChecker(Model<S> model, PrintStream progress) {
    this(model, progress, System::nanoTime, Set.of());
  }

  /** The clock is injectable so that tests can show progress reporting without waiting. */
  ModelChecker(Model<S> model, PrintStream progress, LongSupplier nanoClock) {
    this(model, progress, nanoClock, Set.of());
  }

  private ModelChecker(Model<S> model, PrintStream progress, LongSupplier nanoClock, Set<String> skipped) {
    this.model = model;
    this.progress = progress;
    this.nanoClock = nanoClock;
    this.skipped = skipped;
  }

  public ModelChecker(Model<S> model) {
    this(model, null);
  }

  /**
   * A checker that leaves out the named properties (invariants or built-in checks). Used to show that
   * a property is the only one that catches a bug: with it left out, the buggy model passes.
   */
  public ModelChecker<S> skipping(Collection<String> properties) {
    return new ModelChecker<>(model, progress, nanoClock, Set.copyOf(properties));
  }

  private boolean checks(String property) {
    return !skipped.contains(property);
  }

  public CheckResult check() {
    long started = nanoClock.getAsLong();
    Exploration exploration = new Exploration(started);
    CheckResult safety = exploration.explore();
    if (safety != null) {
      return safety;
    }
    Graph graph = exploration.graph;
    boolean cyclic = !graph.hasNoFaultFreeCycle();
    // Without a cycle of non-fault steps and with a non-fault step out of every non-terminal state,
    // every run ends in a terminal state: only a cycle, or a stuck state left unreported, can break it.
    if ((cyclic || exploration.sawStuckState) && checks(PROGRESS)) {
      CheckResult stuck = exploration.stateThatCannotFinish();
      if (stuck != null) {
        return stuck;
      }
    }
    if (cyclic) {
      if (checks(TERMINATION)) {
        int[] cycle = new CycleFinder(graph).findCycle();
        return exploration.lasso(cycle);
      }
    }
    if (checks(PROGRESS)) {
      CheckResult faultFree = exploration.faultFreeRunMissingTheGoal();
      if (faultFree != null) {
        return faultFree;
      }
    }
    return new CheckResult(null, List.of(), 0, exploration.statistics());
  }

  /** The mutable state of one run; kept apart so that {@link ModelChecker} itself stays reusable. */
  private final class Exploration {
    final StateStore store = new StateStore();
    final IntList parent = new IntList();
    final Graph graph = new Graph();
    final List<Invariant<S>> invariants;
    final long started;
    int initialCount;
    boolean sawStuckState;
    long transitions;
    int depth;
    long lastProgress;

    Exploration(long started) {
      this.started = started;
      this.lastProgress = started + PROGRESS_AFTER_NANOS - PROGRESS_EVERY_NANOS;
      this.invariants = model.invariants().stream().filter(i -> checks(i.name())).toList();
    }

    CheckResult explore() {
      for (S initial : model.initialStates()) {
        int id = store.addIfAbsent(model.encode(initial));
        if (id >= 0) {
          parent.add(-1);
          String broken = firstBrokenInvariant(initial);
          if (broken != null) {
            return violation(broken, id, "");
          }
        }
      }
      initialCount = store.size();
      int levelEnd = store.size();
      int[] emitted = new int[2]; // [0] every successor, [1] those that are not faults
      String[] brokenOnNewState = new String[1];
      int[] violatingState = {-1};
      for (int id = 0; id < store.size(); id++) {
        if (id == levelEnd) {
          depth++;
          levelEnd = store.size();
        }
        S state = model.decode(store.get(id));
        boolean terminal = model.isTerminal(state);
        graph.startState(id, terminal);
        if (terminal) {
          continue;
        }
        emitted[0] = 0;
        emitted[1] = 0;
        int from = id;
        model.successors(state, (action, next, fault) -> {
          emitted[0]++;
          if (!fault) {
            emitted[1]++;
          }
          if (violatingState[0] >= 0) {
            return;
          }
          int added = store.addIfAbsent(model.encode(next));
          int target = added >= 0 ? added : -added - 1;
          graph.addEdge(target, fault);
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
          return violation(brokenOnNewState[0], violatingState[0], "");
        }
        if (emitted[1] == 0) {
          if (checks(NO_DEADLOCK)) {
            return violation(NO_DEADLOCK, id, stuckExplanation(state, emitted[0]));
          }
          sawStuckState = true;
        }
        if ((id & 1023) == 0) {
          reportProgress();
        }
      }
      graph.finish();
      return null;
    }

    private String stuckExplanation(S state, int faults) {
      if (faults == 0) {
        return "the last state is not terminal and nothing at all can happen in it";
      }
      List<String> labels = new ArrayList<>();
      model.successors(state, (action, next, fault) -> labels.add(action.get()));
      return "the last state is not terminal and only faults can happen in it: " + String.join("; ", labels);
    }

    private String firstBrokenInvariant(S state) {
      for (Invariant<S> invariant : invariants) {
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

    private CheckResult violation(String property, int stateId, String explanation) {
      return new CheckResult(property, trace(pathTo(stateId)), 0, statistics(), explanation);
    }

    /** The first state (in breadth-first order) from which no terminal state can be reached, as a lasso. */
    CheckResult stateThatCannotFinish() {
      BitSet canFinish = graph.statesThatCanFinish();
      int stuck = canFinish.nextClearBit(0);
      if (stuck >= graph.stateCount()) {
        return null;
      }
      int[] lasso = new CycleFinder(graph).lassoFrom(stuck);
      List<Integer> path = pathTo(stuck);
      int stuckStep = path.size();
      for (int i = 1; i < lasso.length - 1; i++) {
        path.add(lasso[i]);
      }
      int back = lasso[lasso.length - 1];
      if (back < 0) {
        return new CheckResult(PROGRESS, trace(path), 0, statistics(), "from step " + stuckStep
            + " on no run can reach a terminal state, whatever happens; the last state has no successor at all");
      }
      path.add(lasso[back]);
      int loopStart = stuckStep + back;
      return new CheckResult(PROGRESS, trace(path), loopStart, statistics(),
          "from step " + stuckStep + " on no run can reach a terminal state, whatever happens; the last step returns"
              + " to step " + loopStart + ", and the run can go round for ever");
    }

    CheckResult lasso(int[] cycle) {
      List<Integer> path = pathTo(cycle[0]);
      int loopStart = path.size();
      for (int i = 1; i < cycle.length; i++) {
        path.add(cycle[i]);
      }
      path.add(cycle[0]);
      return new CheckResult(TERMINATION, trace(path), loopStart, statistics(),
          "no fault is needed to go round this cycle, and nothing forces the run to leave it");
    }

    /** A shortest run without faults that ends in a terminal state that is not a goal. */
    CheckResult faultFreeRunMissingTheGoal() {
      int[] faultFreeParent = graph.faultFreeParents(initialCount);
      for (int id = 0; id < graph.stateCount(); id++) {
        if (faultFreeParent[id] != -2 && graph.isTerminal(id) && !model.isGoal(model.decode(store.get(id)))) {
          List<Integer> path = new ArrayList<>();
          for (int s = id; s >= 0; s = faultFreeParent[s]) {
            path.add(s);
          }
          Collections.reverse(path);
          return new CheckResult(PROGRESS, trace(path), 0, statistics(),
              "a run without any fault ends in the last state, which is terminal but not " + model.describeGoal());
        }
      }
      return null;
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
      model.successors(from, (action, next, fault) -> {
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

package io.vmotion.protocol;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The correct protocol run without faults, one attempt, no reduction: every state keeps its pre-copy
 * round, so a completed run tells how many rounds it made. For comparisons with the pre-copy time
 * estimator, which applies the same rule: another round while more than {@code threshold} pages are
 * dirty at the end of a round, up to {@code rounds} rounds.
 */
public final class FaultFreeRuns {
  private FaultFreeRuns() {
  }

  public static MigrationModel model(int pages, int writes, int rounds, int threshold) {
    Bounds bounds = new Bounds(pages, writes, rounds, threshold, 0, 0, 1);
    return new MigrationModel(new MigrationConfig(bounds, Set.of(), Variant.CORRECT, EnumSet.noneOf(Reduction.class)));
  }

  /** The pre-copy rounds a run of {@link #model} made, read from any state after its stun. */
  public static int precopyRounds(MigrationState state) {
    return state.round();
  }

  /** The round counts of every completed run: the guest may write any page at any moment. */
  public static SortedSet<Integer> possiblePrecopyRounds(int pages, int writes, int rounds, int threshold) {
    MigrationModel model = model(pages, writes, rounds, threshold);
    SortedSet<Integer> counts = new TreeSet<>();
    Set<MigrationState> seen = new java.util.HashSet<>();
    java.util.ArrayDeque<MigrationState> queue = new java.util.ArrayDeque<>(List.of(model.initialState()));
    seen.add(model.initialState());
    while (!queue.isEmpty()) {
      MigrationState state = queue.poll();
      if (model.isTerminal(state)) {
        if (model.isGoal(state)) {
          counts.add(precopyRounds(state));
        }
        continue;
      }
      for (Transition transition : model.enabled(state)) {
        if (seen.add(transition.next())) {
          queue.add(transition.next());
        }
      }
    }
    return counts;
  }

  /**
   * The rounds made by the run in which, at the end of every pre-copy round and while writes last, the
   * guest writes {@code pagesDirtiedPerRound} distinct pages (0, 1, ...) that the round has already
   * sent: each round ends with that many pages dirty, like a guest with a steady dirty rate.
   */
  public static int precopyRounds(int pages, int writes, int rounds, int threshold, int pagesDirtiedPerRound) {
    if (pagesDirtiedPerRound < 0 || pagesDirtiedPerRound > pages) {
      throw new IllegalArgumentException("pages dirtied per round must be between 0 and " + pages);
    }
    MigrationRun run = new MigrationRun(model(pages, writes, rounds, threshold));
    int writtenInRound = 0;
    int round = 1;
    while (!run.ended()) {
      MigrationState state = run.state();
      if (state.sourcePhase() == SourcePhase.PRECOPY && state.round() != round) {
        round = state.round();
        writtenInRound = 0;
      }
      boolean roundEnds = !run.enabled(Step.NEXT_ROUND).isEmpty() || !run.enabled(Step.STUN).isEmpty();
      if (roundEnds && writtenInRound < pagesDirtiedPerRound && state.guestActions() < writes) {
        int page = writtenInRound;
        run.take(Step.GUEST_WRITE, next -> next.sourcePage(page) > state.sourcePage(page));
        writtenInRound++;
        continue;
      }
      Transition next = run.enabled().stream()
          .filter(t -> t.step() != Step.GUEST_WRITE && t.step() != Step.GUEST_PACKET)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("a fault-free run is stuck in " + state));
      run.take(next);
    }
    return precopyRounds(run.state());
  }
}

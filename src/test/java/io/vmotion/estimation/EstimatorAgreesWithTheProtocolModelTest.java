package io.vmotion.estimation;

import static org.assertj.core.api.Assertions.assertThat;

import io.vmotion.protocol.Bounds;
import io.vmotion.protocol.FaultFreeRuns;
import io.vmotion.protocol.MigrationModel;
import io.vmotion.protocol.MigrationState;
import io.vmotion.protocol.Step;
import io.vmotion.protocol.Transition;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The estimator and the protocol model (io.vmotion.protocol.MigrationModel) decide the switchover
 * by the same rule: the model stuns after the first round whose dirty pages number at most its
 * threshold, or after its round cap; the estimator stops at the first round that takes at most T,
 * or at its cap. With one page sent per second and T = threshold seconds, and a guest in the model
 * that dirties pages as the estimator assumes (H pages at each round's end, D pages per page sent,
 * always pages already sent), both must count the same pre-copy rounds.
 *
 * <p>Units: the link is 131,072 Mbit/s at efficiency 1, which is exactly 15,625 MiB/s, so one page
 * of 15,625 MiB takes exactly one second and every figure below is exact in floating point. The
 * model has no half pages, so cases whose estimated volumes are not whole pages are left out, as
 * are cases that would need more guest writes than the model's bound (they are counted).
 */
class EstimatorAgreesWithTheProtocolModelTest {

  static final double PAGE_MB = 15_625;
  static final double LINK_MBPS = 131_072;

  /** Dirty rates in pages per page sent, as eighths: exact in binary floating point, and below 1 so that pre-copy can progress. */
  static final int[] DIRTY_EIGHTHS = {0, 1, 2, 3, 4, 5, 6, 7};

  @Test
  void the_estimators_round_count_equals_the_models_pre_copy_rounds_under_the_same_threshold_rule() {
    Map<StopReason, Integer> compared = new EnumMap<>(StopReason.class);
    int fractional = 0;
    int overWriteBound = 0;
    for (int pages = 1; pages <= 6; pages++) {
      for (int hot = 0; hot <= Math.min(2, pages); hot++) {
        for (int eighths : DIRTY_EIGHTHS) {
          for (int threshold = 0; threshold <= pages; threshold++) {
            for (int cap = 1; cap <= 4; cap++) {
              EstimateInput in = EstimateInput.of(pages * PAGE_MB, LINK_MBPS).withEfficiency(1).withHotSetMb(hot * PAGE_MB)
                  .withDirtyMbps(eighths / 8.0 * PAGE_MB).withSwitchoverMs(threshold * 1000.0).withMaxPrecopyRounds(cap);
              Estimate e = PreCopyEstimator.estimate(in);
              if (e.rounds().stream().anyMatch(r -> r.megabytes() % PAGE_MB != 0)) {
                fractional++;
                continue;
              }
              OptionalInt model = modelPrecopyRounds(pages, hot, eighths, threshold, cap);
              if (model.isEmpty()) {
                overWriteBound++;
                continue;
              }
              String what = "pages=" + pages + " hot=" + hot + " dirty=" + eighths + "/8 threshold=" + threshold + " cap=" + cap
                  + " estimate " + e.rounds();
              // The model has no "no progress" rule: it goes on to its cap, where the estimator gives up earlier.
              int expected = e.stopReason() == StopReason.NO_PROGRESS ? cap : e.precopyRounds();
              assertThat(model.getAsInt()).as(what).isEqualTo(expected);
              compared.merge(e.stopReason(), 1, Integer::sum);
            }
          }
        }
      }
    }
    System.out.println("EstimatorAgreesWithTheProtocolModelTest: compared " + compared + "; left out " + fractional
        + " with fractional pages and " + overWriteBound + " needing more than " + Bounds.MAX_WRITES + " guest writes");
    assertThat(compared.getOrDefault(StopReason.SWITCHOVER_TARGET, 0)).isGreaterThan(100);
    assertThat(compared.getOrDefault(StopReason.ROUND_CAP, 0)).isGreaterThan(20);
    assertThat(compared.getOrDefault(StopReason.NO_PROGRESS, 0)).isGreaterThan(5);
  }

  /**
   * Every use of the protocol model is in this method, so that a change to the model's API is
   * adapted here alone. It runs the correct protocol without faults under a fixed schedule:
   * guest writes first, then deliveries, then the source's next step. After the k-th page sent in a
   * round the guest writes floor(k·D) − floor((k−1)·D) pages already sent in that round and still
   * clean (D = eighths / 8 pages per page); at each round's end it writes {@code hot} clean pages.
   * That is the estimator's V_i = min(M, H + D·t_{i−1}) in whole pages.
   *
   * @return the round after which the source stunned the VM, or empty when the guest would need
   *     more writes than the model allows
   */
  static OptionalInt modelPrecopyRounds(int pages, int hot, int eighths, int threshold, int cap) {
    MigrationModel model = FaultFreeRuns.model(pages, Bounds.MAX_WRITES, cap, threshold);
    MigrationState s = model.initialState();
    int round = s.round();
    int sentThisRound = 0;
    int sentCount = 0;
    int rateWrites = 0;
    int hotWrites = 0;
    boolean hotWritten = false;
    for (int guard = 0; guard < 100_000; guard++) {
      if (s.round() != round) {
        round = s.round();
        sentThisRound = 0;
        sentCount = 0;
        hotWritten = false;
      }
      List<Transition> enabled = model.enabled(s);
      boolean roundEnds = enabled.stream().anyMatch(t -> t.step() == Step.STUN || t.step() == Step.NEXT_ROUND);
      if (roundEnds && !hotWritten) {
        hotWrites = hot;
        hotWritten = true;
      }
      if (rateWrites > 0 || hotWrites > 0) {
        int dirty = s.dirty();
        int candidates = rateWrites > 0 ? sentThisRound & ~dirty : ~dirty & ((1 << pages) - 1);
        if (candidates == 0) { // every page is dirty already: the dirty set is the whole memory
          rateWrites = 0;
          hotWrites = 0;
          continue;
        }
        int page = Integer.numberOfTrailingZeros(candidates);
        MigrationState before = s;
        Transition write = enabled.stream()
            .filter(t -> t.step() == Step.GUEST_WRITE && t.next().sourcePage(page) == before.sourcePage(page) + 1).findFirst().orElse(null);
        if (write == null) return OptionalInt.empty();
        s = write.next();
        if (rateWrites > 0) rateWrites--;
        else hotWrites--;
        continue;
      }
      Transition stun = first(enabled, Step.STUN);
      if (stun != null) return OptionalInt.of(s.round());
      Transition deliver = first(enabled, Step.DELIVER);
      if (deliver != null) {
        s = deliver.next();
        continue;
      }
      Transition source = enabled.stream()
          .filter(t -> t.step() == Step.TAKE_PAGE || t.step() == Step.SEND_PAGE || t.step() == Step.CLEAR_DIRTY_BIT || t.step() == Step.NEXT_ROUND)
          .findFirst().orElseThrow(() -> new AssertionError("the source has no step before the stun"));
      if (source.step() == Step.SEND_PAGE) {
        List<io.vmotion.protocol.Message> channel = source.next().channel();
        sentThisRound |= 1 << channel.get(channel.size() - 1).a();
        sentCount++;
        rateWrites += sentCount * eighths / 8 - (sentCount - 1) * eighths / 8;
      }
      s = source.next();
    }
    throw new AssertionError("the model did not stun within 100,000 steps");
  }

  private static Transition first(List<Transition> enabled, Step step) {
    return enabled.stream().filter(t -> t.step() == step).findFirst().orElse(null);
  }
}

package io.vmotion.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fault-free runs the pre-copy estimator is compared with: the same rule decides the number of rounds. */
class FaultFreeRunsTest {

  @ParameterizedTest(name = "pages={0} writes={1} rounds={2} threshold={3}, {4} pages dirtied per round: {5} rounds")
  @CsvSource({
    "4, 0, 5, 1, 0, 1",
    "4, 8, 5, 1, 1, 1",
    "4, 8, 5, 1, 2, 5",
    "4, 8, 3, 1, 2, 3",
    "4, 5, 5, 1, 2, 3",
    "4, 8, 5, 2, 2, 1",
    "4, 8, 5, 0, 1, 5",
  })
  void a_steady_dirty_rate_makes_another_round_while_more_than_the_threshold_stays_dirty(
      int pages, int writes, int rounds, int threshold, int dirtiedPerRound, int expected) {
    assertThat(FaultFreeRuns.precopyRounds(pages, writes, rounds, threshold, dirtiedPerRound)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "pages={0} writes={1} rounds={2} threshold={3}")
  @CsvSource({"2, 0, 3, 1", "2, 2, 3, 1", "3, 3, 3, 1", "2, 3, 3, 0"})
  void every_completed_run_makes_between_one_and_the_rounds_that_can_happen(int pages, int writes, int rounds,
      int threshold) {
    Bounds bounds = new Bounds(pages, writes, rounds, threshold, 0, 0, 1);

    assertThat(FaultFreeRuns.possiblePrecopyRounds(pages, writes, rounds, threshold))
        .first().isEqualTo(1);
    assertThat(FaultFreeRuns.possiblePrecopyRounds(pages, writes, rounds, threshold))
        .last().isEqualTo(bounds.effectiveRounds());
  }
}

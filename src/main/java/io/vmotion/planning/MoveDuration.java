package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;

/**
 * How long one vMotion takes, in seconds. Every {@code estimatedSeconds} of a plan and the planner's
 * third objective (shortest estimated total time) go through this interface and nothing else, so
 * the pre-copy estimator replaces {@link #standIn()} without the planner changing.
 */
public interface MoveDuration {

  /**
   * @param concurrentOnLink how many moves of the same wave share the busier vMotion link of the two
   *     hosts, this one included (at least 1)
   */
  double seconds(Vm vm, Host source, Host target, int concurrentOnLink);

  /** The stand-in until the pre-copy estimator is merged: memory over the shared, slower link. */
  static MoveDuration standIn() {
    return new LinkShareDuration(LinkShareDuration.EFFICIENCY);
  }
}

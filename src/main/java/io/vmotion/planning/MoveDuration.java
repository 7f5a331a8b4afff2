package io.vmotion.planning;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Vm;

/**
 * How long one vMotion takes, in seconds. Every {@code estimatedSeconds} of a plan and the planner's
 * third objective (shortest estimated total time) go through this interface and nothing else, so
 * the estimate can change without the planner changing.
 */
public interface MoveDuration {

  /**
   * @param concurrentOnLink how many moves of the same wave share the busier vMotion link of the two
   *     hosts, this one included (at least 1)
   */
  double seconds(Vm vm, Host source, Host target, int concurrentOnLink);

  /** The simplest estimate: memory once over the shared, slower link (tests use it for its closed form). */
  static MoveDuration standIn() {
    return new LinkShareDuration(LinkShareDuration.EFFICIENCY);
  }

  /** What plans use: the pre-copy estimator's total time. */
  static MoveDuration preCopy() {
    return new PreCopyDuration();
  }
}

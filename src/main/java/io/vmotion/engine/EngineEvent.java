package io.vmotion.engine;

import io.vmotion.protocol.Step;

/**
 * One protocol step as an engine process saw it, named with the model's {@link Step}, so that the
 * merged logs of all processes can be replayed on {@code MigrationModel} (trace validation).
 *
 * @param nanos   {@code System.nanoTime()} when the step took effect; CLOCK_MONOTONIC is one clock for
 *                every process on the machine, so the logs of several processes merge by it
 * @param role    the process that took the step
 * @param step    the model's step; faults are logged by the harness with their fault step
 * @param attempt the migration attempt (the model's epoch, from 1); 0 where no attempt applies
 * @param round   the pre-copy round, from 1; 0 outside pre-copy
 * @param page    the guest page the step concerns (TAKE_PAGE, SEND_PAGE, CLEAR_DIRTY_BIT, GUEST_WRITE,
 *                and DELIVER/DISCARD of a page message); -1 otherwise
 * @param seq     the message's sequence number within its attempt (SEND_*, DELIVER, DISCARD); -1 otherwise
 * @param detail  free text for people reading a failing run; the checker does not interpret it
 */
public record EngineEvent(long nanos, Role role, Step step, int attempt, int round, long page, long seq, String detail) {
  public EngineEvent {
    if (role == null || step == null) throw new IllegalArgumentException("an engine event names its role and step");
    if (detail == null) detail = "";
  }
}

package io.vmotion.protocol;

/**
 * The dead-variable reduction: after a step, resets to canonical values what no guard, effect or
 * property will read again, so that states differing only there are stored once. Each rule below
 * says why the value is dead; {@code ReductionSoundnessTest} shows that verdicts do not change.
 *
 * <p>A reset must never be the only effect of a step (that step would become a self-loop and a
 * spurious cycle). Every guard in {@link MigrationModel} therefore requires that its step changes a
 * live value: faults are enabled only where they can matter, and budgets count every message fault.
 */
final class DeadVariables {
  private final MigrationConfig config;

  DeadVariables(MigrationConfig config) {
    this.config = config;
  }

  void forget(MigrationState before, MigrationState n) {
    SourcePhase source = n.sourcePhase();
    DestinationPhase destination = n.destinationPhase();

    // The cursor and the taken page are read only while a copy round runs; the round only in pre-copy.
    if (source != SourcePhase.PRECOPY && source != SourcePhase.FINAL_PAGES) {
      n.cursor(0);
      n.taken(-1, 0);
    }
    if (source != SourcePhase.PRECOPY) {
      n.round(0);
    }
    // The dirty bitmap, tracking and the sequence counter matter only while the source sends; a retry
    // sets them afresh.
    if (!source.isSending()) {
      n.dirty(0);
      n.tracking(false);
      n.nextSeq(0);
    }
    // A source that freed its copy or crashed never runs the guest or sends again.
    if (source == SourcePhase.FREED || source == SourcePhase.CRASHED) {
      clearSourceMemory(n);
    }

    if (destination == DestinationPhase.CRASHED) {
      n.clearDestinationCopy();
      n.destinationEpoch(0);
      // Nothing reaches a crashed destination: the channel stays empty, so message faults and the
      // partition can never happen again.
      n.faultsUsed(0);
      n.partitioned(false);
    }
    if (destination == DestinationPhase.DONE || destination == DestinationPhase.CRASHED) {
      n.announcementsLost(0);
    }
    if (destination.runsVm() && before.destinationRunning()) {
      forgetAfterResume(n);
    }
    // The snapshot at the stun is compared only when the destination resumes this attempt's copy.
    if (destination == DestinationPhase.CRASHED
        || (destination == DestinationPhase.ABANDONED && n.destinationEpoch() >= n.attempt()
            && !config.is(Variant.LOCK_WITHOUT_EPOCH))) {
      n.clearStunSnapshot();
    }

    // The lock's epoch is compared only while it is offered or held by the destination; its lease only
    // while the destination has committed and not yet resumed (the one state in which it may be broken).
    if (n.lock() == LockState.SOURCE_HELD) {
      n.lock(LockState.SOURCE_HELD, 0);
    } else if (n.lock() != LockState.DESTINATION_COMMITTED) {
      n.leaseExpired(false);
    }

    if (!config.is(Variant.MESSAGES_WITHOUT_EPOCH)) {
      forgetCertainlyDiscardedMessages(n);
    }
  }

  /**
   * Once the destination runs the VM (and the properties have been checked on the state in which it
   * resumed), its copy and the snapshot it was compared with never change again, and the source never
   * sends again: the lock says running, so the source cannot take the VM back.
   */
  private void forgetAfterResume(MigrationState n) {
    for (int p = 0; p < n.pages(); p++) {
      // Equal values keep the properties true, as they were on the state in which the destination resumed.
      n.destinationPage(p, 1);
    }
    n.clearStunSnapshot();
    n.destinationConnections(0);
    if (!n.sourceRunning()) {
      clearSourceMemory(n);
    }
    n.bitmapReceived(false);
    n.awaiting(0);
    n.expectedSeq(0);
    n.faultsUsed(0);
    n.partitioned(false);
    // With the lock marked running no timer can fire any more; without a lock (the seeded bug) one can.
    if (!config.is(Variant.NO_STORAGE_LOCK)) {
      n.faultStruck(false);
    }
  }

  private static void clearSourceMemory(MigrationState n) {
    for (int p = 0; p < n.pages(); p++) {
      n.sourcePage(p, 0);
    }
    n.sourceConnections(0);
  }

  /**
   * A message of an earlier attempt than the destination's, or of its attempt but numbered below what
   * it expects, or of an attempt it gave up or committed, will be discarded on arrival whatever happens
   * first: its content is dead, only its place in the channel still matters.
   */
  private static void forgetCertainlyDiscardedMessages(MigrationState n) {
    DestinationPhase destination = n.destinationPhase();
    int epoch = n.destinationEpoch();
    for (int i = 0; i < n.channelLength(); i++) {
      Message m = n.message(i);
      if (m.kind() == Message.Kind.STALE) {
        continue;
      }
      boolean discarded = m.epoch() < epoch
          || (m.epoch() == epoch && (destination != DestinationPhase.RECEIVING || m.seq() < n.expectedSeq()));
      if (discarded) {
        n.setMessage(i, Message.STALE);
      }
    }
  }
}

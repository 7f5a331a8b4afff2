package io.vmotion.protocol;

/**
 * The stale-attempts reduction: what the destination will certainly throw away is thrown away at
 * once. Throwing it away later changes nothing else, so every run of the full model is a run of the
 * reduced one with some invisible steps moved earlier, and the other way round.
 *
 * <ul>
 *   <li>A message the destination will discard whatever happens first (of an earlier attempt than the
 *       one it receives, numbered below what it expects, or of an attempt it gave up or committed) is
 *       dropped from the channel.</li>
 *   <li>A destination receiving an attempt that can no longer be committed (the lock is not offered
 *       for it and the source will never offer it again) holds a copy it can only throw away: it counts
 *       as having given up.</li>
 * </ul>
 * Neither rule applies to a seeded bug whose destination breaks the rule's premise: one that commits
 * without an offer or takes any attempt's offer, does more than commit or give up while it receives,
 * or never gives up; one that does not look at epochs keeps every message.
 */
final class StaleAttempts {
  private final MigrationConfig config;
  private final boolean abandonsDeadAttempts;
  private final boolean dropsDiscardedMessages;

  StaleAttempts(MigrationConfig config) {
    this.config = config;
    this.dropsDiscardedMessages = !config.is(Variant.MESSAGES_WITHOUT_EPOCH);
    this.abandonsDeadAttempts = dropsDiscardedMessages && !config.is(Variant.NO_STORAGE_LOCK)
        && !config.is(Variant.LOCK_WITHOUT_EPOCH) && !config.is(Variant.ANNOUNCE_BEFORE_COMMIT)
        && !config.is(Variant.DESTINATION_TIMER_IGNORES_CRASHED_SOURCE);
  }

  void forget(MigrationState n) {
    if (abandonsDeadAttempts && n.destinationPhase() == DestinationPhase.RECEIVING
        && !canStillCommit(n, n.destinationEpoch())) {
      n.destinationPhase(DestinationPhase.ABANDONED);
      n.clearDestinationCopy();
    }
    if (dropsDiscardedMessages) {
      dropCertainlyDiscarded(n);
    }
  }

  private boolean canStillCommit(MigrationState n, int epoch) {
    if (n.lock() == LockState.OFFERED && n.lockEpoch() == epoch) {
      return true;
    }
    SourcePhase source = n.sourcePhase();
    boolean beforeOffer = source == SourcePhase.PRECOPY || source == SourcePhase.FINAL_BITMAP
        || source == SourcePhase.FINAL_PAGES || source == SourcePhase.FINAL_OFFER;
    boolean offersAgain = source == SourcePhase.AWAITING_COMMIT && config.is(Variant.RETRIES_OFFER_FOREVER);
    return n.attempt() == epoch && (beforeOffer || offersAgain);
  }

  private static void dropCertainlyDiscarded(MigrationState n) {
    int length = n.channelLength();
    if (length == 0) {
      return;
    }
    boolean receiving = n.destinationPhase() == DestinationPhase.RECEIVING;
    int epoch = n.destinationEpoch();
    int expected = n.expectedSeq();
    int kept = 0;
    for (int i = 0; i < length; i++) {
      int messageEpoch = n.messageEpoch(i);
      boolean discarded = messageEpoch < epoch || (messageEpoch == epoch && (!receiving || n.messageSeq(i) < expected));
      if (!discarded) {
        if (kept < i) {
          n.moveMessage(i, kept);
        }
        kept++;
      }
    }
    if (kept < length) {
      n.truncateChannel(kept);
    }
  }
}

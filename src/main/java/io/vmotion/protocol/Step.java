package io.vmotion.protocol;

/**
 * The kinds of transition in the migration model. The state diagram's edges are labelled with these,
 * and an engine's event log names its steps with them, so that it can be replayed on the model.
 */
public enum Step {
  GUEST_WRITE("guest writes a page", Kind.PROTOCOL),
  GUEST_PACKET("guest uses its connection", Kind.PROTOCOL),
  TAKE_PAGE("take page", Kind.PROTOCOL),
  SEND_PAGE("send page", Kind.PROTOCOL),
  CLEAR_DIRTY_BIT("clear dirty bit", Kind.PROTOCOL),
  NEXT_ROUND("next round", Kind.PROTOCOL),
  STUN("stun", Kind.PROTOCOL),
  SEND_BITMAP("send final bitmap", Kind.PROTOCOL),
  SEND_DEVICE_STATE("send device state", Kind.PROTOCOL),
  OFFER_LOCK("offer lock", Kind.PROTOCOL),
  FREE_COPY("free copy", Kind.PROTOCOL),
  SOURCE_TIMEOUT("timeout, abort", Kind.TIMER),
  BREAK_LEASE("break expired lease, resume", Kind.PROTOCOL),
  RETRY("retry: new attempt", Kind.PROTOCOL),
  DELIVER("deliver message", Kind.PROTOCOL),
  DISCARD("discard message", Kind.PROTOCOL),
  COMMIT("commit, take lock", Kind.PROTOCOL),
  RESUME("resume", Kind.PROTOCOL),
  LOST_LOCK("lock lost, discard copy", Kind.PROTOCOL),
  ANNOUNCE("announce MAC", Kind.PROTOCOL),
  ABANDON("timeout, discard copy", Kind.TIMER),
  LEASE_EXPIRES("lease expires", Kind.ENVIRONMENT),
  STORAGE_PATH_RESTORED("storage path back", Kind.ENVIRONMENT),
  SOURCE_CRASH("source crash", Kind.FAULT),
  DESTINATION_CRASH("destination crash", Kind.FAULT),
  LOSE_MESSAGE("lose message", Kind.FAULT),
  DUPLICATE_MESSAGE("duplicate message", Kind.FAULT),
  REORDER_MESSAGES("reorder messages", Kind.FAULT),
  PARTITION("partition", Kind.FAULT),
  STORAGE_PATH_FAILS("storage path down", Kind.FAULT),
  LOSE_ANNOUNCEMENT("lose announcement", Kind.FAULT);

  /**
   * What drives a step. Faults are not progress: a state that only faults can move is a deadlock.
   * Timers fire only when their timeout condition holds (see {@link MigrationModel}). Environment
   * steps are the passing of time and repairs, which a run may rely on.
   */
  public enum Kind { PROTOCOL, TIMER, ENVIRONMENT, FAULT }

  private final String label;
  private final Kind kind;

  Step(String label, Kind kind) {
    this.label = label;
    this.kind = kind;
  }

  public String label() {
    return label;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isFault() {
    return kind == Kind.FAULT;
  }
}

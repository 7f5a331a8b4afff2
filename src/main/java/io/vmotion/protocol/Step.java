package io.vmotion.protocol;

/** The kinds of transition in the migration model; the state diagram's edges are labelled with these. */
public enum Step {
  GUEST_WRITE("guest writes a page"),
  GUEST_PACKET("guest uses its connection"),
  TAKE_PAGE("take page"),
  SEND_PAGE("send page"),
  CLEAR_DIRTY_BIT("clear dirty bit"),
  NEXT_ROUND("next round"),
  STUN("stun"),
  SEND_BITMAP("send final bitmap"),
  SEND_DEVICE_STATE("send device state"),
  OFFER_LOCK("offer lock"),
  FREE_COPY("free copy"),
  SOURCE_TIMEOUT("timeout, abort"),
  DELIVER("deliver message"),
  DISCARD("discard message"),
  COMMIT("commit, take lock"),
  RESUME("resume"),
  ANNOUNCE("announce MAC"),
  ABANDON("timeout, discard copy"),
  SOURCE_CRASH("source crash"),
  DESTINATION_CRASH("destination crash"),
  LOSE_MESSAGE("lose message"),
  DUPLICATE_MESSAGE("duplicate message"),
  REORDER_MESSAGES("reorder messages"),
  PARTITION("partition"),
  LOSE_ANNOUNCEMENT("lose announcement");

  private final String label;

  Step(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

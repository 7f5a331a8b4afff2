package io.vmotion.protocol;

/** Where the source host's migration controller is. */
public enum SourcePhase {
  PRECOPY("pre-copy"),
  FINAL_BITMAP("sending final bitmap"),
  FINAL_PAGES("sending final pages and device state"),
  FINAL_OFFER("offering the lock"),
  AWAITING_COMMIT("awaiting the destination's resume"),
  FREED("freed its copy"),
  RESUMED("resumed after abort"),
  CRASHED("crashed");

  private final String label;

  SourcePhase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Between the stun and knowing the outcome: the phases in which the switchover timer runs. */
  public boolean isSwitchingOver() {
    return this == FINAL_BITMAP || this == FINAL_PAGES || this == FINAL_OFFER || this == AWAITING_COMMIT;
  }

  /** The phases in which the source still sends on the migration channel. */
  public boolean isSending() {
    return this == PRECOPY || this == FINAL_BITMAP || this == FINAL_PAGES;
  }
}

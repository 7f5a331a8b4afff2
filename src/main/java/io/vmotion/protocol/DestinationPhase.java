package io.vmotion.protocol;

/** Where the destination host is. */
public enum DestinationPhase {
  RECEIVING("receiving"),
  COMMITTED("committed, holding the lock"),
  RUNNING("running, announcing"),
  DONE("running, switch learned its port"),
  ABANDONED("gave up, copy discarded"),
  CRASHED("crashed");

  private final String label;

  DestinationPhase(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  public boolean runsVm() {
    return this == RUNNING || this == DONE;
  }
}

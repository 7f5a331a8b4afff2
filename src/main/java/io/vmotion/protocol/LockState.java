package io.vmotion.protocol;

/** The VM's file lock on shared storage; every change to it is one atomic compare-and-swap. */
public enum LockState {
  SOURCE_HELD("held by source"),
  OFFERED("offered to destination"),
  DESTINATION_HELD("held by destination");

  private final String label;

  LockState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

package io.vmotion.protocol;

/**
 * The VM's lock record on shared storage, as on VMFS: who holds it, for which attempt (the epoch,
 * {@link MigrationState#lockEpoch}), and whether the holder's lease has expired. Every change to
 * it is one atomic compare-and-swap (SCSI compare-and-write on VMFS).
 */
public enum LockState {
  SOURCE_HELD("held by source"),
  OFFERED("offered to destination"),
  DESTINATION_COMMITTED("held by destination, committed"),
  DESTINATION_RUNNING("held by destination, VM running there");

  private final String label;

  LockState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}

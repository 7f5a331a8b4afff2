package io.vmotion.estimation;

/** Why pre-copy ended where it did. */
public enum StopReason {
  /** The round fits the switchover target: it is sent with the VM stunned, as planned. */
  SWITCHOVER_TARGET("switchover-target"),
  /** The round was no shorter than the one before: more rounds would not help. */
  NO_PROGRESS("no-progress"),
  /** The round cap was reached before the target was met. */
  ROUND_CAP("round-cap");

  private final String json;

  StopReason(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}

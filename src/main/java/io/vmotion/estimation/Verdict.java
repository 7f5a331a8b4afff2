package io.vmotion.estimation;

/** What the estimate says of the move. */
public enum Verdict {
  /** Pre-copy meets the switchover target on its own. */
  OK("ok"),
  /** Pre-copy does not converge on its own: vMotion has to slow the guest (SDPS) to finish. */
  NEEDS_SDPS("needs-sdps"),
  /** The stun would outlast ESXi's maximum switchover time even with SDPS: vMotion would abort. */
  FAILS("fails");

  private final String json;

  Verdict(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}

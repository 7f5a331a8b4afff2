package io.vmotion.inventory;

/** A VM's power state (VirtualMachine.runtime.powerState). */
public enum PowerState {
  POWERED_ON("poweredOn"),
  POWERED_OFF("poweredOff"),
  SUSPENDED("suspended");

  private final String json;

  PowerState(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}

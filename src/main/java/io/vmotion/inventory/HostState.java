package io.vmotion.inventory;

/** A host's connection state as vCenter reports it (HostSystem.runtime.connectionState). */
public enum HostState {
  CONNECTED("connected"),
  DISCONNECTED("disconnected"),
  NOT_RESPONDING("notResponding");

  private final String json;

  HostState(String json) {
    this.json = json;
  }

  public String json() {
    return json;
  }
}

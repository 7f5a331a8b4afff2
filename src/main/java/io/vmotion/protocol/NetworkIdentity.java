package io.vmotion.protocol;

/** The VM's network identity. Encoded as small ids in the state; 0 means "not set". */
public final class NetworkIdentity {
  public static final int VM_MAC = 0x5a;
  public static final int VM_IP = 10;

  private NetworkIdentity() {
  }

  static String mac(int id) {
    return id == 0 ? "unset" : String.format("00:50:56:00:00:%02x", id);
  }

  static String ip(int id) {
    return id == 0 ? "unset" : "10.0.0." + id;
  }
}

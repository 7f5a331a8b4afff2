package io.vmotion.protocol;

/**
 * A migration-channel message from source to destination. Every message names its attempt (the
 * epoch) and carries the sender's sequence number within that attempt; the destination accepts only
 * the next number it expects of the attempt it is receiving, which is how it discards duplicates,
 * notices a gap left by a lost or overtaken message, and ignores what an aborted attempt left behind.
 *
 * <p>A {@link Kind#STALE} message stands for one the destination will certainly discard: its content
 * is never read again, so the dead-variable reduction forgets it (see {@link MigrationModel}).
 */
public record Message(Kind kind, int epoch, int seq, int a, int b) {
  public enum Kind { PAGE, BITMAP, DEVICE, STALE }

  static final int BYTES = 4;
  private static final Kind[] KINDS = Kind.values();

  public static Message page(int epoch, int seq, int page, int version) {
    return new Message(Kind.PAGE, epoch, seq, page, version);
  }

  public static Message bitmap(int epoch, int seq, int dirtyPages) {
    return new Message(Kind.BITMAP, epoch, seq, dirtyPages, 0);
  }

  /** The device state: the vCPU state and the virtual NIC (the VM's MAC and IP, and its connection state). */
  public static Message device(int epoch, int seq, int connectionState) {
    return new Message(Kind.DEVICE, epoch, seq, connectionState, 0);
  }

  static final Message STALE = new Message(Kind.STALE, 0, 0, 0, 0);

  void writeTo(byte[] bytes, int offset) {
    bytes[offset] = (byte) ((kind.ordinal() + 1) | epoch << 3);
    bytes[offset + 1] = (byte) seq;
    bytes[offset + 2] = (byte) a;
    bytes[offset + 3] = (byte) b;
  }

  static Kind kindOf(byte head) {
    return KINDS[(head & 7) - 1];
  }

  static Message readFrom(byte[] bytes, int offset) {
    int head = bytes[offset] & 0xFF;
    return new Message(KINDS[(head & 7) - 1], head >> 3, bytes[offset + 1] & 0xFF,
        bytes[offset + 2] & 0xFF, bytes[offset + 3] & 0xFF);
  }

  @Override
  public String toString() {
    String number = "#" + epoch + "." + seq;
    return switch (kind) {
      case PAGE -> number + " page " + a + " v" + b;
      case BITMAP -> number + " bitmap " + MigrationState.pageSet(a);
      case DEVICE -> number + " device(mac " + NetworkIdentity.mac(NetworkIdentity.VM_MAC) + ", ip "
          + NetworkIdentity.ip(NetworkIdentity.VM_IP) + ", connections " + a + ")";
      case STALE -> "(stale message)";
    };
  }
}

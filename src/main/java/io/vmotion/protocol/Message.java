package io.vmotion.protocol;

/**
 * A migration-channel message from source to destination. Every message carries the sender's
 * sequence number; the destination accepts only the next one it expects, which is how it discards
 * duplicates and notices a gap left by a lost or overtaken message.
 */
public record Message(Kind kind, int seq, int a, int b, int c) {
  public enum Kind { PAGE, BITMAP, DEVICE }

  static final int BYTES = 5;

  public static Message page(int seq, int page, int version) {
    return new Message(Kind.PAGE, seq, page, version, 0);
  }

  public static Message bitmap(int seq, int dirtyPages) {
    return new Message(Kind.BITMAP, seq, dirtyPages, 0, 0);
  }

  public static Message device(int seq, int mac, int ip, int connectionState) {
    return new Message(Kind.DEVICE, seq, mac, ip, connectionState);
  }

  void writeTo(byte[] bytes, int offset) {
    bytes[offset] = (byte) (kind.ordinal() + 1);
    bytes[offset + 1] = (byte) seq;
    bytes[offset + 2] = (byte) a;
    bytes[offset + 3] = (byte) b;
    bytes[offset + 4] = (byte) c;
  }

  static Message readFrom(byte[] bytes, int offset) {
    return new Message(Kind.values()[bytes[offset] - 1], bytes[offset + 1] & 0xFF,
        bytes[offset + 2] & 0xFF, bytes[offset + 3] & 0xFF, bytes[offset + 4] & 0xFF);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case PAGE -> "#" + seq + " page " + a + " v" + b;
      case BITMAP -> "#" + seq + " bitmap " + MigrationState.pageSet(a);
      case DEVICE -> "#" + seq + " device(mac " + NetworkIdentity.mac(a) + ", ip " + NetworkIdentity.ip(b)
          + ", connections " + c + ")";
    };
  }
}

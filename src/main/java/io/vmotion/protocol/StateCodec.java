package io.vmotion.protocol;

/**
 * Packs a {@link MigrationState} into as few bits as its bounds allow, for the checker's visited set:
 * each of the state's one-byte fields gets exactly the width its largest value needs (a page version
 * needs only enough bits for the guest-write bound). The packing is a bijection on reachable states,
 * so it changes nothing but memory and hashing time.
 */
final class StateCodec {
  private final int pages;
  private final int[] widths;
  private final int length;

  StateCodec(Bounds bounds) {
    this.pages = bounds.pages();
    this.widths = new int[MigrationState.length(pages)];
    int pageBits = bitsFor(pages);
    int writeBits = bitsFor(bounds.writes());
    // Per attempt: every page in each round, the final bitmap, every page again, the device state.
    int maxSeq = pages * (bounds.effectiveRounds() + 1) + 2;
    int seqBits = bitsFor(maxSeq);
    set(MigrationState.SOURCE_PHASE, bitsFor(SourcePhase.values().length - 1));
    set(MigrationState.ATTEMPT, 2);
    set(MigrationState.SOURCE_FLAGS, 3);
    set(MigrationState.ROUND, bitsFor(bounds.effectiveRounds()));
    set(MigrationState.CURSOR, pageBits);
    set(MigrationState.TAKEN, 6);
    set(MigrationState.DIRTY, pages);
    set(MigrationState.SOURCE_CONNECTIONS, writeBits);
    set(MigrationState.NEXT_SEQ, seqBits);
    set(MigrationState.LOCK, 5);
    set(MigrationState.DEST_PHASE, bitsFor(DestinationPhase.values().length - 1));
    set(MigrationState.DEST_EPOCH, 2);
    set(MigrationState.DEST_FLAGS, 3);
    set(MigrationState.EXPECTED_SEQ, seqBits);
    set(MigrationState.AWAITING, pages);
    set(MigrationState.DEST_CONNECTIONS, writeBits);
    set(MigrationState.NET_FLAGS, 4);
    set(MigrationState.FAULTS_USED, bitsFor(bounds.faultBudget()));
    set(MigrationState.ANNOUNCEMENTS_LOST, bitsFor(bounds.announceLossBudget()));
    set(MigrationState.GHOST_FLAGS, 3);
    set(MigrationState.STUN_CONNECTIONS, writeBits);
    set(MigrationState.CHANNEL_LENGTH, bitsFor(MigrationState.CHANNEL_CAPACITY));
    set(MigrationState.GUEST_ACTIONS, writeBits);
    for (int m = 0; m < MigrationState.CHANNEL_CAPACITY; m++) {
      int base = MigrationState.CHANNEL + m * Message.BYTES;
      set(base, 5);
      set(base + 1, seqBits);
      // a: a page number, a bitmap or a connection state; b: a page version.
      set(base + 2, Math.max(pages, Math.max(pageBits, writeBits)));
      set(base + 3, writeBits);
    }
    for (int p = 0; p < pages; p++) {
      set(MigrationState.PAGES + p, writeBits);
      set(MigrationState.PAGES + pages + p, bitsFor(bounds.writes() + 1));
      set(MigrationState.PAGES + 2 * pages + p, writeBits);
    }
    int bits = 0;
    for (int width : widths) {
      bits += width;
    }
    this.length = (bits + 7) / 8;
  }

  private void set(int field, int width) {
    widths[field] = width;
  }

  private static int bitsFor(int maxValue) {
    return 32 - Integer.numberOfLeadingZeros(Math.max(maxValue, 0));
  }

  int packedLength() {
    return length;
  }

  byte[] encode(MigrationState state) {
    byte[] fields = state.bytes();
    byte[] out = new byte[length];
    long buffer = 0;
    int buffered = 0;
    int at = 0;
    for (int i = 0; i < fields.length; i++) {
      int width = widths[i];
      int value = fields[i] & 0xFF;
      if (value >>> width != 0) {
        throw new IllegalStateException("field " + i + " = " + value + " does not fit in " + width + " bits: " + state);
      }
      buffer |= (long) value << buffered;
      buffered += width;
      while (buffered >= 8) {
        out[at++] = (byte) buffer;
        buffer >>>= 8;
        buffered -= 8;
      }
    }
    if (buffered > 0) {
      out[at] = (byte) buffer;
    }
    return out;
  }

  MigrationState decode(byte[] packed) {
    byte[] fields = new byte[widths.length];
    long buffer = 0;
    int buffered = 0;
    int at = 0;
    for (int i = 0; i < fields.length; i++) {
      int width = widths[i];
      while (buffered < width) {
        buffer |= (long) (packed[at++] & 0xFF) << buffered;
        buffered += 8;
      }
      fields[i] = (byte) (buffer & ((1L << width) - 1));
      buffer >>>= width;
      buffered -= width;
    }
    return new MigrationState(fields, pages);
  }
}

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
  private final int wordCount;
  // The fields that take any bits, and where each one starts in the packed key.
  private final int[] packedFields;
  private final int[] positions;

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
    int fieldCount = 0;
    for (int width : widths) {
      if (width > 0) {
        fieldCount++;
      }
    }
    this.packedFields = new int[fieldCount];
    this.positions = new int[fieldCount];
    int bits = 0;
    int k = 0;
    for (int i = 0; i < widths.length; i++) {
      if (widths[i] > 0) {
        packedFields[k] = i;
        positions[k] = bits;
        bits += widths[i];
        k++;
      }
    }
    this.length = (bits + 7) / 8;
    this.wordCount = (bits + 63) / 64;
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
    long[] words = new long[wordCount];
    for (int k = 0; k < packedFields.length; k++) {
      int i = packedFields[k];
      long value = fields[i] & 0xFF;
      int width = widths[i];
      if (value >>> width != 0) {
        throw new IllegalStateException("field " + i + " = " + value + " does not fit in " + width + " bits: " + state);
      }
      int position = positions[k];
      int shift = position & 63;
      words[position >>> 6] |= value << shift;
      if (shift + width > 64) {
        words[(position >>> 6) + 1] |= value >>> (64 - shift);
      }
    }
    byte[] out = new byte[length];
    for (int b = 0; b < length; b++) {
      out[b] = (byte) (words[b >>> 3] >>> ((b & 7) << 3));
    }
    return out;
  }

  MigrationState decode(byte[] packed) {
    long[] words = new long[wordCount];
    for (int b = 0; b < packed.length; b++) {
      words[b >>> 3] |= (packed[b] & 0xFFL) << ((b & 7) << 3);
    }
    byte[] fields = new byte[widths.length];
    for (int k = 0; k < packedFields.length; k++) {
      int i = packedFields[k];
      int width = widths[i];
      int position = positions[k];
      int shift = position & 63;
      long value = words[position >>> 6] >>> shift;
      if (shift + width > 64) {
        value |= words[(position >>> 6) + 1] << (64 - shift);
      }
      fields[i] = (byte) (value & ((1L << width) - 1));
    }
    return new MigrationState(fields, pages);
  }
}

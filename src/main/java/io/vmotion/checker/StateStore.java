package io.vmotion.checker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The visited set: every distinct state's encoding appended to a byte arena kept in fixed-size
 * chunks, indexed by an open-addressing hash table of state ids. Far denser than a HashMap of
 * byte[] keys, which is what lets tens of millions of states fit in a small heap. Ids are handed
 * out in insertion order.
 *
 * <p>When every key has the same length (the usual case: a model's states have one layout), a
 * state's place in the arena follows from its id and nothing else is stored per state. Keys of
 * varying length are supported too, at the cost of a position and a length per state.
 */
final class StateStore {
  private static final int CHUNK_BITS = 24;
  private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
  private static final int MAX_STATES = Integer.MAX_VALUE - 16;

  private byte[][] chunks = new byte[4][];
  private int chunkCount;
  private int chunkFill; // used only once keys vary in length
  // Each slot packs the state's hash (high half) with its id + 1 (low half, 0 = empty), so that most
  // probes are settled without touching the arena, and growing the table needs no rehashing of keys.
  private long[] table = new long[1 << 12];
  private int size;

  private int keyLength = -1;
  private boolean varying;
  private IntList chunkOf;
  private IntList offsetOf;
  private IntList lengthOf;

  int size() {
    return size;
  }

  /** Returns the id of {@code key}, adding it if absent; the returned value is negative (-id-1) when it was already present. */
  int addIfAbsent(byte[] key) {
    if (keyLength < 0) {
      keyLength = key.length;
    }
    // An empty key has no place of its own in a fixed-length arena.
    if (!varying && (key.length != keyLength || keyLength == 0)) {
      switchToVaryingLengths();
    }
    int hash = hash(key);
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = table[slot];
      if (entry == 0) {
        int id = append(key);
        table[slot] = (long) hash << 32 | (id + 1L);
        if (size > (table.length >> 1) + (table.length >> 2)) {
          grow();
        }
        return id;
      }
      if ((int) (entry >>> 32) == hash) {
        int id = (int) entry - 1;
        if (equalsAt(id, key)) {
          return -id - 1;
        }
      }
    }
  }

  byte[] get(int id) {
    byte[] chunk = chunks[chunkIndex(id)];
    int offset = offsetIn(id);
    return Arrays.copyOfRange(chunk, offset, offset + length(id));
  }

  private int chunkIndex(int id) {
    return varying ? chunkOf.get(id) : id / (CHUNK_SIZE / keyLength);
  }

  private int offsetIn(int id) {
    return varying ? offsetOf.get(id) : (id % (CHUNK_SIZE / keyLength)) * keyLength;
  }

  private int length(int id) {
    return varying ? lengthOf.get(id) : keyLength;
  }

  private boolean equalsAt(int id, byte[] key) {
    int length = length(id);
    if (length != key.length) {
      return false;
    }
    int offset = offsetIn(id);
    return Arrays.equals(chunks[chunkIndex(id)], offset, offset + length, key, 0, length);
  }

  private int append(byte[] key) {
    if (size >= MAX_STATES || key.length > CHUNK_SIZE) {
      throw new StateSpaceTooLargeException(size);
    }
    int chunk;
    int offset;
    if (varying) {
      if (chunkCount == 0 || chunkFill + key.length > CHUNK_SIZE) {
        newChunk();
      }
      chunk = chunkCount - 1;
      offset = chunkFill;
      chunkOf.add(chunk);
      offsetOf.add(offset);
      lengthOf.add(key.length);
      chunkFill += key.length;
    } else {
      chunk = chunkIndex(size);
      offset = offsetIn(size);
      if (chunk == chunkCount) {
        newChunk();
      }
    }
    ensureCapacity(chunk, offset + key.length);
    System.arraycopy(key, 0, chunks[chunk], offset, key.length);
    return size++;
  }

  private void newChunk() {
    if (chunkCount == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    // Small models get a small first chunk, grown in place until it reaches the full size.
    chunks[chunkCount] = new byte[chunkCount == 0 ? 1 << 12 : CHUNK_SIZE];
    chunkCount++;
    chunkFill = 0;
  }

  private void ensureCapacity(int chunk, int needed) {
    if (needed > chunks[chunk].length) {
      long grown = Math.max(chunks[chunk].length * 4L, needed);
      chunks[chunk] = Arrays.copyOf(chunks[chunk], (int) Math.min(CHUNK_SIZE, grown));
    }
  }

  /** Records where every key stored so far lives, so that keys of other lengths can follow. */
  private void switchToVaryingLengths() {
    chunkOf = new IntList();
    offsetOf = new IntList();
    lengthOf = new IntList();
    for (int id = 0; id < size; id++) {
      chunkOf.add(chunkIndex(id));
      offsetOf.add(offsetIn(id));
      lengthOf.add(keyLength);
    }
    varying = true;
    // Varying keys go after the last fixed-length one, in the same chunk if it has room.
    chunkFill = size == 0 ? 0 : offsetIn(size - 1) + keyLength;
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    int mask = bigger.length - 1;
    for (long entry : table) {
      if (entry != 0) {
        int slot = (int) (entry >>> 32) & mask;
        while (bigger[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        bigger[slot] = entry;
      }
    }
    table = bigger;
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Eight bytes at a time, then the tail; mixed so that similar keys spread under linear probing. */
  private static int hash(byte[] key) {
    long h = 0x9E3779B97F4A7C15L ^ key.length;
    int i = 0;
    for (; i + 8 <= key.length; i += 8) {
      h = (h ^ (long) LONGS.get(key, i)) * 0xff51afd7ed558ccdL;
      h ^= h >>> 32;
    }
    long tail = 0;
    for (int shift = 0; i < key.length; i++, shift += 8) {
      tail |= (key[i] & 0xFFL) << shift;
    }
    h = (h ^ tail) * 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 29;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 32;
    return (int) h;
  }
}

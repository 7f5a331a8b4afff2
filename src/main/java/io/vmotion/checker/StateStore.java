package io.vmotion.checker;

import java.util.Arrays;

/**
 * The visited set: every distinct state's encoding appended to one byte arena, indexed by an
 * open-addressing hash table of state ids. Far denser than a HashMap of byte[] keys, which is
 * what lets millions of states fit in a small heap. Ids are handed out in insertion order.
 */
final class StateStore {
  private byte[] arena = new byte[1 << 16];
  private int arenaSize;
  private int[] offsets = new int[1 << 12];
  private int[] hashes = new int[1 << 12];
  // Each slot packs the state's hash (high half) with its id + 1 (low half, 0 = empty), so that most
  // probes are settled without touching the arena: the lookup is bound by memory latency.
  private long[] table = new long[1 << 13];
  private int size;

  int size() {
    return size;
  }

  /** Returns the id of {@code key}, adding it if absent; the returned value is negative (-id-1) when it was already present. */
  int addIfAbsent(byte[] key) {
    int hash = hash(key);
    int mask = table.length - 1;
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      long entry = table[slot];
      if (entry == 0) {
        int id = append(key, hash);
        table[slot] = pack(hash, id);
        if (size * 2 > table.length) {
          rehash();
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
    int end = id + 1 < size ? offsets[id + 1] : arenaSize;
    return Arrays.copyOfRange(arena, offsets[id], end);
  }

  private boolean equalsAt(int id, byte[] key) {
    int start = offsets[id];
    int end = id + 1 < size ? offsets[id + 1] : arenaSize;
    return Arrays.equals(arena, start, end, key, 0, key.length);
  }

  private int append(byte[] key, int hash) {
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, grow(offsets.length));
      hashes = Arrays.copyOf(hashes, offsets.length);
    }
    if ((long) arenaSize + key.length > arena.length) {
      long needed = (long) arenaSize + key.length;
      long limit = Integer.MAX_VALUE - 16;
      if (needed > limit) {
        throw new StateSpaceTooLargeException(size);
      }
      long wanted = Math.min(Math.max((long) arena.length * 2, needed), limit);
      arena = Arrays.copyOf(arena, (int) wanted);
    }
    System.arraycopy(key, 0, arena, arenaSize, key.length);
    offsets[size] = arenaSize;
    hashes[size] = hash;
    arenaSize += key.length;
    return size++;
  }

  private void rehash() {
    long[] bigger = new long[table.length * 2];
    int mask = bigger.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (bigger[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      bigger[slot] = pack(hashes[id], id);
    }
    table = bigger;
  }

  private static long pack(int hash, int id) {
    return (long) hash << 32 | (id + 1L);
  }

  private static int grow(int length) {
    return length + (length >> 1) + 16;
  }

  private static int hash(byte[] key) {
    int h = Arrays.hashCode(key);
    // Spread the bits: Arrays.hashCode of short, similar keys clusters badly under linear probing.
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}

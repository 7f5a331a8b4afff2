package io.vmotion.checker;

import java.util.Arrays;

/** A growable int array, to keep per-state bookkeeping free of boxing. */
final class IntList {
  private int[] values = new int[1 << 12];
  private int size;

  void add(int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length + (values.length >> 1));
    }
    values[size++] = value;
  }

  int get(int index) {
    return values[index];
  }

  int size() {
    return size;
  }
}

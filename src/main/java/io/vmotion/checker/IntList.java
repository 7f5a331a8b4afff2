package io.vmotion.checker;

/**
 * A growable int array in fixed-size pages, to keep per-state and per-edge bookkeeping free of
 * boxing; growing never copies what is stored, so a big search has no transient doubling of memory.
 */
final class IntList {
  private static final int PAGE_BITS = 20;
  private static final int PAGE_SIZE = 1 << PAGE_BITS;
  private static final int PAGE_MASK = PAGE_SIZE - 1;

  private int[][] pages = new int[16][];
  private int size;

  void add(int value) {
    int page = size >>> PAGE_BITS;
    if (page == pages.length) {
      pages = java.util.Arrays.copyOf(pages, pages.length * 2);
    }
    if (pages[page] == null) {
      // The first page starts small so that tiny models stay tiny.
      pages[page] = new int[page == 0 ? 1 << 12 : PAGE_SIZE];
    } else if (page == 0 && size == pages[0].length) {
      pages[0] = java.util.Arrays.copyOf(pages[0], Math.min(PAGE_SIZE, pages[0].length * 4));
    }
    pages[page][size & PAGE_MASK] = value;
    size++;
  }

  int get(int index) {
    return pages[index >>> PAGE_BITS][index & PAGE_MASK];
  }

  void set(int index, int value) {
    pages[index >>> PAGE_BITS][index & PAGE_MASK] = value;
  }

  int size() {
    return size;
  }
}

package io.vmotion.protocol;

/**
 * The version-ranks reduction, a data-independence argument: the protocol and its properties only
 * ever copy a page version and compare two versions of the same page for equality, and a guest write
 * makes a value that no copy holds. Replacing every version of a page (the source's, the snapshot at
 * the stun, the destination's copy, those in flight) by its rank among the distinct values in use
 * keeps every equality and keeps the source's version the largest, so a write still makes a new
 * value. States that differ only in how many writes went to which page, with the same copies equal,
 * become one. Connection states are ranked the same way. The guest's write budget is its own counter.
 */
final class VersionRanks {
  private final int[] values = new int[8];

  void rank(MigrationState n) {
    for (int p = 0; p < n.pages(); p++) {
      rankPage(n, p);
    }
    rankConnections(n);
  }

  private void rankPage(MigrationState n, int page) {
    int count = 0;
    count = add(count, n.sourcePage(page));
    boolean stunned = n.stunned();
    if (stunned) {
      count = add(count, n.stunPage(page));
    }
    int copy = n.destinationPage(page);
    if (copy > 0) {
      count = add(count, copy - 1);
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (isPage(n, i, page)) {
        count = add(count, version(n, i));
      }
    }
    if (alreadyRanked(count)) {
      return;
    }
    n.sourcePage(page, rankOf(count, n.sourcePage(page)));
    if (stunned) {
      n.stunPage(page, rankOf(count, n.stunPage(page)));
    }
    if (copy > 0) {
      n.destinationPage(page, rankOf(count, copy - 1) + 1);
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (isPage(n, i, page)) {
        n.messageB(i, rankOf(count, version(n, i)));
      }
    }
  }

  private void rankConnections(MigrationState n) {
    int count = add(0, n.sourceConnections());
    boolean stunned = n.stunned();
    if (stunned) {
      count = add(count, n.stunConnections());
    }
    boolean received = n.deviceReceived();
    if (received) {
      count = add(count, n.destinationConnections());
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (n.messageKind(i) == Message.Kind.DEVICE) {
        count = add(count, n.messageA(i));
      }
    }
    if (alreadyRanked(count)) {
      return;
    }
    n.sourceConnections(rankOf(count, n.sourceConnections()));
    if (stunned) {
      n.stunConnections(rankOf(count, n.stunConnections()));
    }
    if (received) {
      n.destinationConnections(rankOf(count, n.destinationConnections()));
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (n.messageKind(i) == Message.Kind.DEVICE) {
        n.messageA(i, rankOf(count, n.messageA(i)));
      }
    }
  }

  private static boolean isPage(MigrationState n, int index, int page) {
    return n.messageKind(index) == Message.Kind.PAGE && n.messageA(index) == page;
  }

  private static int version(MigrationState n, int index) {
    return n.messageB(index);
  }

  /** Adds a value to the sorted set of distinct values seen so far; returns the new count. */
  private int add(int count, int value) {
    int i = 0;
    while (i < count && values[i] < value) {
      i++;
    }
    if (i < count && values[i] == value) {
      return count;
    }
    System.arraycopy(values, i, values, i + 1, count - i);
    values[i] = value;
    return count + 1;
  }

  /** Ranks are already 0..count-1 exactly when the largest value is count - 1. */
  private boolean alreadyRanked(int count) {
    return values[count - 1] == count - 1;
  }

  private int rankOf(int count, int value) {
    for (int i = 0; i < count; i++) {
      if (values[i] == value) {
        return i;
      }
    }
    throw new IllegalStateException("value " + value + " was not collected");
  }
}

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

  void rank(MigrationState n) {
    for (int p = 0; p < n.pages(); p++) {
      rankPage(n, p);
    }
    rankConnections(n);
  }

  // The values in use form a bit set (versions are below 32: at most Bounds.MAX_WRITES); they are
  // already ranks exactly when the set is {0, ..., k-1}, and a value's rank is the number of smaller ones.
  private static boolean ranked(int values) {
    return (values & (values + 1)) == 0;
  }

  private static int rankOf(int values, int value) {
    return Integer.bitCount(values & ((1 << value) - 1));
  }

  private static void rankPage(MigrationState n, int page) {
    boolean stunned = n.stunned();
    int copy = n.destinationPage(page);
    int values = 1 << n.sourcePage(page);
    if (stunned) {
      values |= 1 << n.stunPage(page);
    }
    if (copy > 0) {
      values |= 1 << (copy - 1);
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (isPage(n, i, page)) {
        values |= 1 << n.messageB(i);
      }
    }
    if (ranked(values)) {
      return;
    }
    n.sourcePage(page, rankOf(values, n.sourcePage(page)));
    if (stunned) {
      n.stunPage(page, rankOf(values, n.stunPage(page)));
    }
    if (copy > 0) {
      n.destinationPage(page, rankOf(values, copy - 1) + 1);
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (isPage(n, i, page)) {
        n.messageB(i, rankOf(values, n.messageB(i)));
      }
    }
  }

  private static void rankConnections(MigrationState n) {
    boolean stunned = n.stunned();
    boolean received = n.deviceReceived();
    int values = 1 << n.sourceConnections();
    if (stunned) {
      values |= 1 << n.stunConnections();
    }
    if (received) {
      values |= 1 << n.destinationConnections();
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (n.messageKind(i) == Message.Kind.DEVICE) {
        values |= 1 << n.messageA(i);
      }
    }
    if (ranked(values)) {
      return;
    }
    n.sourceConnections(rankOf(values, n.sourceConnections()));
    if (stunned) {
      n.stunConnections(rankOf(values, n.stunConnections()));
    }
    if (received) {
      n.destinationConnections(rankOf(values, n.destinationConnections()));
    }
    for (int i = 0; i < n.channelLength(); i++) {
      if (n.messageKind(i) == Message.Kind.DEVICE) {
        n.messageA(i, rankOf(values, n.messageA(i)));
      }
    }
  }

  private static boolean isPage(MigrationState n, int index, int page) {
    return n.messageKind(index) == Message.Kind.PAGE && n.messageA(index) == page;
  }
}

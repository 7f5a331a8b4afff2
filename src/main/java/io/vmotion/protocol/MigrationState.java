package io.vmotion.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * One global state of the migration, stored directly in its compact byte encoding so that the
 * checker's visited set holds a few dozen bytes per state. Setters are only used on fresh copies.
 *
 * <p>Page contents are abstract: a page's value is its version, the number of guest writes to it.
 * The destination stores version + 1 so that 0 can mean "never received".
 */
public final class MigrationState {
  /** The source stops sending while this many messages are in flight (flow control). */
  public static final int CHANNEL_CAPACITY = 2;

  private static final int SOURCE_PHASE = 0;
  private static final int FLAGS = 1;
  private static final int ROUND = 2;
  private static final int CURSOR = 3;
  private static final int TAKEN = 4;
  private static final int DIRTY = 5;
  private static final int SOURCE_CONNECTIONS = 6;
  private static final int NEXT_SEQ = 7;
  private static final int LOCK = 8;
  private static final int DEST_PHASE = 9;
  private static final int EXPECTED_SEQ = 10;
  private static final int AWAITING = 11;
  private static final int DEST_MAC = 12;
  private static final int DEST_IP = 13;
  private static final int DEST_CONNECTIONS = 14;
  private static final int ANNOUNCEMENTS = 15;
  private static final int FAULTS_USED = 16;
  private static final int STUN_CONNECTIONS = 17;
  private static final int CHANNEL_LENGTH = 18;
  private static final int CHANNEL = 19;
  private static final int PAGES = CHANNEL + CHANNEL_CAPACITY * Message.BYTES;

  private static final int SOURCE_RUNNING = 1;
  private static final int TRACKING = 1 << 1;
  private static final int STUNNED = 1 << 2;
  private static final int PARTITIONED = 1 << 3;
  private static final int ANNOUNCEMENT_DELIVERED = 1 << 4;
  private static final int SWITCH_AT_DESTINATION = 1 << 5;
  private static final int BITMAP_RECEIVED = 1 << 6;
  private static final int DEVICE_RECEIVED = 1 << 7;

  /** Taken-page byte: low nibble page + 1 (0 = none), high nibble 1 = taken, 2 = sent but bit not yet cleared. */
  static final int STAGE_TAKEN = 1;
  static final int STAGE_SENT = 2;

  // values() clones its array on every call, which shows up when decoding millions of states.
  private static final SourcePhase[] SOURCE_PHASES = SourcePhase.values();
  private static final DestinationPhase[] DESTINATION_PHASES = DestinationPhase.values();
  private static final LockState[] LOCK_STATES = LockState.values();

  private final byte[] bytes;
  private final int pages;

  private MigrationState(byte[] bytes, int pages) {
    this.bytes = bytes;
    this.pages = pages;
  }

  static MigrationState initial(int pages, boolean tracking) {
    MigrationState s = new MigrationState(new byte[PAGES + 3 * pages], pages);
    s.set(SOURCE_PHASE, SourcePhase.PRECOPY.ordinal());
    s.setFlag(SOURCE_RUNNING, true);
    s.setFlag(TRACKING, tracking);
    s.set(ROUND, 1);
    s.set(LOCK, LockState.SOURCE_HELD.ordinal());
    s.set(DEST_PHASE, DestinationPhase.RECEIVING.ordinal());
    return s;
  }

  public static MigrationState decode(byte[] bytes, int pages) {
    return new MigrationState(bytes, pages);
  }

  byte[] bytes() {
    return bytes;
  }

  MigrationState copy() {
    return new MigrationState(bytes.clone(), pages);
  }

  public int pages() {
    return pages;
  }

  // --- source ---
  public SourcePhase sourcePhase() { return SOURCE_PHASES[get(SOURCE_PHASE)]; }
  void sourcePhase(SourcePhase phase) { set(SOURCE_PHASE, phase.ordinal()); }
  public boolean sourceRunning() { return flag(SOURCE_RUNNING); }
  void sourceRunning(boolean running) { setFlag(SOURCE_RUNNING, running); }
  public boolean tracking() { return flag(TRACKING); }
  void tracking(boolean on) { setFlag(TRACKING, on); }
  public int round() { return get(ROUND); }
  void round(int round) { set(ROUND, round); }
  int cursor() { return get(CURSOR); }
  void cursor(int cursor) { set(CURSOR, cursor); }
  public int dirty() { return get(DIRTY); }
  void dirty(int bits) { set(DIRTY, bits); }
  public int sourceConnections() { return get(SOURCE_CONNECTIONS); }
  void sourceConnections(int value) { set(SOURCE_CONNECTIONS, value); }
  int nextSeq() { return get(NEXT_SEQ); }
  void nextSeq(int seq) { set(NEXT_SEQ, seq); }
  public int sourcePage(int page) { return get(PAGES + page); }
  void sourcePage(int page, int version) { set(PAGES + page, version); }

  /** The page the source has taken for sending, or -1. */
  int takenPage() { return (get(TAKEN) & 0x0F) - 1; }
  int takenStage() { return get(TAKEN) >> 4; }
  void taken(int page, int stage) { set(TAKEN, page < 0 ? 0 : (stage << 4) | (page + 1)); }

  /** Guest actions so far: every page write bumps one version, every packet the connection state. */
  int guestActions() {
    int total = sourceConnections();
    for (int p = 0; p < pages; p++) {
      total += sourcePage(p);
    }
    return total;
  }

  // --- ghost: what the source looked like at the stun ---
  public boolean stunned() { return flag(STUNNED); }
  public int stunPage(int page) { return get(PAGES + 2 * pages + page); }
  public int stunConnections() { return get(STUN_CONNECTIONS); }

  void recordStun() {
    setFlag(STUNNED, true);
    for (int p = 0; p < pages; p++) {
      set(PAGES + 2 * pages + p, sourcePage(p));
    }
    set(STUN_CONNECTIONS, sourceConnections());
  }

  // --- channel ---
  public int channelLength() { return get(CHANNEL_LENGTH); }

  public Message message(int index) {
    return Message.readFrom(bytes, CHANNEL + index * Message.BYTES);
  }

  public List<Message> channel() {
    List<Message> messages = new ArrayList<>();
    for (int i = 0; i < channelLength(); i++) {
      messages.add(message(i));
    }
    return messages;
  }

  void appendMessage(Message message) {
    int length = channelLength();
    message.writeTo(bytes, CHANNEL + length * Message.BYTES);
    set(CHANNEL_LENGTH, length + 1);
  }

  void removeHead() {
    int length = channelLength();
    int tail = CHANNEL + (length - 1) * Message.BYTES;
    System.arraycopy(bytes, CHANNEL + Message.BYTES, bytes, CHANNEL, (length - 1) * Message.BYTES);
    // Zero the freed slot: the encoding must not remember messages that are gone.
    java.util.Arrays.fill(bytes, tail, tail + Message.BYTES, (byte) 0);
    set(CHANNEL_LENGTH, length - 1);
  }

  void clearChannel() {
    java.util.Arrays.fill(bytes, CHANNEL, CHANNEL + CHANNEL_CAPACITY * Message.BYTES, (byte) 0);
    set(CHANNEL_LENGTH, 0);
  }

  void duplicateHead() {
    int length = channelLength();
    System.arraycopy(bytes, CHANNEL, bytes, CHANNEL + Message.BYTES, length * Message.BYTES);
    set(CHANNEL_LENGTH, length + 1);
  }

  void swapFirstTwo() {
    byte[] first = java.util.Arrays.copyOfRange(bytes, CHANNEL, CHANNEL + Message.BYTES);
    System.arraycopy(bytes, CHANNEL + Message.BYTES, bytes, CHANNEL, Message.BYTES);
    System.arraycopy(first, 0, bytes, CHANNEL + Message.BYTES, Message.BYTES);
  }

  public boolean partitioned() { return flag(PARTITIONED); }
  void partition() { setFlag(PARTITIONED, true); }
  public int faultsUsed() { return get(FAULTS_USED); }
  void useFault() { set(FAULTS_USED, faultsUsed() + 1); }

  // --- storage ---
  public LockState lock() { return LOCK_STATES[get(LOCK)]; }
  void lock(LockState lock) { set(LOCK, lock.ordinal()); }

  // --- destination ---
  public DestinationPhase destinationPhase() { return DESTINATION_PHASES[get(DEST_PHASE)]; }
  void destinationPhase(DestinationPhase phase) { set(DEST_PHASE, phase.ordinal()); }
  public boolean destinationRunning() { return destinationPhase().runsVm(); }
  int expectedSeq() { return get(EXPECTED_SEQ); }
  void expectedSeq(int seq) { set(EXPECTED_SEQ, seq); }
  public boolean bitmapReceived() { return flag(BITMAP_RECEIVED); }
  void bitmapReceived(boolean received) { setFlag(BITMAP_RECEIVED, received); }
  /** Pages listed in the final bitmap that have not arrived since. */
  public int awaiting() { return get(AWAITING); }
  void awaiting(int bits) { set(AWAITING, bits); }
  public boolean deviceReceived() { return flag(DEVICE_RECEIVED); }
  void deviceReceived(boolean received) { setFlag(DEVICE_RECEIVED, received); }
  public int destinationMac() { return get(DEST_MAC); }
  public int destinationIp() { return get(DEST_IP); }
  public int destinationConnections() { return get(DEST_CONNECTIONS); }

  void destinationDevice(int mac, int ip, int connections) {
    set(DEST_MAC, mac);
    set(DEST_IP, ip);
    set(DEST_CONNECTIONS, connections);
  }

  /** The destination's copy of a page: version + 1, or 0 when it never arrived. */
  public int destinationPage(int page) { return get(PAGES + pages + page); }
  void destinationPage(int page, int versionPlusOne) { set(PAGES + pages + page, versionPlusOne); }
  public int announcements() { return get(ANNOUNCEMENTS); }
  void announcements(int count) { set(ANNOUNCEMENTS, count); }

  // --- switch ---
  public boolean announcementDelivered() { return flag(ANNOUNCEMENT_DELIVERED); }
  public boolean switchForwardsToDestination() { return flag(SWITCH_AT_DESTINATION); }

  void deliverAnnouncement() {
    setFlag(ANNOUNCEMENT_DELIVERED, true);
    setFlag(SWITCH_AT_DESTINATION, true);
  }

  private int get(int offset) {
    return bytes[offset] & 0xFF;
  }

  private void set(int offset, int value) {
    bytes[offset] = (byte) value;
  }

  private boolean flag(int mask) {
    return (get(FLAGS) & mask) != 0;
  }

  private void setFlag(int mask, boolean on) {
    set(FLAGS, on ? get(FLAGS) | mask : get(FLAGS) & ~mask);
  }

  static String pageSet(int bits) {
    StringJoiner joiner = new StringJoiner(",", "{", "}");
    for (int p = 0; bits >> p != 0; p++) {
      if ((bits >> p & 1) != 0) {
        joiner.add(Integer.toString(p));
      }
    }
    return joiner.toString();
  }

  private String sourceMemory() {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    for (int p = 0; p < pages; p++) {
      joiner.add(Integer.toString(sourcePage(p)));
    }
    return joiner.toString();
  }

  private String destinationMemory() {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    for (int p = 0; p < pages; p++) {
      int value = destinationPage(p);
      joiner.add(value == 0 ? "_" : Integer.toString(value - 1));
    }
    return joiner.toString();
  }

  /** A one-line, human-readable rendering, used in counterexample traces. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    out.append("source[").append(sourcePhase().label());
    if (sourcePhase() == SourcePhase.PRECOPY) {
      out.append(" round ").append(round());
    }
    out.append(sourceRunning() ? ", VM running" : ", VM stopped");
    out.append(tracking() ? ", tracking" : ", not tracking");
    if (takenPage() >= 0) {
      out.append(", ").append(takenStage() == STAGE_SENT ? "sent" : "took").append(" page ").append(takenPage());
    }
    out.append(", dirty ").append(pageSet(dirty()))
        .append(", mem ").append(sourceMemory())
        .append(", connections ").append(sourceConnections()).append("]");
    out.append(" channel").append(channel());
    if (partitioned()) {
      out.append(" PARTITIONED");
    }
    out.append(" lock[").append(lock().label()).append("]");
    out.append(" destination[").append(destinationPhase().label())
        .append(", expects #").append(expectedSeq())
        .append(", mem ").append(destinationMemory());
    if (bitmapReceived()) {
      out.append(", awaiting ").append(pageSet(awaiting()));
    }
    out.append(", device ");
    if (deviceReceived()) {
      out.append("(mac ").append(NetworkIdentity.mac(destinationMac()))
          .append(", ip ").append(NetworkIdentity.ip(destinationIp()))
          .append(", connections ").append(destinationConnections()).append(")");
    } else {
      out.append("none");
    }
    if (announcements() > 0) {
      out.append(", announced ").append(announcements()).append("x");
    }
    out.append("] switch[MAC -> ").append(switchForwardsToDestination() ? "destination" : "source").append("]");
    if (stunned()) {
      StringJoiner stun = new StringJoiner(",", "[", "]");
      for (int p = 0; p < pages; p++) {
        stun.add(Integer.toString(stunPage(p)));
      }
      out.append(" at-stun[mem ").append(stun).append(", connections ").append(stunConnections()).append("]");
    }
    if (faultsUsed() > 0) {
      out.append(" faults-used ").append(faultsUsed());
    }
    return out.toString();
  }
}

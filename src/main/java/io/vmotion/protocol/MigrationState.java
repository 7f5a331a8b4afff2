package io.vmotion.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * One global state of the migration, one byte per field so that successors are cheap to build; the
 * bytes are also the state's encoding in the checker's visited set. Setters are only used on fresh copies.
 *
 * <p>Page contents are abstract: a page's value is its version, the number of guest writes to it.
 * The destination stores version + 1 so that 0 can mean "never received".
 */
public final class MigrationState {
  /** The source stops sending while this many messages are in flight (flow control). */
  public static final int CHANNEL_CAPACITY = 3;

  static final int SOURCE_PHASE = 0;
  static final int ATTEMPT = 1;
  static final int SOURCE_FLAGS = 2;
  static final int ROUND = 3;
  static final int CURSOR = 4;
  static final int TAKEN = 5;
  static final int DIRTY = 6;
  static final int SOURCE_CONNECTIONS = 7;
  static final int NEXT_SEQ = 8;
  static final int LOCK = 9;
  static final int DEST_PHASE = 10;
  static final int DEST_EPOCH = 11;
  static final int DEST_FLAGS = 12;
  static final int EXPECTED_SEQ = 13;
  static final int AWAITING = 14;
  static final int DEST_CONNECTIONS = 15;
  static final int NET_FLAGS = 16;
  static final int FAULTS_USED = 17;
  static final int ANNOUNCEMENTS_LOST = 18;
  static final int GHOST_FLAGS = 19;
  static final int STUN_CONNECTIONS = 20;
  static final int CHANNEL_LENGTH = 21;
  static final int GUEST_ACTIONS = 22;
  static final int CHANNEL = 23;
  static final int PAGES = CHANNEL + CHANNEL_CAPACITY * Message.BYTES;

  // SOURCE_FLAGS
  private static final int SOURCE_RUNNING = 1;
  private static final int TRACKING = 1 << 1;
  private static final int SOURCE_PATH_DOWN = 1 << 2;
  // DEST_FLAGS
  private static final int BITMAP_RECEIVED = 1;
  private static final int DEVICE_RECEIVED = 1 << 1;
  private static final int DEST_PATH_DOWN = 1 << 2;
  // NET_FLAGS
  private static final int PARTITIONED = 1;
  private static final int ANNOUNCEMENT_DELIVERED = 1 << 1;
  private static final int SWITCH_AT_DESTINATION = 1 << 2;
  private static final int FAULT_STRUCK = 1 << 3;
  // GHOST_FLAGS
  private static final int STUNNED = 1;
  private static final int STOP_EXCUSED = 1 << 1;
  private static final int COMMITTED_THIS_ATTEMPT = 1 << 2;
  // LOCK: stage in bits 0-1, epoch in bits 2-3, lease expired in bit 4
  private static final int LEASE_EXPIRED = 1 << 4;

  /** Taken-page byte: low nibble page + 1 (0 = none), high nibble 1 = taken, 2 = sent but bit not yet cleared. */
  static final int STAGE_TAKEN = 1;
  static final int STAGE_SENT = 2;

  // values() clones its array on every call, which shows up when decoding millions of states.
  private static final SourcePhase[] SOURCE_PHASES = SourcePhase.values();
  private static final DestinationPhase[] DESTINATION_PHASES = DestinationPhase.values();
  private static final LockState[] LOCK_STATES = LockState.values();

  private final byte[] bytes;
  private final int pages;

  MigrationState(byte[] bytes, int pages) {
    this.bytes = bytes;
    this.pages = pages;
  }

  static int length(int pages) {
    return PAGES + 3 * pages;
  }

  static MigrationState initial(int pages, boolean tracking) {
    MigrationState s = new MigrationState(new byte[length(pages)], pages);
    s.sourcePhase(SourcePhase.PRECOPY);
    s.set(ATTEMPT, 1);
    s.sourceRunning(true);
    s.tracking(tracking);
    s.round(1);
    s.lock(LockState.SOURCE_HELD, 0);
    s.destinationPhase(DestinationPhase.RECEIVING);
    s.destinationEpoch(1);
    return s;
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
  /** The source's current attempt, 1 for the first; messages and the lock name it as their epoch. */
  public int attempt() { return get(ATTEMPT); }
  void attempt(int attempt) { set(ATTEMPT, attempt); }
  public boolean sourceRunning() { return flag(SOURCE_FLAGS, SOURCE_RUNNING); }
  void sourceRunning(boolean running) { setFlag(SOURCE_FLAGS, SOURCE_RUNNING, running); }
  public boolean tracking() { return flag(SOURCE_FLAGS, TRACKING); }
  void tracking(boolean on) { setFlag(SOURCE_FLAGS, TRACKING, on); }
  /** The pre-copy round of the current attempt (0 once the dead-variable reduction has forgotten it, after the stun). */
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
  /** Whether every storage path of the source is down: it can neither read nor change the lock record. */
  public boolean sourcePathDown() { return flag(SOURCE_FLAGS, SOURCE_PATH_DOWN); }
  void sourcePathDown(boolean down) { setFlag(SOURCE_FLAGS, SOURCE_PATH_DOWN, down); }

  /** The page the source has taken for sending, or -1. */
  int takenPage() { return (get(TAKEN) & 0x0F) - 1; }
  int takenStage() { return get(TAKEN) >> 4; }
  void taken(int page, int stage) { set(TAKEN, page < 0 ? 0 : (stage << 4) | (page + 1)); }

  /** Guest actions so far in the whole run: page writes plus packets on the open connection. */
  public int guestActions() { return get(GUEST_ACTIONS); }
  void guestActions(int actions) { set(GUEST_ACTIONS, actions); }

  // --- ghost: never read by the protocol, only by the properties ---
  /** Whether the VM was stunned in the current attempt. */
  public boolean stunned() { return flag(GHOST_FLAGS, STUNNED); }
  public int stunPage(int page) { return get(PAGES + 2 * pages + page); }
  void stunPage(int page, int version) { set(PAGES + 2 * pages + page, version); }
  public int stunConnections() { return get(STUN_CONNECTIONS); }
  void stunConnections(int connections) { set(STUN_CONNECTIONS, connections); }
  /** Whether a crash struck the host whose copy of the VM was the live one: the only excuse for the VM to stop. */
  public boolean stopExcused() { return flag(GHOST_FLAGS, STOP_EXCUSED); }
  void excuseStop() { setFlag(GHOST_FLAGS, STOP_EXCUSED, true); }
  /** Whether the destination took the lock (its commit point) during the source's current attempt. */
  public boolean committedThisAttempt() { return flag(GHOST_FLAGS, COMMITTED_THIS_ATTEMPT); }
  void committedThisAttempt(boolean committed) { setFlag(GHOST_FLAGS, COMMITTED_THIS_ATTEMPT, committed); }

  void recordStun() {
    setFlag(GHOST_FLAGS, STUNNED, true);
    for (int p = 0; p < pages; p++) {
      set(PAGES + 2 * pages + p, sourcePage(p));
    }
    set(STUN_CONNECTIONS, sourceConnections());
  }

  void forgetStun() {
    setFlag(GHOST_FLAGS, STUNNED, false);
    clearStunSnapshot();
  }

  void clearStunSnapshot() {
    for (int p = 0; p < pages; p++) {
      set(PAGES + 2 * pages + p, 0);
    }
    set(STUN_CONNECTIONS, 0);
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

  Message.Kind messageKind(int index) {
    return Message.kindOf(bytes[CHANNEL + index * Message.BYTES]);
  }

  int messageA(int index) { return get(CHANNEL + index * Message.BYTES + 2); }
  void messageA(int index, int value) { set(CHANNEL + index * Message.BYTES + 2, value); }
  int messageB(int index) { return get(CHANNEL + index * Message.BYTES + 3); }
  void messageB(int index, int value) { set(CHANNEL + index * Message.BYTES + 3, value); }
  int messageEpoch(int index) { return get(CHANNEL + index * Message.BYTES) >> 3; }
  int messageSeq(int index) { return get(CHANNEL + index * Message.BYTES + 1); }

  void setMessage(int index, Message message) {
    message.writeTo(bytes, CHANNEL + index * Message.BYTES);
  }

  void removeHead() {
    int length = channelLength();
    int tail = CHANNEL + (length - 1) * Message.BYTES;
    System.arraycopy(bytes, CHANNEL + Message.BYTES, bytes, CHANNEL, (length - 1) * Message.BYTES);
    // Zero the freed slot: the encoding must not remember messages that are gone.
    Arrays.fill(bytes, tail, tail + Message.BYTES, (byte) 0);
    set(CHANNEL_LENGTH, length - 1);
  }

  void moveMessage(int from, int to) {
    System.arraycopy(bytes, CHANNEL + from * Message.BYTES, bytes, CHANNEL + to * Message.BYTES, Message.BYTES);
  }

  /** Keeps the first {@code length} messages; the freed slots are zeroed so that the encoding forgets them. */
  void truncateChannel(int length) {
    Arrays.fill(bytes, CHANNEL + length * Message.BYTES, CHANNEL + CHANNEL_CAPACITY * Message.BYTES, (byte) 0);
    set(CHANNEL_LENGTH, length);
  }

  void clearChannel() {
    Arrays.fill(bytes, CHANNEL, CHANNEL + CHANNEL_CAPACITY * Message.BYTES, (byte) 0);
    set(CHANNEL_LENGTH, 0);
  }

  /** Re-injects a copy of message {@code index} behind every message in flight. */
  void duplicate(int index) {
    int length = channelLength();
    System.arraycopy(bytes, CHANNEL + index * Message.BYTES, bytes, CHANNEL + length * Message.BYTES, Message.BYTES);
    set(CHANNEL_LENGTH, length + 1);
  }

  void swap(int first, int second) {
    int a = CHANNEL + first * Message.BYTES;
    int b = CHANNEL + second * Message.BYTES;
    for (int i = 0; i < Message.BYTES; i++) {
      byte t = bytes[a + i];
      bytes[a + i] = bytes[b + i];
      bytes[b + i] = t;
    }
  }

  public boolean partitioned() { return flag(NET_FLAGS, PARTITIONED); }
  void partitioned(boolean on) { setFlag(NET_FLAGS, PARTITIONED, on); }
  /** Message faults (loss, duplication, reorder) spent from the budget. */
  public int faultsUsed() { return get(FAULTS_USED); }
  void faultsUsed(int used) { set(FAULTS_USED, used); }
  /** Whether any fault has struck this run; timers may fire at any moment once one has. */
  public boolean faultStruck() { return flag(NET_FLAGS, FAULT_STRUCK); }
  void faultStruck(boolean struck) { setFlag(NET_FLAGS, FAULT_STRUCK, struck); }

  // --- storage: the lock record ---
  public LockState lock() { return LOCK_STATES[get(LOCK) & 3]; }
  /** The attempt the lock record names: the one offered, or the one the destination committed. */
  public int lockEpoch() { return get(LOCK) >> 2 & 3; }
  /** Whether the destination holding the lock has not renewed its lease in time (it crashed, or lost its storage path). */
  public boolean leaseExpired() { return (get(LOCK) & LEASE_EXPIRED) != 0; }

  void lock(LockState lock, int epoch) {
    set(LOCK, lock.ordinal() | epoch << 2);
  }

  void leaseExpired(boolean expired) {
    set(LOCK, expired ? get(LOCK) | LEASE_EXPIRED : get(LOCK) & ~LEASE_EXPIRED);
  }

  // --- destination ---
  public DestinationPhase destinationPhase() { return DESTINATION_PHASES[get(DEST_PHASE)]; }
  void destinationPhase(DestinationPhase phase) { set(DEST_PHASE, phase.ordinal()); }
  public boolean destinationRunning() { return destinationPhase().runsVm(); }
  /** The attempt whose copy the destination is receiving or holding. */
  public int destinationEpoch() { return get(DEST_EPOCH); }
  void destinationEpoch(int epoch) { set(DEST_EPOCH, epoch); }
  int expectedSeq() { return get(EXPECTED_SEQ); }
  void expectedSeq(int seq) { set(EXPECTED_SEQ, seq); }
  public boolean bitmapReceived() { return flag(DEST_FLAGS, BITMAP_RECEIVED); }
  void bitmapReceived(boolean received) { setFlag(DEST_FLAGS, BITMAP_RECEIVED, received); }
  /** Pages listed in the final bitmap that have not arrived since. */
  public int awaiting() { return get(AWAITING); }
  void awaiting(int bits) { set(AWAITING, bits); }
  public boolean deviceReceived() { return flag(DEST_FLAGS, DEVICE_RECEIVED); }
  /** The MAC the destination's virtual NIC got from the device state; 0 when none arrived. */
  public int destinationMac() { return deviceReceived() ? NetworkIdentity.VM_MAC : 0; }
  public int destinationIp() { return deviceReceived() ? NetworkIdentity.VM_IP : 0; }
  public int destinationConnections() { return get(DEST_CONNECTIONS); }
  void destinationConnections(int connections) { set(DEST_CONNECTIONS, connections); }
  /** Whether every storage path of the destination is down: it cannot renew its lease nor change the lock record. */
  public boolean destinationPathDown() { return flag(DEST_FLAGS, DEST_PATH_DOWN); }
  void destinationPathDown(boolean down) { setFlag(DEST_FLAGS, DEST_PATH_DOWN, down); }

  void receiveDevice(int connections) {
    setFlag(DEST_FLAGS, DEVICE_RECEIVED, true);
    set(DEST_CONNECTIONS, connections);
  }

  /** The destination's copy of a page: version + 1, or 0 when it never arrived. */
  public int destinationPage(int page) { return get(PAGES + pages + page); }
  void destinationPage(int page, int versionPlusOne) { set(PAGES + pages + page, versionPlusOne); }
  public int announcementsLost() { return get(ANNOUNCEMENTS_LOST); }
  void announcementsLost(int lost) { set(ANNOUNCEMENTS_LOST, lost); }

  /** Forgets the destination's copy: memory, final bitmap, device state and the numbers it expects. */
  void clearDestinationCopy() {
    setFlag(DEST_FLAGS, BITMAP_RECEIVED, false);
    setFlag(DEST_FLAGS, DEVICE_RECEIVED, false);
    set(EXPECTED_SEQ, 0);
    set(AWAITING, 0);
    set(DEST_CONNECTIONS, 0);
    for (int p = 0; p < pages; p++) {
      set(PAGES + pages + p, 0);
    }
  }

  // --- switch ---
  public boolean announcementDelivered() { return flag(NET_FLAGS, ANNOUNCEMENT_DELIVERED); }
  public boolean switchForwardsToDestination() { return flag(NET_FLAGS, SWITCH_AT_DESTINATION); }

  void deliverAnnouncement() {
    setFlag(NET_FLAGS, ANNOUNCEMENT_DELIVERED, true);
    setFlag(NET_FLAGS, SWITCH_AT_DESTINATION, true);
  }

  int get(int offset) {
    return bytes[offset] & 0xFF;
  }

  void set(int offset, int value) {
    bytes[offset] = (byte) value;
  }

  private boolean flag(int field, int mask) {
    return (get(field) & mask) != 0;
  }

  private void setFlag(int field, int mask, boolean on) {
    set(field, on ? get(field) | mask : get(field) & ~mask);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MigrationState that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
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

  private String memory(int base, boolean plusOne) {
    StringJoiner joiner = new StringJoiner(",", "[", "]");
    for (int p = 0; p < pages; p++) {
      int value = get(base + p);
      joiner.add(!plusOne ? Integer.toString(value) : value == 0 ? "_" : Integer.toString(value - 1));
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
    out.append(", attempt ").append(attempt());
    out.append(sourceRunning() ? ", VM running" : ", VM stopped");
    if (sourcePhase().isSending()) {
      out.append(tracking() ? ", tracking" : ", not tracking");
    }
    if (takenPage() >= 0) {
      out.append(", ").append(takenStage() == STAGE_SENT ? "sent" : "took").append(" page ").append(takenPage());
    }
    out.append(", dirty ").append(pageSet(dirty()))
        .append(", mem ").append(memory(PAGES, false))
        .append(", connections ").append(sourceConnections());
    if (sourcePathDown()) {
      out.append(", STORAGE PATH DOWN");
    }
    out.append("] channel").append(channel());
    if (partitioned()) {
      out.append(" PARTITIONED");
    }
    out.append(" lock[").append(lock().label());
    if (lock() != LockState.SOURCE_HELD) {
      out.append(", attempt ").append(lockEpoch());
    }
    if (leaseExpired()) {
      out.append(", lease expired");
    }
    out.append("] destination[").append(destinationPhase().label());
    if (destinationPhase() != DestinationPhase.CRASHED) {
      out.append(", attempt ").append(destinationEpoch());
    }
    if (destinationPhase() == DestinationPhase.RECEIVING) {
      out.append(", expects #").append(expectedSeq());
    }
    out.append(", mem ").append(memory(PAGES + pages, true));
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
    if (destinationPathDown()) {
      out.append(", STORAGE PATH DOWN");
    }
    out.append("] switch[MAC -> ").append(switchForwardsToDestination() ? "destination" : "source").append("]");
    if (stunned()) {
      out.append(" at-stun[mem ").append(memory(PAGES + 2 * pages, false))
          .append(", connections ").append(stunConnections()).append("]");
    }
    if (faultsUsed() > 0) {
      out.append(" faults-used ").append(faultsUsed());
    }
    if (announcementsLost() > 0) {
      out.append(" announcements-lost ").append(announcementsLost());
    }
    return out.toString();
  }
}

package io.vmotion.protocol;

import io.vmotion.checker.Invariant;
import io.vmotion.checker.Model;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The live-migration protocol (pre-copy with dirty-page tracking, stun-and-copy switchover, atomic
 * lock handoff on shared storage, RARP announcement) as a model for the checker.
 *
 * <p>Actors: the guest, the source host, the destination host, the shared storage holding the VM's
 * lock, and the physical switch. The guest only acts while the VM runs on the source: once the
 * destination resumes, or the source has aborted, the run is followed only until the protocol ends.
 * Each actor's transitions are in their own method; {@link #successors} lists them in a fixed order.
 */
public final class MigrationModel implements Model<MigrationState> {
  private final MigrationConfig config;
  private final Bounds bounds;
  private final List<Invariant<MigrationState>> invariants;
  // Asked on every transition: an EnumSet lookup is a bit test where the config's Set.of needs a hash probe.
  private final Set<Fault> faults;

  public MigrationModel(MigrationConfig config) {
    this.config = config;
    this.bounds = config.bounds();
    this.faults = config.faults().isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(config.faults());
    this.invariants = MigrationProperties.all(this);
  }

  private boolean has(Fault fault) {
    return faults.contains(fault);
  }

  public MigrationConfig config() {
    return config;
  }

  /** Receives one transition with its kind, for consumers (like the diagram) that need more than the label. */
  @FunctionalInterface
  public interface StepSink {
    void accept(Step step, Supplier<String> label, MigrationState next);
  }

  @Override
  public List<MigrationState> initialStates() {
    boolean tracking = !config.is(Variant.START_TRACKING_AFTER_FIRST_ROUND);
    return List.of(MigrationState.initial(bounds.pages(), tracking));
  }

  @Override
  public void successors(MigrationState state, SuccessorSink<MigrationState> sink) {
    steps(state, (step, label, next) -> sink.accept(label, next));
  }

  @Override
  public List<Invariant<MigrationState>> invariants() {
    return invariants;
  }

  /**
   * A run ends with completion (the destination runs and has announced, the source freed its copy or
   * crashed), with an abort (the source runs again, the destination has given up or crashed), or with
   * the VM stopped because the source crashed and the destination gave up or crashed too.
   */
  @Override
  public boolean isTerminal(MigrationState s) {
    SourcePhase source = s.sourcePhase();
    DestinationPhase destination = s.destinationPhase();
    boolean completed = destination == DestinationPhase.DONE
        && (source == SourcePhase.FREED || source == SourcePhase.CRASHED);
    boolean ended = (source == SourcePhase.RESUMED || source == SourcePhase.CRASHED)
        && (destination == DestinationPhase.ABANDONED || destination == DestinationPhase.CRASHED);
    return completed || ended;
  }

  @Override
  public byte[] encode(MigrationState state) {
    return state.bytes();
  }

  @Override
  public MigrationState decode(byte[] encoded) {
    return MigrationState.decode(encoded, bounds.pages());
  }

  @Override
  public String render(MigrationState state) {
    return state.toString();
  }

  /** Every transition enabled in {@code s}, in a fixed order: guest, source, channel, destination, faults. */
  public void steps(MigrationState s, StepSink sink) {
    guest(s, sink);
    source(s, sink);
    channel(s, sink);
    destination(s, sink);
    faults(s, sink);
  }

  // ---------------------------------------------------------------- guest

  /** Each write bumps the page's version and, while tracking is on, sets its dirty bit. */
  private void guest(MigrationState s, StepSink sink) {
    if (!s.sourceRunning() || s.sourcePhase() == SourcePhase.RESUMED || s.guestActions() >= bounds.writes()) {
      return;
    }
    for (int p = 0; p < bounds.pages(); p++) {
      int page = p;
      MigrationState n = s.copy();
      n.sourcePage(page, s.sourcePage(page) + 1);
      if (s.tracking()) {
        n.dirty(s.dirty() | 1 << page);
      }
      sink.accept(Step.GUEST_WRITE, () -> "guest writes page " + page + " (now v" + (s.sourcePage(page) + 1) + ")", n);
    }
    MigrationState n = s.copy();
    n.sourceConnections(s.sourceConnections() + 1);
    sink.accept(Step.GUEST_PACKET, () -> "guest sends a packet (connection state " + (s.sourceConnections() + 1) + ")", n);
  }

  // ---------------------------------------------------------------- source

  private void source(MigrationState s, StepSink sink) {
    switch (s.sourcePhase()) {
      case PRECOPY, FINAL_PAGES -> sendPages(s, sink);
      case FINAL_BITMAP -> sendFinalBitmap(s, sink);
      case FINAL_OFFER -> offerLock(s, sink);
      case AWAITING_COMMIT -> awaitCommit(s, sink);
      case FREED, RESUMED, CRASHED -> {
      }
    }
    sourceTimeout(s, sink);
  }

  /**
   * One step of a copy round: send the taken page, clear its bit (only in the seeded bug), take the
   * next page, or finish the round. Round 1 of pre-copy takes every page; later rounds and the final
   * copy take the pages whose dirty bit is set.
   */
  private void sendPages(MigrationState s, StepSink sink) {
    boolean finalCopy = s.sourcePhase() == SourcePhase.FINAL_PAGES;
    int taken = s.takenPage();
    if (taken >= 0 && s.takenStage() == MigrationState.STAGE_TAKEN) {
      if (s.channelLength() < MigrationState.CHANNEL_CAPACITY) {
        MigrationState n = s.copy();
        int version = s.sourcePage(taken);
        send(n, Message.page(s.nextSeq(), taken, version));
        if (config.is(Variant.CLEAR_DIRTY_BIT_AFTER_SEND)) {
          n.taken(taken, MigrationState.STAGE_SENT);
        } else {
          n.taken(-1, 0);
        }
        sink.accept(Step.SEND_PAGE, () -> "source sends page " + taken + " v" + version + " as #" + s.nextSeq(), n);
      }
      return;
    }
    if (taken >= 0) {
      MigrationState n = s.copy();
      n.dirty(s.dirty() & ~(1 << taken));
      n.taken(-1, 0);
      sink.accept(Step.CLEAR_DIRTY_BIT, () -> "source clears the dirty bit of page " + taken + " after sending it", n);
      return;
    }
    int next = nextPageToTake(s, finalCopy);
    if (next >= 0) {
      MigrationState n = s.copy();
      n.cursor(next + 1);
      n.taken(next, MigrationState.STAGE_TAKEN);
      if (!config.is(Variant.CLEAR_DIRTY_BIT_AFTER_SEND)) {
        n.dirty(s.dirty() & ~(1 << next));
      }
      String when = finalCopy ? "the final copy" : "round " + s.round();
      sink.accept(Step.TAKE_PAGE, () -> "source takes page " + next + " for " + when, n);
      return;
    }
    if (finalCopy) {
      finishFinalCopy(s, sink);
    } else {
      finishRound(s, sink);
    }
  }

  private int nextPageToTake(MigrationState s, boolean finalCopy) {
    boolean everyPage = !finalCopy && s.round() == 1;
    for (int p = s.cursor(); p < bounds.pages(); p++) {
      if (everyPage || (s.dirty() >> p & 1) != 0) {
        return p;
      }
    }
    return -1;
  }

  /** Switch over when few enough pages are dirty or the round limit is reached; otherwise start another round. */
  private void finishRound(MigrationState s, StepSink sink) {
    int dirtyCount = Integer.bitCount(s.dirty());
    if (dirtyCount <= bounds.threshold() || s.round() >= bounds.rounds()) {
      MigrationState n = s.copy();
      n.cursor(0);
      if (config.is(Variant.RESUME_BEFORE_SOURCE_STUN)) {
        n.sourcePhase(SourcePhase.FINAL_BITMAP);
        sink.accept(Step.STUN, () -> "source starts the switchover without stunning the VM ("
            + dirtyCount + " dirty)", n);
        return;
      }
      stun(n);
      if (config.is(Variant.SKIP_FINAL_BITMAP)) {
        n.sourcePhase(SourcePhase.FINAL_PAGES);
        n.cursor(bounds.pages());
      } else {
        n.sourcePhase(SourcePhase.FINAL_BITMAP);
      }
      sink.accept(Step.STUN, () -> "source stuns the VM after round " + s.round() + " (" + dirtyCount + " dirty)", n);
      return;
    }
    MigrationState n = s.copy();
    n.round(s.round() + 1);
    n.cursor(0);
    if (!s.tracking()) {
      n.tracking(true);
    }
    sink.accept(Step.NEXT_ROUND, () -> "source ends round " + s.round() + " (" + dirtyCount + " dirty), starts round "
        + (s.round() + 1) + (s.tracking() ? "" : " and starts dirty-page tracking"), n);
  }

  private static void stun(MigrationState n) {
    n.sourceRunning(false);
    n.recordStun();
  }

  private void sendFinalBitmap(MigrationState s, StepSink sink) {
    if (s.channelLength() >= MigrationState.CHANNEL_CAPACITY) {
      return;
    }
    MigrationState n = s.copy();
    send(n, Message.bitmap(s.nextSeq(), s.dirty()));
    n.sourcePhase(SourcePhase.FINAL_PAGES);
    n.cursor(0);
    sink.accept(Step.SEND_BITMAP, () -> "source sends the final bitmap " + MigrationState.pageSet(s.dirty())
        + " as #" + s.nextSeq(), n);
  }

  private void finishFinalCopy(MigrationState s, StepSink sink) {
    if (config.is(Variant.SKIP_DEVICE_STATE)) {
      MigrationState n = s.copy();
      n.sourcePhase(SourcePhase.FINAL_OFFER);
      sink.accept(Step.SEND_DEVICE_STATE, () -> "source skips the device state", n);
      return;
    }
    if (s.channelLength() >= MigrationState.CHANNEL_CAPACITY) {
      return;
    }
    MigrationState n = s.copy();
    send(n, Message.device(s.nextSeq(), NetworkIdentity.VM_MAC, NetworkIdentity.VM_IP, s.sourceConnections()));
    n.sourcePhase(SourcePhase.FINAL_OFFER);
    sink.accept(Step.SEND_DEVICE_STATE, () -> "source sends the device state (vCPU, NIC) as #" + s.nextSeq(), n);
  }

  /** Offering the lock is a compare-and-swap on shared storage: held by source -> offered. */
  private void offerLock(MigrationState s, StepSink sink) {
    MigrationState n = s.copy();
    n.sourcePhase(SourcePhase.AWAITING_COMMIT);
    if (config.is(Variant.NO_STORAGE_LOCK)) {
      sink.accept(Step.OFFER_LOCK, () -> "source declares the switchover data sent (no lock handoff)", n);
      return;
    }
    n.lock(LockState.OFFERED);
    sink.accept(Step.OFFER_LOCK, () -> "source offers the VM's lock to the destination", n);
  }

  private void awaitCommit(MigrationState s, StepSink sink) {
    if (config.is(Variant.RESUME_BEFORE_SOURCE_STUN) && s.sourceRunning()) {
      MigrationState n = s.copy();
      stun(n);
      sink.accept(Step.STUN, () -> "source stuns the VM (after handing over)", n);
    }
    if (s.lock() == LockState.DESTINATION_HELD) {
      MigrationState n = s.copy();
      n.sourcePhase(SourcePhase.FREED);
      sink.accept(Step.FREE_COPY, () -> "source sees the destination holds the lock and frees its copy", n);
    }
  }

  /**
   * The switchover timer may expire at any moment between the stun and the outcome: that covers lost
   * messages, a crashed or partitioned destination, and a switchover that takes too long. Revoking the
   * offer is a compare-and-swap that fails once the destination holds the lock.
   */
  private void sourceTimeout(MigrationState s, StepSink sink) {
    if (!s.sourcePhase().isSwitchingOver() || s.sourceRunning()) {
      return;
    }
    boolean lockless = config.is(Variant.NO_STORAGE_LOCK);
    if (!lockless && s.lock() == LockState.DESTINATION_HELD) {
      return;
    }
    MigrationState n = s.copy();
    n.sourcePhase(SourcePhase.RESUMED);
    n.sourceRunning(true);
    n.taken(-1, 0);
    if (lockless) {
      sink.accept(Step.SOURCE_TIMEOUT, () -> "source times out and resumes the VM without checking the lock", n);
      return;
    }
    n.lock(LockState.SOURCE_HELD);
    sink.accept(Step.SOURCE_TIMEOUT, () -> "source times out, takes its lock back and resumes the VM (abort)", n);
  }

  /**
   * Puts a message on the channel. The network drops what it cannot deliver (to a crashed or departed
   * destination, or across the partition) at once: delivering it later would change nothing but the
   * interleaving, so the model saves those states.
   */
  private static void send(MigrationState n, Message message) {
    if (!n.partitioned() && n.destinationPhase() == DestinationPhase.RECEIVING) {
      n.appendMessage(message);
    }
    n.nextSeq(message.seq() + 1);
  }

  // ---------------------------------------------------------------- channel

  /** Delivers the oldest message in flight. The destination accepts only the next sequence number. */
  private void channel(MigrationState s, StepSink sink) {
    if (s.channelLength() == 0) {
      return;
    }
    Message head = s.message(0);
    MigrationState n = s.copy();
    n.removeHead();
    if (s.partitioned()) {
      sink.accept(Step.DISCARD, () -> "partition drops " + head, n);
      return;
    }
    if (s.destinationPhase() != DestinationPhase.RECEIVING) {
      sink.accept(Step.DISCARD, () -> "destination (" + s.destinationPhase().label() + ") ignores " + head, n);
      return;
    }
    if (head.seq() != s.expectedSeq()) {
      sink.accept(Step.DISCARD, () -> "destination discards " + head + ", expects #" + s.expectedSeq(), n);
      return;
    }
    n.expectedSeq(head.seq() + 1);
    switch (head.kind()) {
      case PAGE -> {
        n.destinationPage(head.a(), head.b() + 1);
        n.awaiting(s.awaiting() & ~(1 << head.a()));
      }
      case BITMAP -> {
        n.bitmapReceived(true);
        n.awaiting(head.a());
      }
      case DEVICE -> {
        n.deviceReceived(true);
        n.destinationDevice(head.a(), head.b(), head.c());
      }
    }
    sink.accept(Step.DELIVER, () -> "destination receives " + head, n);
  }

  // ---------------------------------------------------------------- destination

  private void destination(MigrationState s, StepSink sink) {
    switch (s.destinationPhase()) {
      case RECEIVING -> receiving(s, sink);
      case COMMITTED -> {
        MigrationState n = s.copy();
        int due = config.is(Variant.NO_ANNOUNCE) ? 0 : bounds.announcements();
        n.destinationPhase(s.announcements() >= due ? DestinationPhase.DONE : DestinationPhase.RUNNING);
        sink.accept(Step.RESUME, () -> config.is(Variant.NO_STORAGE_LOCK)
            ? "destination resumes the VM (no lock to hold)"
            : "destination resumes the VM while holding the lock", n);
      }
      case RUNNING -> announce(s, sink);
      case DONE, ABANDONED, CRASHED -> {
      }
    }
  }

  /** Everything the destination needs before it may commit: the final bitmap's pages and the device state. */
  boolean switchoverDataComplete(MigrationState s) {
    boolean bitmapDone = config.is(Variant.SKIP_FINAL_BITMAP) || (s.bitmapReceived() && s.awaiting() == 0);
    boolean deviceDone = config.is(Variant.SKIP_DEVICE_STATE) || s.deviceReceived();
    return bitmapDone && deviceDone;
  }

  private void receiving(MigrationState s, StepSink sink) {
    boolean lockless = config.is(Variant.NO_STORAGE_LOCK);
    boolean canCommit = switchoverDataComplete(s) && (lockless || s.lock() == LockState.OFFERED);
    if (canCommit) {
      MigrationState n = s.copy();
      n.lock(LockState.DESTINATION_HELD);
      n.destinationPhase(DestinationPhase.COMMITTED);
      sink.accept(Step.COMMIT, () -> lockless
          ? "destination records itself as owner without any lock (commit point)"
          : "destination takes the offered lock (commit point)", n);
    }
    if (config.is(Variant.ANNOUNCE_BEFORE_COMMIT) && switchoverDataComplete(s)
        && s.announcements() < bounds.announcements()) {
      announce(s, sink);
    }
    // The destination's timer: it only gives up once nothing is in flight to it and the source can
    // send nothing more, which is all a real timeout could observe differently from a slow source.
    SourcePhase source = s.sourcePhase();
    boolean sourceDone = source == SourcePhase.AWAITING_COMMIT || source == SourcePhase.RESUMED
        || source == SourcePhase.CRASHED;
    if (!canCommit && s.channelLength() == 0 && sourceDone) {
      MigrationState n = s.copy();
      n.destinationPhase(DestinationPhase.ABANDONED);
      sink.accept(Step.ABANDON, () -> "destination times out and discards its copy", n);
    }
  }

  /** RARP announcements of the VM's MAC, each of which may be lost; the switch learns the sender's port. */
  private void announce(MigrationState s, StepSink sink) {
    int number = s.announcements() + 1;
    int due = bounds.announcements();
    boolean last = number >= due && s.destinationPhase() == DestinationPhase.RUNNING;
    MigrationState delivered = s.copy();
    delivered.announcements(number);
    delivered.deliverAnnouncement();
    if (last) {
      delivered.destinationPhase(DestinationPhase.DONE);
    }
    sink.accept(Step.ANNOUNCE, () -> "destination announces the VM's MAC (RARP " + number + "/" + due
        + "), the switch learns the destination's port", delivered);
    if (has(Fault.ANNOUNCE_LOSS) && s.faultsUsed() < bounds.faultBudget()) {
      MigrationState lost = s.copy();
      lost.announcements(number);
      lost.useFault();
      if (last) {
        lost.destinationPhase(DestinationPhase.DONE);
      }
      sink.accept(Step.LOSE_ANNOUNCEMENT, () -> "fault: RARP " + number + "/" + due + " is lost", lost);
    }
  }

  // ---------------------------------------------------------------- faults

  private void faults(MigrationState s, StepSink sink) {
    boolean budgetLeft = s.faultsUsed() < bounds.faultBudget();
    int length = s.channelLength();
    if (budgetLeft && length > 0) {
      if (has(Fault.LOSS)) {
        MigrationState n = s.copy();
        n.removeHead();
        n.useFault();
        sink.accept(Step.LOSE_MESSAGE, () -> "fault: " + s.message(0) + " is lost", n);
      }
      if (has(Fault.DUPLICATION) && length < MigrationState.CHANNEL_CAPACITY) {
        MigrationState n = s.copy();
        n.duplicateHead();
        n.useFault();
        sink.accept(Step.DUPLICATE_MESSAGE, () -> "fault: " + s.message(0) + " is duplicated", n);
      }
      if (has(Fault.REORDER) && length >= 2) {
        MigrationState n = s.copy();
        n.swapFirstTwo();
        n.useFault();
        sink.accept(Step.REORDER_MESSAGES, () -> "fault: " + s.message(1) + " overtakes " + s.message(0), n);
      }
    }
    boolean migrating = s.destinationPhase() == DestinationPhase.RECEIVING;
    if (has(Fault.PARTITION) && !s.partitioned() && migrating) {
      MigrationState n = s.copy();
      n.partition();
      n.clearChannel();
      sink.accept(Step.PARTITION, () -> "fault: the network between source and destination partitions", n);
    }
    SourcePhase source = s.sourcePhase();
    if (has(Fault.SOURCE_CRASH) && source != SourcePhase.CRASHED && source != SourcePhase.FREED) {
      MigrationState n = s.copy();
      n.sourcePhase(SourcePhase.CRASHED);
      n.sourceRunning(false);
      n.taken(-1, 0);
      sink.accept(Step.SOURCE_CRASH, () -> "fault: the source host crashes", n);
    }
    if (has(Fault.DESTINATION_CRASH) && migrating) {
      MigrationState n = s.copy();
      n.destinationPhase(DestinationPhase.CRASHED);
      n.clearChannel();
      sink.accept(Step.DESTINATION_CRASH, () -> "fault: the destination host crashes", n);
    }
  }
}

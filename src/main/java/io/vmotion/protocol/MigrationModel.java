package io.vmotion.protocol;

import io.vmotion.checker.Invariant;
import io.vmotion.checker.Model;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The live-migration protocol (pre-copy with dirty-page tracking, stun-and-copy switchover, lock
 * handoff on shared storage with leases and epochs, retries, RARP announcement) as a model for the
 * checker. {@code spec/migration-protocol.md} describes every transition.
 *
 * <p>Actors: the guest, the source host, the destination host, the shared storage holding the VM's
 * lock record, and the physical switch. Each actor's transitions are in their own method;
 * {@link #steps} lists them in a fixed order.
 *
 * <p><b>Timers</b> fire only when their timeout condition holds: once any fault has struck the run
 * (from then on nothing bounds how long a message, a lock operation or a host takes, so a timer may
 * expire at any moment, racing every other step), or when nothing but a timer or a fault can happen
 * any more (what the timer waits for will never come). A run without faults therefore never times out
 * unless the protocol itself gets stuck, which is what the second part of {@code progress} checks.
 *
 * <p><b>Reductions</b> (each on unless the config says otherwise, see {@link Reduction}): after every
 * step, values that no guard, effect or property will read again are reset to canonical ones
 * ({@link DeadVariables}), what the destination will certainly throw away is thrown away at once
 * ({@link StaleAttempts}), and versions are replaced by their ranks ({@link VersionRanks}). None changes a verdict.
 */
public final class MigrationModel implements Model<MigrationState> {
  private final MigrationConfig config;
  private final Bounds bounds;
  private final int rounds;
  private final List<Invariant<MigrationState>> invariants;
  // Asked on every transition: an EnumSet lookup is a bit test where the config's Set.of needs a hash probe.
  private final Set<Fault> faults;
  private final DeadVariables deadVariables;
  private final StaleAttempts staleAttempts;
  private final VersionRanks versionRanks;

  public MigrationModel(MigrationConfig config) {
    this(config, true);
  }

  /** With {@code clampRounds} false the round limit is taken as given: for the test that shows the clamp changes nothing. */
  MigrationModel(MigrationConfig config, boolean clampRounds) {
    this.config = config;
    this.bounds = config.bounds();
    this.rounds = clampRounds ? bounds.effectiveRounds() : bounds.rounds();
    this.faults = config.faults().isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(config.faults());
    this.invariants = MigrationProperties.all(this);
    this.deadVariables = config.reduces(Reduction.DEAD_VARIABLES) ? new DeadVariables(config) : null;
    this.staleAttempts = config.reduces(Reduction.STALE_ATTEMPTS) ? new StaleAttempts(config) : null;
    this.versionRanks = config.reduces(Reduction.VERSION_RANKS) ? new VersionRanks() : null;
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
    return List.of(initialState());
  }

  public MigrationState initialState() {
    return MigrationState.initial(bounds.pages(), !config.is(Variant.START_TRACKING_AFTER_FIRST_ROUND));
  }

  @Override
  public void successors(MigrationState state, SuccessorSink<MigrationState> sink) {
    steps(state, (step, label, next) -> sink.accept(label, next, step.isFault()));
  }

  /** Every transition enabled in {@code state}, in the model's fixed order, for replaying a run step by step. */
  public List<Transition> enabled(MigrationState state) {
    List<Transition> transitions = new ArrayList<>();
    if (!isTerminal(state)) {
      steps(state, (step, label, next) -> transitions.add(new Transition(step, label.get(), next)));
    }
    return transitions;
  }

  @Override
  public List<Invariant<MigrationState>> invariants() {
    return invariants;
  }

  /**
   * A run ends once neither host has anything left to do: the source has freed its copy, crashed, or
   * resumed the VM after its last attempt; and the destination runs the VM with the switch pointing at
   * it, has given up, or crashed.
   */
  @Override
  public boolean isTerminal(MigrationState s) {
    SourcePhase source = s.sourcePhase();
    boolean sourceSettled = source == SourcePhase.FREED || source == SourcePhase.CRASHED
        || (source == SourcePhase.RESUMED && s.attempt() >= bounds.attempts());
    DestinationPhase destination = s.destinationPhase();
    boolean destinationSettled = destination == DestinationPhase.DONE || destination == DestinationPhase.ABANDONED
        || destination == DestinationPhase.CRASHED;
    return sourceSettled && destinationSettled;
  }

  /** A completed migration: the destination runs the VM and the switch forwards to it; the source is gone or freed. */
  @Override
  public boolean isGoal(MigrationState s) {
    return s.destinationPhase() == DestinationPhase.DONE
        && (s.sourcePhase() == SourcePhase.FREED || s.sourcePhase() == SourcePhase.CRASHED);
  }

  @Override
  public String describeGoal() {
    return "a completed migration";
  }

  /**
   * The state's own bytes, not a copy: a successor is never changed once it has been emitted. One byte
   * per field hashes and compares faster than a bit-packed key, and at the bounds this checker can
   * explore the visited set fits in a small heap either way.
   */
  @Override
  public byte[] encode(MigrationState state) {
    return state.bytes();
  }

  @Override
  public MigrationState decode(byte[] encoded) {
    return new MigrationState(encoded, bounds.pages());
  }

  @Override
  public String render(MigrationState state) {
    return state.toString();
  }

  /**
   * Every transition enabled in {@code s}, in a fixed order: guest, source, channel, destination,
   * environment, then the timers (when their timeout condition holds), then the faults.
   */
  public void steps(MigrationState s, StepSink sink) {
    StepSink out = (step, label, next) -> {
      endOutagesOutsideLockUse(next);
      if (staleAttempts != null) {
        staleAttempts.forget(next);
      }
      if (deadVariables != null) {
        deadVariables.forget(s, next);
      }
      if (versionRanks != null) {
        versionRanks.rank(next);
      }
      sink.accept(step, label, next);
    };
    int[] progressSteps = {0};
    StepSink counting = (step, label, next) -> {
      if (step.kind() == Step.Kind.PROTOCOL || step.kind() == Step.Kind.ENVIRONMENT) {
        progressSteps[0]++;
      }
      out.accept(step, label, next);
    };
    guest(s, counting);
    source(s, counting);
    channel(s, counting);
    destination(s, counting);
    environment(s, counting);
    if (s.faultStruck() || progressSteps[0] == 0) {
      sourceTimer(s, counting);
      destinationTimer(s, counting);
    }
    faults(s, counting);
  }

  /**
   * Storage outages are followed only where the host uses the lock: the source from its offer until it
   * knows the outcome, the destination from when it could commit until it resumes. There, every storage
   * path may go down at any moment and come back later, any number of times; outside, an outage is
   * invisible, so leaving those phases ends it, and one still lasting at the next lock use is the same
   * run as a new one starting there.
   */
  private boolean sourceUsesLock(MigrationState s) {
    return s.sourcePhase() == SourcePhase.FINAL_OFFER || s.sourcePhase() == SourcePhase.AWAITING_COMMIT;
  }

  private boolean destinationUsesLock(MigrationState s) {
    return s.destinationPhase() == DestinationPhase.COMMITTED
        || (s.destinationPhase() == DestinationPhase.RECEIVING && switchoverDataComplete(s));
  }

  private void endOutagesOutsideLockUse(MigrationState n) {
    if (n.sourcePathDown() && !sourceUsesLock(n)) {
      n.sourcePathDown(false);
    }
    if (n.destinationPathDown() && !destinationUsesLock(n)) {
      n.destinationPathDown(false);
    }
  }

  /** Whether a lock record's epoch names {@code attempt}; in the seeded bug the lock names no attempt at all. */
  private boolean namesAttempt(int lockEpoch, int attempt) {
    return config.is(Variant.LOCK_WITHOUT_EPOCH) || lockEpoch == attempt;
  }

  private boolean lockless() {
    return config.is(Variant.NO_STORAGE_LOCK);
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
      n.guestActions(s.guestActions() + 1);
      if (s.tracking()) {
        n.dirty(s.dirty() | 1 << page);
      }
      sink.accept(Step.GUEST_WRITE, () -> "guest writes page " + page + " (now v" + (s.sourcePage(page) + 1) + ")", n);
    }
    MigrationState n = s.copy();
    n.sourceConnections(s.sourceConnections() + 1);
    n.guestActions(s.guestActions() + 1);
    sink.accept(Step.GUEST_PACKET, () -> "guest sends a packet (connection state " + (s.sourceConnections() + 1) + ")", n);
  }

  // ---------------------------------------------------------------- source

  private void source(MigrationState s, StepSink sink) {
    switch (s.sourcePhase()) {
      case PRECOPY, FINAL_PAGES -> sendPages(s, sink);
      case FINAL_BITMAP -> sendFinalBitmap(s, sink);
      case FINAL_OFFER -> offerLock(s, sink);
      case AWAITING_COMMIT -> awaitResume(s, sink);
      case RESUMED -> retry(s, sink);
      case FREED, CRASHED -> {
      }
    }
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
        Message message = Message.page(s.attempt(), s.nextSeq(), taken, version);
        send(n, message);
        if (config.is(Variant.CLEAR_DIRTY_BIT_AFTER_SEND)) {
          n.taken(taken, MigrationState.STAGE_SENT);
        } else {
          n.taken(-1, 0);
        }
        sink.accept(Step.SEND_PAGE, () -> "source sends " + message, n);
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
    if (dirtyCount <= bounds.threshold() || s.round() >= rounds) {
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
    Message message = Message.bitmap(s.attempt(), s.nextSeq(), s.dirty());
    send(n, message);
    n.sourcePhase(SourcePhase.FINAL_PAGES);
    n.cursor(0);
    sink.accept(Step.SEND_BITMAP, () -> "source sends the final bitmap as " + message, n);
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
    Message message = Message.device(s.attempt(), s.nextSeq(), s.sourceConnections());
    send(n, message);
    n.sourcePhase(SourcePhase.FINAL_OFFER);
    sink.accept(Step.SEND_DEVICE_STATE, () -> "source sends the device state (vCPU, NIC) as " + message, n);
  }

  /** Offering the lock is a compare-and-swap on shared storage: held by source -> offered for this attempt. */
  private void offerLock(MigrationState s, StepSink sink) {
    MigrationState n = s.copy();
    n.sourcePhase(SourcePhase.AWAITING_COMMIT);
    if (lockless()) {
      sink.accept(Step.OFFER_LOCK, () -> "source declares the switchover data sent (no lock handoff)", n);
      return;
    }
    if (s.sourcePathDown()) {
      return;
    }
    n.lock(LockState.OFFERED, s.attempt());
    sink.accept(Step.OFFER_LOCK, () -> "source offers the VM's lock to the destination for attempt " + s.attempt(), n);
  }

  /**
   * The source learns the outcome from the lock record: it frees its copy once the destination has
   * marked the lock running (it resumed the VM), and takes the VM back once the destination committed
   * but let its lease expire (it died, or lost its storage, before resuming).
   */
  private void awaitResume(MigrationState s, StepSink sink) {
    if (config.is(Variant.RESUME_BEFORE_SOURCE_STUN) && s.sourceRunning()) {
      MigrationState n = s.copy();
      stun(n);
      sink.accept(Step.STUN, () -> "source stuns the VM (after handing over)", n);
    }
    if (config.is(Variant.FREE_BEFORE_COMMIT)) {
      MigrationState n = s.copy();
      n.sourcePhase(SourcePhase.FREED);
      sink.accept(Step.FREE_COPY, () -> "source frees its copy right after offering the lock", n);
      return;
    }
    if (s.sourcePathDown()) {
      return;
    }
    boolean ours = namesAttempt(s.lockEpoch(), s.attempt());
    LockState lock = s.lock();
    boolean resumed = lock == LockState.DESTINATION_RUNNING
        || (config.is(Variant.FREE_WHEN_DESTINATION_COMMITS) && lock == LockState.DESTINATION_COMMITTED);
    if (ours && resumed) {
      MigrationState n = s.copy();
      n.sourcePhase(SourcePhase.FREED);
      sink.accept(Step.FREE_COPY, () -> lock == LockState.DESTINATION_RUNNING
          ? "source reads the lock: the destination runs the VM; the source frees its copy"
          : "source reads the lock: the destination holds it; the source frees its copy", n);
    }
    if (ours && lock == LockState.DESTINATION_COMMITTED && s.leaseExpired()
        && !config.is(Variant.NEVER_BREAK_EXPIRED_LEASE)) {
      MigrationState n = s.copy();
      n.lock(LockState.SOURCE_HELD, 0);
      n.sourcePhase(SourcePhase.RESUMED);
      n.sourceRunning(true);
      sink.accept(Step.BREAK_LEASE, () -> "source breaks the destination's expired lease (compare-and-swap) and"
          + " resumes the VM from its own copy", n);
    }
  }

  /** After an abort the source starts a new attempt from scratch, with the next epoch, until none is left. */
  private void retry(MigrationState s, StepSink sink) {
    if (s.attempt() >= bounds.attempts()) {
      return;
    }
    MigrationState n = s.copy();
    int attempt = s.attempt() + 1;
    n.sourcePhase(SourcePhase.PRECOPY);
    n.attempt(attempt);
    n.round(1);
    n.cursor(0);
    n.taken(-1, 0);
    n.dirty(0);
    n.tracking(!config.is(Variant.START_TRACKING_AFTER_FIRST_ROUND));
    n.nextSeq(0);
    n.forgetStun();
    n.committedThisAttempt(false);
    sink.accept(Step.RETRY, () -> "source retries: attempt " + attempt + " starts pre-copy from scratch", n);
  }

  /**
   * Puts a message on the channel. The network drops what it cannot deliver (to a crashed destination,
   * to one that runs the VM and no longer listens, or across the partition) at once: delivering it
   * later would change nothing but the interleaving, so the model saves those states.
   */
  private static void send(MigrationState n, Message message) {
    if (!n.partitioned() && listens(n.destinationPhase())) {
      n.appendMessage(message);
    }
    n.nextSeq(message.seq() + 1);
  }

  private static boolean listens(DestinationPhase phase) {
    return phase == DestinationPhase.RECEIVING || phase == DestinationPhase.COMMITTED
        || phase == DestinationPhase.ABANDONED;
  }

  // ---------------------------------------------------------------- channel

  /**
   * Delivers the oldest message in flight. The destination accepts only the next sequence number of
   * the attempt it receives; a message of a newer attempt makes it drop its copy and receive that one.
   * A committed destination takes no messages until it knows whether it resumes.
   */
  private void channel(MigrationState s, StepSink sink) {
    if (s.channelLength() == 0 || s.destinationPhase() == DestinationPhase.COMMITTED) {
      return;
    }
    Message head = s.message(0);
    MigrationState n = s.copy();
    n.removeHead();
    if (head.kind() == Message.Kind.STALE) {
      sink.accept(Step.DISCARD, () -> "destination discards a stale message", n);
      return;
    }
    if (config.is(Variant.MESSAGES_WITHOUT_EPOCH)) {
      receiveWithoutEpochs(s, head, n, sink);
      return;
    }
    int epoch = s.destinationEpoch();
    if (head.epoch() > epoch) {
      startReceiving(n, head.epoch());
      if (head.seq() == 0) {
        apply(n, head);
        sink.accept(Step.DELIVER, () -> "destination starts receiving attempt " + head.epoch() + ": " + head, n);
      } else {
        sink.accept(Step.DISCARD, () -> "destination starts receiving attempt " + head.epoch() + ", discards "
            + head + " (expects #" + head.epoch() + ".0)", n);
      }
      return;
    }
    if (head.epoch() < epoch || s.destinationPhase() != DestinationPhase.RECEIVING || head.seq() != s.expectedSeq()) {
      sink.accept(Step.DISCARD, () -> "destination discards " + head + discardReason(s, head), n);
      return;
    }
    apply(n, head);
    sink.accept(Step.DELIVER, () -> "destination receives " + head, n);
  }

  private static String discardReason(MigrationState s, Message head) {
    if (head.epoch() < s.destinationEpoch()) {
      return " (of an earlier attempt)";
    }
    if (s.destinationPhase() != DestinationPhase.RECEIVING) {
      return " (gave up on attempt " + s.destinationEpoch() + ")";
    }
    return ", expects #" + s.destinationEpoch() + "." + s.expectedSeq();
  }

  /** The seeded bug: numbers restart in every attempt, so after giving up any #0 looks like a new migration. */
  private void receiveWithoutEpochs(MigrationState s, Message head, MigrationState n, StepSink sink) {
    if (s.destinationPhase() == DestinationPhase.ABANDONED) {
      if (head.seq() == 0) {
        startReceiving(n, Math.min(Bounds.MAX_ATTEMPTS, s.destinationEpoch() + 1));
        apply(n, head);
        sink.accept(Step.DELIVER, () -> "destination takes " + head + " as the start of a new migration", n);
      } else {
        sink.accept(Step.DISCARD, () -> "destination discards " + head + " (gave up)", n);
      }
      return;
    }
    if (head.seq() == s.expectedSeq()) {
      apply(n, head);
      sink.accept(Step.DELIVER, () -> "destination receives " + head + " (it does not look at the attempt)", n);
    } else {
      sink.accept(Step.DISCARD, () -> "destination discards " + head + ", expects #" + s.expectedSeq(), n);
    }
  }

  private static void startReceiving(MigrationState n, int epoch) {
    n.destinationPhase(DestinationPhase.RECEIVING);
    n.destinationEpoch(epoch);
    n.clearDestinationCopy();
  }

  private static void apply(MigrationState n, Message m) {
    n.expectedSeq(m.seq() + 1);
    switch (m.kind()) {
      case PAGE -> {
        n.destinationPage(m.a(), m.b() + 1);
        n.awaiting(n.awaiting() & ~(1 << m.a()));
      }
      case BITMAP -> {
        n.bitmapReceived(true);
        n.awaiting(m.a());
      }
      case DEVICE -> n.receiveDevice(m.a());
      case STALE -> throw new IllegalStateException("a stale message is never applied");
    }
  }

  // ---------------------------------------------------------------- destination

  private void destination(MigrationState s, StepSink sink) {
    switch (s.destinationPhase()) {
      case RECEIVING -> receiving(s, sink);
      case COMMITTED -> committed(s, sink);
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

  private boolean announcesBeforeCommit(MigrationState s) {
    return config.is(Variant.ANNOUNCE_BEFORE_COMMIT) && s.destinationPhase() == DestinationPhase.RECEIVING
        && switchoverDataComplete(s) && !s.switchForwardsToDestination();
  }

  /** The commit point: a compare-and-swap of the lock record from "offered for my attempt" to "held by me". */
  private void receiving(MigrationState s, StepSink sink) {
    int epoch = s.destinationEpoch();
    if (switchoverDataComplete(s) && !config.is(Variant.NEVER_COMPLETES) && !s.destinationPathDown()) {
      if (lockless()) {
        MigrationState n = s.copy();
        n.lock(LockState.DESTINATION_COMMITTED, epoch);
        n.destinationPhase(DestinationPhase.COMMITTED);
        n.committedThisAttempt(true);
        sink.accept(Step.COMMIT, () -> "destination records itself as owner without compare-and-swap (commit point)", n);
      } else if (s.lock() == LockState.OFFERED && namesAttempt(s.lockEpoch(), epoch)) {
        MigrationState n = s.copy();
        n.lock(LockState.DESTINATION_COMMITTED, config.is(Variant.LOCK_WITHOUT_EPOCH) ? s.lockEpoch() : epoch);
        n.destinationPhase(DestinationPhase.COMMITTED);
        n.committedThisAttempt(true);
        sink.accept(Step.COMMIT, () -> "destination takes the lock offered for attempt " + s.lockEpoch()
            + " (commit point)", n);
      }
    }
    if (announcesBeforeCommit(s)) {
      announce(s, sink);
    }
  }

  /**
   * Before it runs the VM, a committed destination marks the lock record running, again by
   * compare-and-swap: it fails if the source broke the lease meanwhile, and then the destination
   * discards its copy. This is what lets the source tell "committed" from "running" after a crash.
   */
  private void committed(MigrationState s, StepSink sink) {
    if (s.destinationPathDown()) {
      return;
    }
    int epoch = s.destinationEpoch();
    boolean stillHeld = lockless()
        || (s.lock() == LockState.DESTINATION_COMMITTED && namesAttempt(s.lockEpoch(), epoch));
    MigrationState n = s.copy();
    if (!stillHeld) {
      n.destinationPhase(DestinationPhase.ABANDONED);
      n.clearDestinationCopy();
      sink.accept(Step.LOST_LOCK, () -> "destination finds that the source broke its expired lease, and discards its copy", n);
      return;
    }
    n.lock(LockState.DESTINATION_RUNNING, lockless() ? epoch : s.lockEpoch());
    boolean learned = s.switchForwardsToDestination() || config.is(Variant.NO_ANNOUNCE);
    n.destinationPhase(learned ? DestinationPhase.DONE : DestinationPhase.RUNNING);
    n.clearChannel();
    sink.accept(Step.RESUME, () -> lockless()
        ? "destination resumes the VM (no lock to hold)"
        : "destination marks the lock running (compare-and-swap) and resumes the VM", n);
  }

  /** The destination announces until it sees that the switch learned its port: the VM's traffic arrives there. */
  private void announce(MigrationState s, StepSink sink) {
    MigrationState n = s.copy();
    n.deliverAnnouncement();
    if (s.destinationPhase() == DestinationPhase.RUNNING && !config.is(Variant.ANNOUNCE_FOREVER)) {
      n.destinationPhase(DestinationPhase.DONE);
    }
    sink.accept(Step.ANNOUNCE, () -> "destination announces the VM's MAC (RARP), the switch learns the destination's port", n);
  }

  // ---------------------------------------------------------------- environment: time and repairs

  private void environment(MigrationState s, StepSink sink) {
    boolean destinationAlive = s.destinationPhase() != DestinationPhase.CRASHED;
    // A destination that lost its storage path sits in COMMITTED until the path comes back.
    if (s.lock() == LockState.DESTINATION_COMMITTED && !s.leaseExpired()
        && (!destinationAlive || s.destinationPathDown())) {
      MigrationState n = s.copy();
      n.leaseExpired(true);
      sink.accept(Step.LEASE_EXPIRES, () -> "the destination's lease expires: its heartbeat was not renewed in time", n);
    }
    if (s.sourcePathDown()) {
      MigrationState n = s.copy();
      n.sourcePathDown(false);
      sink.accept(Step.STORAGE_PATH_RESTORED, () -> "the source's storage path comes back", n);
    }
    if (s.destinationPathDown()) {
      MigrationState n = s.copy();
      n.destinationPathDown(false);
      boolean renews = s.lock() == LockState.DESTINATION_COMMITTED && s.leaseExpired();
      if (renews) {
        n.leaseExpired(false);
      }
      sink.accept(Step.STORAGE_PATH_RESTORED, () -> "the destination's storage path comes back"
          + (renews ? "; its heartbeat renews its lease" : ""), n);
    }
  }

  // ---------------------------------------------------------------- timers

  /**
   * The switchover timer, from the stun until the source knows the outcome. Before the offer the lock
   * is still the source's, so it just resumes; after it, it takes the offer back by compare-and-swap,
   * which fails once the destination has committed.
   */
  private void sourceTimer(MigrationState s, StepSink sink) {
    SourcePhase phase = s.sourcePhase();
    if (!phase.isSwitchingOver() || s.sourceRunning()) {
      return;
    }
    MigrationState n = s.copy();
    n.taken(-1, 0);
    if (lockless()) {
      n.sourcePhase(SourcePhase.RESUMED);
      n.sourceRunning(true);
      sink.accept(Step.SOURCE_TIMEOUT, () -> "source times out and resumes the VM without checking the lock", n);
      return;
    }
    if (phase != SourcePhase.AWAITING_COMMIT) {
      n.sourcePhase(SourcePhase.RESUMED);
      n.sourceRunning(true);
      sink.accept(Step.SOURCE_TIMEOUT, () -> "source times out before offering the lock and resumes the VM (abort)", n);
      return;
    }
    if (config.is(Variant.NO_TIMER_AWAITING_COMMIT) || s.sourcePathDown()
        || s.lock() != LockState.OFFERED || !namesAttempt(s.lockEpoch(), s.attempt())) {
      return;
    }
    n.lock(LockState.SOURCE_HELD, 0);
    if (config.is(Variant.RETRIES_OFFER_FOREVER)) {
      n.sourcePhase(SourcePhase.FINAL_OFFER);
      sink.accept(Step.SOURCE_TIMEOUT, () -> "source times out, takes its offer back, and will offer again", n);
      return;
    }
    n.sourcePhase(SourcePhase.RESUMED);
    n.sourceRunning(true);
    sink.accept(Step.SOURCE_TIMEOUT, () -> "source times out, takes its lock back (compare-and-swap) and resumes the VM (abort)", n);
  }

  /**
   * The destination's give-up timer sees only its own state and what arrives: it runs while the
   * destination receives and has not committed. It may expire with messages still in flight (after a
   * fault, a message can be late by any amount), which is what makes stale messages of an aborted
   * attempt arrive at a destination that gave up.
   */
  private void destinationTimer(MigrationState s, StepSink sink) {
    if (s.destinationPhase() != DestinationPhase.RECEIVING) {
      return;
    }
    if (config.is(Variant.DESTINATION_TIMER_IGNORES_CRASHED_SOURCE) && s.sourcePhase() != SourcePhase.RESUMED) {
      return;
    }
    MigrationState n = s.copy();
    n.destinationPhase(DestinationPhase.ABANDONED);
    n.clearDestinationCopy();
    sink.accept(Step.ABANDON, () -> "destination times out and discards its copy of attempt " + s.destinationEpoch(), n);
  }

  // ---------------------------------------------------------------- faults

  private void faults(MigrationState s, StepSink sink) {
    messageFaults(s, sink);
    SourcePhase source = s.sourcePhase();
    DestinationPhase destination = s.destinationPhase();
    boolean sourceMaySend = source != SourcePhase.FREED && source != SourcePhase.CRASHED
        && !(source == SourcePhase.RESUMED && s.attempt() >= bounds.attempts());
    if (has(Fault.PARTITION) && !s.partitioned() && listens(destination) && sourceMaySend) {
      MigrationState n = struck(s);
      n.partitioned(true);
      n.clearChannel();
      sink.accept(Step.PARTITION, () -> "fault: the network between source and destination partitions", n);
    }
    if (has(Fault.SOURCE_CRASH) && source != SourcePhase.CRASHED && source != SourcePhase.FREED) {
      MigrationState n = struck(s);
      n.sourcePhase(SourcePhase.CRASHED);
      n.sourceRunning(false);
      n.taken(-1, 0);
      // Until the destination resumes, the source's copy is the live one.
      if (!s.destinationRunning()) {
        n.excuseStop();
      }
      sink.accept(Step.SOURCE_CRASH, () -> "fault: the source host crashes", n);
    }
    if (has(Fault.DESTINATION_CRASH) && destination != DestinationPhase.CRASHED) {
      MigrationState n = struck(s);
      n.destinationPhase(DestinationPhase.CRASHED);
      n.clearChannel();
      if (s.destinationRunning()) {
        n.excuseStop();
      }
      sink.accept(Step.DESTINATION_CRASH, () -> "fault: the destination host crashes", n);
    }
    if (has(Fault.STORAGE_PATH)) {
      if (!s.sourcePathDown() && sourceUsesLock(s)) {
        MigrationState n = struck(s);
        n.sourcePathDown(true);
        sink.accept(Step.STORAGE_PATH_FAILS, () -> "fault: every storage path of the source goes down", n);
      }
      if (!s.destinationPathDown() && destinationUsesLock(s)) {
        MigrationState n = struck(s);
        n.destinationPathDown(true);
        sink.accept(Step.STORAGE_PATH_FAILS, () -> "fault: every storage path of the destination goes down", n);
      }
    }
    boolean announcing = destination == DestinationPhase.RUNNING || announcesBeforeCommit(s);
    if (has(Fault.ANNOUNCE_LOSS) && announcing && s.announcementsLost() < bounds.announceLossBudget()) {
      MigrationState n = struck(s);
      n.announcementsLost(s.announcementsLost() + 1);
      sink.accept(Step.LOSE_ANNOUNCEMENT, () -> "fault: a RARP announcement is lost", n);
    }
  }

  /** Loss of the oldest message; duplication of any message, re-injected behind the later ones; any two swapped. */
  private void messageFaults(MigrationState s, StepSink sink) {
    int length = s.channelLength();
    if (length == 0 || s.faultsUsed() >= bounds.faultBudget()) {
      return;
    }
    if (has(Fault.LOSS)) {
      MigrationState n = spendBudget(s);
      n.removeHead();
      sink.accept(Step.LOSE_MESSAGE, () -> "fault: " + s.message(0) + " is lost", n);
    }
    if (has(Fault.DUPLICATION) && length < MigrationState.CHANNEL_CAPACITY) {
      for (int i = 0; i < length; i++) {
        int index = i;
        MigrationState n = spendBudget(s);
        n.duplicate(index);
        sink.accept(Step.DUPLICATE_MESSAGE, () -> "fault: " + s.message(index) + " is duplicated; the copy travels last", n);
      }
    }
    if (has(Fault.REORDER)) {
      for (int i = 0; i < length; i++) {
        for (int j = i + 1; j < length; j++) {
          int first = i;
          int second = j;
          MigrationState n = spendBudget(s);
          n.swap(first, second);
          sink.accept(Step.REORDER_MESSAGES, () -> "fault: " + s.message(second) + " and " + s.message(first)
              + " swap places", n);
        }
      }
    }
  }

  private static MigrationState struck(MigrationState s) {
    MigrationState n = s.copy();
    n.faultStruck(true);
    return n;
  }

  private static MigrationState spendBudget(MigrationState s) {
    MigrationState n = struck(s);
    n.faultsUsed(s.faultsUsed() + 1);
    return n;
  }
}

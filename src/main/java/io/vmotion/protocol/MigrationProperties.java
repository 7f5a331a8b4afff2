package io.vmotion.protocol;

import io.vmotion.checker.Invariant;
import java.util.List;

/**
 * The safety properties of the migration protocol, as invariants over single states. Ghost values
 * ({@link MigrationState#recordStun}, {@link MigrationState#stopExcused},
 * {@link MigrationState#committedThisAttempt}) turn "equals the source at the moment of the stun",
 * "a crash struck the host holding the VM" and "after the commit" into state predicates. Checked in
 * the order listed; the checker adds {@code no-deadlock}, {@code progress} and {@code termination}.
 */
public final class MigrationProperties {
  public static final String NO_PAGE_LOST = "no-page-lost";
  public static final String EXACTLY_ONE_RUNNER = "exactly-one-runner";
  public static final String NETWORK_IDENTITY = "network-identity";
  public static final String FREE_AFTER_COMMIT = "free-after-commit";

  private MigrationProperties() {
  }

  static List<Invariant<MigrationState>> all(MigrationModel model) {
    return List.of(
        new Invariant<>(EXACTLY_ONE_RUNNER, s -> exactlyOneRunner(model, s)),
        new Invariant<>(NO_PAGE_LOST, MigrationProperties::noPageLost),
        new Invariant<>(NETWORK_IDENTITY, s -> networkIdentity(model, s)),
        new Invariant<>(FREE_AFTER_COMMIT, MigrationProperties::freeAfterCommit));
  }

  /**
   * Never both hosts run the VM. In a terminal state one of them does, unless the VM stopped because
   * the host holding its live copy crashed: the source until the destination resumes, the destination
   * from then on. A destination that dies after its commit but before it resumes excuses nothing: the
   * source must bring the VM back.
   */
  static boolean exactlyOneRunner(MigrationModel model, MigrationState s) {
    boolean source = s.sourceRunning();
    boolean destination = s.destinationRunning();
    if (source && destination) {
      return false;
    }
    return !model.isTerminal(s) || source || destination || s.stopExcused();
  }

  /** While the destination runs the VM, every page equals the source's page at the stun. */
  static boolean noPageLost(MigrationState s) {
    if (!s.destinationRunning()) {
      return true;
    }
    if (!s.stunned()) {
      return false;
    }
    for (int p = 0; p < s.pages(); p++) {
      if (s.destinationPage(p) != s.stunPage(p) + 1) {
        return false;
      }
    }
    return true;
  }

  /**
   * While the destination runs the VM, its MAC and IP are the VM's and its connection state is the
   * one at the stun; once an announcement reached the switch, the switch forwards the VM's MAC to the
   * host that runs the VM; and a completed migration leaves the switch forwarding to the destination.
   */
  static boolean networkIdentity(MigrationModel model, MigrationState s) {
    boolean destination = s.destinationRunning();
    if (destination && (s.destinationMac() != NetworkIdentity.VM_MAC || s.destinationIp() != NetworkIdentity.VM_IP
        || !s.stunned() || s.destinationConnections() != s.stunConnections())) {
      return false;
    }
    boolean oneRunner = s.sourceRunning() != destination;
    if (s.announcementDelivered() && oneRunner && s.switchForwardsToDestination() != destination) {
      return false;
    }
    return !(model.isTerminal(s) && destination && !s.switchForwardsToDestination());
  }

  /** The source frees its copy only after the destination committed, in the same attempt. */
  static boolean freeAfterCommit(MigrationState s) {
    return s.sourcePhase() != SourcePhase.FREED || s.committedThisAttempt();
  }
}

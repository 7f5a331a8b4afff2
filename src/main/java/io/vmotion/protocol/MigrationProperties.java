package io.vmotion.protocol;

import io.vmotion.checker.Invariant;
import java.util.List;

/**
 * The safety properties of the migration protocol, as invariants over single states. The ghost
 * copy of the source taken at the stun ({@link MigrationState#recordStun}) turns "equals the source
 * at the moment of the stun" into a state predicate. Checked in the order listed; the checker adds
 * {@code no-deadlock} and {@code termination}.
 */
public final class MigrationProperties {
  public static final String NO_PAGE_LOST = "no-page-lost";
  public static final String EXACTLY_ONE_RUNNER = "exactly-one-runner";
  public static final String NETWORK_IDENTITY = "network-identity";

  private MigrationProperties() {
  }

  static List<Invariant<MigrationState>> all(MigrationModel model) {
    return List.of(
        new Invariant<>(EXACTLY_ONE_RUNNER, s -> exactlyOneRunner(model, s)),
        new Invariant<>(NO_PAGE_LOST, MigrationProperties::noPageLost),
        new Invariant<>(NETWORK_IDENTITY, s -> networkIdentity(model, s)));
  }

  /**
   * Never both hosts run the VM. In a terminal state one of them does, except when the source crashed
   * before the destination's commit point: the only way the VM may stop.
   */
  static boolean exactlyOneRunner(MigrationModel model, MigrationState s) {
    boolean source = s.sourceRunning();
    boolean destination = s.destinationRunning();
    if (source && destination) {
      return false;
    }
    if (!model.isTerminal(s) || source || destination) {
      return true;
    }
    boolean neverCommitted = s.destinationPhase() == DestinationPhase.ABANDONED
        || s.destinationPhase() == DestinationPhase.CRASHED;
    return s.sourcePhase() == SourcePhase.CRASHED && neverCommitted;
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
}

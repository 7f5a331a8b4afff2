package io.vmotion.protocol;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The correct protocol and deliberately broken versions of it, to show the checker catches each mistake. */
public enum Variant {
  CORRECT("correct", "the protocol as specified in spec/migration-protocol.md"),
  CLEAR_DIRTY_BIT_AFTER_SEND("clear-dirty-bit-after-send",
      "the source clears a page's dirty bit after sending it, losing a guest write made in between"),
  SKIP_FINAL_BITMAP("skip-final-bitmap",
      "after the stun the source skips the final dirty bitmap and so never sends the pages it lists"),
  RESUME_BEFORE_SOURCE_STUN("resume-before-source-stun",
      "the source hands over before stunning the VM, so the destination can resume while the source still runs"),
  NO_STORAGE_LOCK("no-storage-lock",
      "no compare-and-swap on the lock: the source resumes on a timeout while the destination may already run"),
  ANNOUNCE_BEFORE_COMMIT("announce-before-commit",
      "the destination announces the VM's MAC before its commit point, so an abort leaves the switch pointing at it"),
  NO_ANNOUNCE("no-announce", "the destination never announces the VM's MAC, so the switch keeps forwarding to the source"),
  SKIP_DEVICE_STATE("skip-device-state",
      "the source never sends the device state, so the destination resumes without the VM's NIC identity and connections"),
  START_TRACKING_AFTER_FIRST_ROUND("start-tracking-after-first-round",
      "dirty-page tracking starts only after the first pre-copy round, missing writes made during it"),
  NEVER_COMPLETES("never-completes",
      "the destination never takes the offered lock, so every migration aborts: safe, but it never migrates"),
  NO_TIMER_AWAITING_COMMIT("no-timer-awaiting-commit",
      "the source has no switchover timer once it has offered the lock, so a destination that dies before"
          + " its commit leaves the VM stunned for ever"),
  DESTINATION_TIMER_IGNORES_CRASHED_SOURCE("destination-timer-ignores-crashed-source",
      "the destination gives up only when the source tells it that it aborted; a crashed source never does,"
          + " so the destination waits for ever"),
  RETRIES_OFFER_FOREVER("retries-offer-forever",
      "on a timeout the source takes its offer back and offers the lock again, the VM still stunned, and never gives up"),
  NEVER_BREAK_EXPIRED_LEASE("never-break-expired-lease",
      "the source never breaks the expired lease of a destination that committed and died, so the VM stays stunned for ever"),
  ANNOUNCE_FOREVER("announce-forever",
      "the destination never notices that the switch has learned its port, and keeps announcing"),
  FREE_BEFORE_COMMIT("free-before-commit",
      "the source frees its copy as soon as it has offered the lock, before the destination committed"),
  FREE_WHEN_DESTINATION_COMMITS("free-when-destination-commits",
      "the source frees its copy once the destination holds the lock, before it runs the VM: a destination"
          + " that dies in between loses the VM"),
  LOCK_WITHOUT_EPOCH("lock-without-epoch",
      "offers and commits on the lock do not name the attempt, so a destination still holding the copy of an"
          + " aborted attempt takes the next attempt's offer"),
  MESSAGES_WITHOUT_EPOCH("messages-without-epoch",
      "messages do not name the attempt and their numbers restart, so a stale message of an aborted attempt"
          + " starts the destination's copy of the next one");

  private final String cliName;
  private final String description;

  Variant(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  public static Optional<Variant> byName(String name) {
    return Arrays.stream(values()).filter(v -> v.cliName.equals(name)).findFirst();
  }

  public static String acceptedNames() {
    return Arrays.stream(values()).map(Variant::cliName).collect(Collectors.joining(", "));
  }
}

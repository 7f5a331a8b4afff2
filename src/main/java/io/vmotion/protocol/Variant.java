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
      "no atomic lock handoff: the source resumes on a timeout while the destination may already run"),
  ANNOUNCE_BEFORE_COMMIT("announce-before-commit",
      "the destination announces the VM's MAC before its commit point, so an abort leaves the switch pointing at it"),
  NO_ANNOUNCE("no-announce", "the destination never announces the VM's MAC, so the switch keeps forwarding to the source"),
  SKIP_DEVICE_STATE("skip-device-state",
      "the source never sends the device state, so the destination resumes without the VM's NIC identity and connections"),
  START_TRACKING_AFTER_FIRST_ROUND("start-tracking-after-first-round",
      "dirty-page tracking starts only after the first pre-copy round, missing writes made during it");

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

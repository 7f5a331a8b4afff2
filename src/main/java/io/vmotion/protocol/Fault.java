package io.vmotion.protocol;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Failures the checker may inject; each one can be switched on or off. */
public enum Fault {
  LOSS("loss", "a migration-channel message is lost"),
  DUPLICATION("duplication", "a copy of any message in flight is delivered again, after messages sent later"),
  REORDER("reorder", "any two messages in flight swap places"),
  PARTITION("partition", "the network between source and destination splits for good"),
  SOURCE_CRASH("source-crash", "the source host crashes at any step"),
  DESTINATION_CRASH("destination-crash", "the destination host crashes at any step, also after its commit and after its resume"),
  ANNOUNCE_LOSS("announce-loss", "a RARP announcement of the VM's MAC never reaches the switch"),
  STORAGE_PATH("storage-path", "every storage path of the source or of the destination goes down, and later comes back");

  private final String cliName;
  private final String description;

  Fault(String cliName, String description) {
    this.cliName = cliName;
    this.description = description;
  }

  public String cliName() {
    return cliName;
  }

  public String description() {
    return description;
  }

  /**
   * Message faults draw on the run's fault budget and announcement losses on their own; the partition,
   * each crash and each host's storage outage happen at most once by nature.
   */
  public boolean consumesBudget() {
    return this == LOSS || this == DUPLICATION || this == REORDER || this == ANNOUNCE_LOSS;
  }

  public static Optional<Fault> byName(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
  }

  public static String acceptedNames() {
    return Arrays.stream(values()).map(Fault::cliName).collect(Collectors.joining(", "));
  }

  /** Renders a fault set in declaration order, "none" when empty. */
  public static String describe(Set<Fault> faults) {
    if (faults.isEmpty()) {
      return "none";
    }
    return EnumSet.copyOf(faults).stream().map(Fault::cliName).collect(Collectors.joining(","));
  }
}

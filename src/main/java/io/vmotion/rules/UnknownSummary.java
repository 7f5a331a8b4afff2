package io.vmotion.rules;

import java.util.List;

/**
 * One gap of the inventory and what it costs: the facts it leaves unknown, on how many hosts and
 * VMs, which rules it keeps from deciding, and how many moves stay undecided because of it.
 */
public record UnknownSummary(
    String cause, String fix, List<String> hostFields, List<String> vmFields, int hosts, int vms, List<String> rules, long undecidedMoves) {

  public UnknownSummary {
    hostFields = List.copyOf(hostFields);
    vmFields = List.copyOf(vmFields);
    rules = List.copyOf(rules);
  }
}

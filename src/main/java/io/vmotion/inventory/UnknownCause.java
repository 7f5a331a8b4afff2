package io.vmotion.inventory;

import java.util.List;

/**
 * Why facts are unknown: one gap of the export (a missing tab or column, a host absent from the
 * host list) and the facts it leaves unknown, so that a report can state each gap once instead of
 * once per move. {@code hostFields} and {@code vmFields} are names from the "unknown" lists;
 * {@code hosts} and {@code vms} are the ones the gap touches.
 */
public record UnknownCause(String cause, String fix, List<String> hostFields, List<String> hosts, List<String> vmFields, List<String> vms) {

  public UnknownCause {
    hostFields = List.copyOf(hostFields);
    hosts = List.copyOf(hosts);
    vmFields = List.copyOf(vmFields);
    vms = List.copyOf(vms);
  }
}

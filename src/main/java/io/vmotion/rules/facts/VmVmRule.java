package io.vmotion.rules.facts;

import java.util.List;
import java.util.TreeSet;

/**
 * A DRS VM-VM rule of {@code cluster} that covers a VM: the VM should run on the same host as
 * ({@code affine}) or on other hosts than its {@code peers}, the rule's other powered-on VMs, each
 * with the host it runs on when the move runs.
 */
public record VmVmRule(String cluster, String name, boolean affine, List<Peer> peers) {

  /** Another VM of the rule and where it runs. */
  public record Peer(String vm, String host) {}

  public VmVmRule {
    peers = List.copyOf(peers);
  }

  /** The peers a move to {@code target} would break the rule with: those there (apart), those elsewhere (together); sorted. */
  public Names brokenBy(String target) {
    TreeSet<String> out = new TreeSet<>();
    for (Peer p : peers) if (p.host().equals(target) != affine) out.add(p.vm());
    return new Names(out);
  }
}

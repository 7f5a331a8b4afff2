package io.vmotion.rules.facts;

/**
 * A DRS VM-Host rule of {@code cluster} that covers a VM: it should run on the hosts of
 * {@code hostGroup} ({@code affine}) or not run on them, as a "must" rule when {@code mandatory}.
 */
public record VmHostRule(String cluster, String name, String hostGroup, boolean affine, boolean mandatory) {

  /** Whether a move to a host of {@code cluster} that is (or is not) {@code inGroup} breaks the rule. */
  public boolean brokenBy(String targetCluster, java.util.Set<String> targetGroups) {
    if (!cluster.equals(targetCluster)) return false;
    return affine != targetGroups.contains(hostGroup);
  }

  /** "must run on hosts of gpu-hosts", "should not run on hosts of dmz". */
  public String describe() {
    return (mandatory ? "must" : "should") + (affine ? " run on" : " not run on") + " hosts of group " + hostGroup;
  }
}

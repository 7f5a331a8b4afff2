package io.vmotion.inventory;

import java.util.List;
import java.util.Map;

/** A cluster's DRS groups (VM groups and host groups, by name) and its DRS rules. */
public record Cluster(String name, Map<String, List<String>> vmGroups, Map<String, List<String>> hostGroups, List<ClusterRule> rules) {

  public Cluster {
    vmGroups = copy(vmGroups);
    hostGroups = copy(hostGroups);
    rules = List.copyOf(rules);
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> groups) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(out);
  }
}

package io.vmotion.rules;

import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When a move's facts are unknown (an import filled them with a default and said so in the
 * inventory's "unknown" lists), a rule that needs them must neither pass nor fail on the default:
 * it reports an info "not checked" finding instead. What a rule needs comes from its {@code @reads};
 * a rule without them runs on whatever the inventory holds.
 */
final class NotChecked {

  /** One fact a rule needs: {@code role} is vm, source or target; {@code field} an inventory field. */
  record Need(String role, String field) {}

  static final String REMEDIATION =
      "Complete the inventory where the import warned (the tab, column or property it named), then validate again; until then check this by hand.";

  private static final Map<String, List<String>> HOST = Map.ofEntries(
      Map.entry("version", List.of("version")), Map.entry("versionKey", List.of("version")),
      Map.entry("versionDisplay", List.of("version")), Map.entry("license", List.of("license")),
      Map.entry("cpuVendor", List.of("cpu")), Map.entry("cpuFamily", List.of("cpu")), Map.entry("cpuModel", List.of("cpu")),
      Map.entry("cores", List.of("cpu")), Map.entry("threads", List.of("cpu")), Map.entry("mhz", List.of("cpu")),
      Map.entry("cpuCapacityMhz", List.of("cpu")), Map.entry("features", List.of("cpu")),
      Map.entry("biosDisabled", List.of("cpu")), Map.entry("biosLocked", List.of("cpu", "evcMode")),
      Map.entry("effectiveFeatures", List.of("cpu", "evcMode")), Map.entry("evcMode", List.of("evcMode")),
      Map.entry("memoryMb", List.of("memoryMb")), Map.entry("vmotionNics", List.of("vmotionNics")),
      Map.entry("maxVmotionNicMbps", List.of("vmotionNics")), Map.entry("datastores", List.of("datastores")),
      Map.entry("portGroups", List.of("portGroups")));

  private static final Map<String, List<String>> VM = Map.ofEntries(
      Map.entry("powerState", List.of("powerState")), Map.entry("poweredOn", List.of("powerState")),
      Map.entry("hardwareVersion", List.of("hardwareVersion")), Map.entry("guestOs", List.of("guestOs")),
      Map.entry("vcpus", List.of("vcpus")), Map.entry("memoryMb", List.of("memoryMb")),
      Map.entry("cpuReservationMhz", List.of("reservation")), Map.entry("memoryReservationMb", List.of("reservation")),
      Map.entry("datastores", List.of("datastores")), Map.entry("portGroups", List.of("nics")),
      Map.entry("cpuFeatures", List.of("cpuFeatures")));

  private NotChecked() {}

  /** The facts a rule needs, from its @reads; empty for a rule without them. */
  static List<Need> needs(RuleInfo rule) {
    Set<Need> out = new LinkedHashSet<>();
    if (!rule.declaresReads()) return List.of();
    for (String read : rule.reads()) {
      for (String path : MoveProperty.resolve(read).covers()) {
        int dot = path.indexOf('.');
        if (dot < 0) {
          if (path.equals("targetUnreservedCpuMhz") || path.equals("targetCpuReservedMhz")) out.add(new Need("target", "cpu"));
          if (path.equals("targetUnreservedMemoryMb") || path.equals("targetMemoryReservedMb")) out.add(new Need("target", "memoryMb"));
          continue;
        }
        String role = path.substring(0, dot);
        String field = path.substring(dot + 1);
        Map<String, List<String>> table = role.equals("vm") ? VM : HOST;
        for (String f : table.getOrDefault(field, List.of())) out.add(new Need(role, f));
      }
    }
    return List.copyOf(out);
  }

  /** Whether any need on the VM side (the VM or its source) is unknown for this VM. */
  static boolean vmSideUnknown(List<Need> needs, VmFact vm, HostFact source) {
    for (Need n : needs) {
      if (n.role().equals("vm") && unknown(vm, source, n.field())) return true;
      if (n.role().equals("source") && source.getUnknown().contains(n.field())) return true;
    }
    return false;
  }

  static boolean targetUnknown(List<Need> needs, HostFact target) {
    for (Need n : needs) if (n.role().equals("target") && target.getUnknown().contains(n.field())) return true;
    return false;
  }

  /** The info message for this move, or null when everything the rule needs is known. */
  static String reason(List<Need> needs, Move m) {
    List<String> missing = new ArrayList<>();
    for (Need n : needs) {
      boolean gone = switch (n.role()) {
        case "vm" -> unknown(m.getVm(), m.getSource(), n.field());
        case "source" -> m.getSource().getUnknown().contains(n.field());
        default -> m.getTarget().getUnknown().contains(n.field());
      };
      if (!gone) continue;
      String whose = switch (n.role()) {
        case "vm" -> "VM " + m.getVm().getName();
        case "source" -> "source " + m.getSource().getName();
        default -> "target " + m.getTarget().getName();
      };
      String what = n.field() + " of " + whose;
      if (!missing.contains(what)) missing.add(what);
    }
    return missing.isEmpty() ? null
        : "not checked: the inventory marks unknown the " + String.join(", ", missing) + " (filled with a default by the import)";
  }

  /** A VM's CPU features are unknown when it has none of its own and its host's CPU or EVC mode is unknown. */
  private static boolean unknown(VmFact vm, HostFact source, String field) {
    if (field.equals("cpuFeatures")) {
      return vm.vm().cpuFeatures().isEmpty() && (source.getUnknown().contains("cpu") || source.getUnknown().contains("evcMode"));
    }
    return vm.vm().unknown().contains(field);
  }

  static Finding finding(RuleInfo rule, Move m, String reason) {
    return new Finding(rule.id(), Severity.INFO, m.getVm().getName(), m.getSource().getName(), m.getTarget().getName(),
        m.getStep(), reason, REMEDIATION);
  }
}

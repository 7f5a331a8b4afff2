package io.vmotion.rules;

import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a move's facts are unknown (an import could not learn them and listed them in the
 * inventory's "unknown"), a rule that reads them is evaluated at their {@link Completions}: if every
 * completion gives the same verdict, that is the rule's verdict; if they differ, the rule reports an
 * info "not checked" finding naming the facts. What a rule reads comes from its {@code @reads}; a
 * rule without them runs on whatever the inventory holds.
 */
final class NotChecked {

  /** One fact a rule needs: {@code role} is vm, source or target; {@code field} a name of the "unknown" lists. */
  record Need(String role, String field) {}

  /** The VM-side fact that stands for vCenter's vgpu.hotmigrate.enabled where the inventory marks it unknown. */
  static final String VGPU_HOT_MIGRATE = "vgpuHotMigrate";

  static final String REMEDIATION =
      "Complete the inventory where the import warned (the tab, column or property it named), then validate again; until then check this by hand.";

  private static final Map<String, List<String>> HOST = Map.ofEntries(
      Map.entry("version", List.of("version")), Map.entry("versionKey", List.of("version")),
      Map.entry("versionDisplay", List.of("version")), Map.entry("license", List.of("license")),
      Map.entry("cpuVendor", List.of("cpu.vendor")), Map.entry("cpuFamily", List.of("cpu.model")), Map.entry("cpuModel", List.of("cpu.model")),
      Map.entry("cores", List.of("cpu.cores")), Map.entry("threads", List.of("cpu.threads")), Map.entry("mhz", List.of("cpu.mhz")),
      Map.entry("cpuCapacityMhz", List.of("cpu.cores", "cpu.mhz")), Map.entry("features", List.of("cpu.features")),
      Map.entry("biosLocked", List.of("cpu.features", "evcMode")),
      Map.entry("effectiveFeatures", List.of("cpu.features", "evcMode")), Map.entry("evcMode", List.of("evcMode")),
      Map.entry("memoryMb", List.of("memoryMb")), Map.entry("vmotionNics", List.of("vmotionNics")),
      Map.entry("maxVmotionNicMbps", List.of("vmotionNics")), Map.entry("datastores", List.of("datastores")),
      Map.entry("portGroups", List.of("portGroups")), Map.entry("gpuProfiles", List.of("gpuProfiles")),
      Map.entry("hostGroups", List.of("hostGroups")), Map.entry("vmotionLinkMbps", List.of("vmotionNics")),
      Map.entry("vmotionLink", List.of("vmotionNics")), Map.entry("vmotionMtus", List.of("vmotionNics")),
      Map.entry("vmotionNetworks", List.of("vmotionNics")));

  private static final List<String> REMOVABLE = List.of("devices.cdrom", "devices.floppy", "devices.usb", "devices.serial", "devices.parallel");

  private static final Map<String, List<String>> VM = Map.ofEntries(
      Map.entry("devices", io.vmotion.inventory.Vm.DEVICE_PARTS), Map.entry("deviceTypes", io.vmotion.inventory.Vm.DEVICE_PARTS),
      Map.entry("passthroughDevices", List.of("devices.pci-passthrough", "devices.dynamic-directpath", "devices.sriov")),
      Map.entry("vgpuDevices", List.of("devices.vgpu")), Map.entry("hostBackedDevices", REMOVABLE),
      Map.entry("fileBackedPorts", List.of("devices.serial", "devices.parallel")),
      Map.entry("mountedImages", List.of("devices.cdrom", "devices.floppy")), Map.entry("imageDatastores", List.of("devices.cdrom", "devices.floppy")),
      Map.entry("sharedBusControllers", List.of("scsiControllers")), Map.entry("cpuAffinity", List.of("cpuAffinity")),
      Map.entry("memoryAffinity", List.of("memoryAffinity")), Map.entry("vmHostRules", List.of("clusterRules")),
      Map.entry("vmVmRules", List.of("clusterRules")), Map.entry("ftPartnerHost", List.of("ft")), Map.entry("ftRole", List.of("ft")),
      Map.entry("vgpuHotMigrate", List.of(VGPU_HOT_MIGRATE)),
      Map.entry("powerState", List.of("powerState")), Map.entry("poweredOn", List.of("powerState")),
      Map.entry("hardwareVersion", List.of("hardwareVersion")), Map.entry("guestOs", List.of("guestOs")),
      Map.entry("vcpus", List.of("vcpus")), Map.entry("memoryMb", List.of("memoryMb")),
      Map.entry("cpuReservationMhz", List.of("reservation")), Map.entry("memoryReservationMb", List.of("reservation")),
      Map.entry("datastores", List.of("datastores")), Map.entry("portGroups", List.of("nics")),
      Map.entry("cpuFeatures", List.of("cpuFeatures")), Map.entry("cpuVendor", List.of("cpuVendor")));

  private NotChecked() {}

  /** The facts a rule needs, from its @reads; empty for a rule without them. */
  static List<Need> needs(RuleInfo rule) {
    Set<Need> out = new LinkedHashSet<>();
    if (!rule.declaresReads()) return List.of();
    for (String read : rule.reads()) {
      for (String path : MoveProperty.resolve(read).covers()) {
        int dot = path.indexOf('.');
        if (dot < 0) {
          if (path.equals("targetUnreservedCpuMhz")) {
            out.add(new Need("target", "cpu.cores"));
            out.add(new Need("target", "cpu.mhz"));
          }
          if (path.equals("targetUnreservedMemoryMb")) out.add(new Need("target", "memoryMb"));
          // What the target's VMs reserve is unknown where one of them has unknown reservations.
          if (path.startsWith("target") && path.toLowerCase(java.util.Locale.ROOT).contains("reserved")) out.add(new Need("target", Completions.VM_RESERVATIONS));
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

  /**
   * The unknown facts among the VM side's needs (the VM's and its source's). A VM's requirement
   * read off its host is unknown where that host's CPU is: it is named as the source's fact.
   */
  static List<UnknownFact> vmSide(List<Need> needs, VmFact vm, HostFact source) {
    if (needs.isEmpty() || (vm.vm().unknown().isEmpty() && source.getUnknown().isEmpty() && !vm.isVgpuHotMigrateUnknown())) return List.of();
    Set<UnknownFact> out = new TreeSet<>();
    for (Need n : needs) {
      if (n.role().equals("source")) {
        if (source.host().isUnknown(n.field())) out.add(new UnknownFact("source", n.field()));
      } else if (n.role().equals("vm")) {
        switch (n.field()) {
          case "cpuFeatures" -> {
            if (!vm.hasOwnCpuRequirement()) {
              if (source.host().isUnknown("cpu.features")) out.add(new UnknownFact("source", "cpu.features"));
              if (source.host().isUnknown("evcMode")) out.add(new UnknownFact("source", "evcMode"));
            }
          }
          case "cpuVendor" -> {
            if (!vm.hasOwnCpuVendor() && source.host().isUnknown("cpu.vendor")) out.add(new UnknownFact("source", "cpu.vendor"));
          }
          case VGPU_HOT_MIGRATE -> {
            if (vm.isVgpuHotMigrateUnknown()) out.add(new UnknownFact("vm", n.field()));
          }
          default -> {
            if (vm.vm().isUnknown(n.field())) out.add(new UnknownFact("vm", n.field()));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  static List<UnknownFact> targetSide(List<Need> needs, HostFact target, Completions completions) {
    if (needs.isEmpty() || (target.getUnknown().isEmpty() && !completions.reservationsUnknown(target.getName()))) return List.of();
    Set<UnknownFact> out = new TreeSet<>();
    for (Need n : needs) {
      if (!n.role().equals("target")) continue;
      boolean unknown = n.field().equals(Completions.VM_RESERVATIONS) ? completions.reservationsUnknown(target.getName()) : target.host().isUnknown(n.field());
      if (unknown) out.add(new UnknownFact("target", n.field()));
    }
    return List.copyOf(out);
  }

  static Set<String> fields(List<UnknownFact> facts, String role) {
    Set<String> out = new TreeSet<>();
    for (UnknownFact f : facts) if (f.role().equals(role)) out.add(f.field());
    return out;
  }

  /** "license of target esx-07, CPU features of source esx-09": the facts under the move's names. */
  static String describe(List<UnknownFact> facts, Move m) {
    List<String> parts = new ArrayList<>();
    for (UnknownFact f : facts) {
      String whose = switch (f.role()) {
        case "vm" -> "VM " + m.getVm().getName();
        case "source" -> "source " + m.getSource().getName();
        default -> "target " + m.getTarget().getName();
      };
      parts.add(f.label() + " of " + whose);
    }
    return String.join(", ", parts);
  }

  /**
   * The rule's verdict on a move from its verdicts on the move's completions (each in the same
   * order in every evaluation path): the same for all, or "not checked". Of verdicts that agree,
   * the one with the shortest messages is kept (they differ in the values they quote), and says
   * that it holds whatever the unknown facts are.
   */
  static List<Outcome> decide(RuleInfo rule, List<List<Outcome>> completed, List<UnknownFact> facts, Move named) {
    boolean anyQuiet = false;
    boolean anyFinding = false;
    boolean severitiesDiffer = false;
    Severity worst = null;
    List<Outcome> shortest = null;
    int length = Integer.MAX_VALUE;
    for (List<Outcome> c : completed) {
      if (c.isEmpty()) {
        anyQuiet = true;
        continue;
      }
      anyFinding = true;
      Severity most = Severity.INFO;
      for (Outcome o : c) if (o.severity().compareTo(most) > 0) most = o.severity();
      if (worst == null) worst = most;
      else if (worst != most) severitiesDiffer = true;
      int n = 0;
      for (Outcome o : c) n += o.message().length();
      if (n < length) {
        length = n;
        shortest = c;
      }
    }
    String what = describe(facts, named);
    // Values that all make a finding, but an error with some and only a warning with others, decide nothing either.
    if (completed.isEmpty() || (anyQuiet && anyFinding) || severitiesDiffer) {
      return List.of(Outcome.undecided(rule.id(), "not checked: the verdict depends on the unknown " + what, REMEDIATION, facts));
    }
    if (!anyFinding) return List.of();
    List<Outcome> out = new ArrayList<>();
    for (Outcome o : shortest) out.add(o.withSuffix(" (whatever the unknown " + what + ")"));
    return out;
  }
}

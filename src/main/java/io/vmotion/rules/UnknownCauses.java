package io.vmotion.rules;

import io.vmotion.inventory.Host;
import io.vmotion.inventory.Inventory;
import io.vmotion.inventory.UnknownCause;
import io.vmotion.inventory.Vm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why facts are unknown, one entry per gap of the export: the inventory's unknownCauses, and for an
 * unknown field no cause covers, "marked unknown in the inventory" per field. Finds the cause of
 * each unknown fact of a move, so that a report states each gap once with what it costs.
 */
final class UnknownCauses {

  /** A gap and the hosts and VMs it leaves with unknown facts. */
  record Cause(String cause, String fix, Set<String> hostFields, Set<String> vmFields, Set<String> hosts, Set<String> vms) {}

  private final List<Cause> causes = new ArrayList<>();
  /** Cause per fact: kind (host or vm) and field, then name; nested so that a lookup builds no key. */
  private final Map<String, Map<String, Integer>> hostFacts = new HashMap<>();
  private final Map<String, Map<String, Integer>> vmFacts = new HashMap<>();
  /** Per host, a powered-on VM there whose reservations are unknown: the cause of its VMs' reservations being unknown. */
  private final Map<String, String> unknownReserver = new HashMap<>();

  static final UnknownCauses NONE = new UnknownCauses(new Inventory(List.of(), List.of(), List.of()));

  UnknownCauses(Inventory inventory) {
    for (UnknownCause c : inventory.unknownCauses()) {
      int id = causes.size();
      causes.add(new Cause(c.cause(), c.fix(), new TreeSet<>(c.hostFields()), new TreeSet<>(c.vmFields()), new TreeSet<>(c.hosts()), new TreeSet<>(c.vms())));
      for (String h : c.hosts()) for (String f : c.hostFields()) hostFacts.computeIfAbsent(f, k -> new HashMap<>()).putIfAbsent(h, id);
      for (String v : c.vms()) for (String f : c.vmFields()) vmFacts.computeIfAbsent(f, k -> new HashMap<>()).putIfAbsent(v, id);
    }
    Map<String, Integer> generic = new LinkedHashMap<>();
    for (Host h : inventory.hosts()) {
      for (String f : new TreeSet<>(h.unknown())) {
        Integer id = lookup(hostFacts, f, h.name());
        if (id == null) {
          id = generic.computeIfAbsent("host:" + f, k -> {
            causes.add(new Cause("host " + new UnknownFact("target", f).label() + " marked unknown in the inventory", null,
                new TreeSet<>(Set.of(f)), new TreeSet<>(), new TreeSet<>(), new TreeSet<>()));
            return causes.size() - 1;
          });
          hostFacts.computeIfAbsent(f, k -> new HashMap<>()).put(h.name(), id);
        }
        causes.get(id).hosts().add(h.name());
      }
    }
    boolean vgpuSetting = inventory.vcenter().unknown().contains(NotChecked.VGPU_HOT_MIGRATE);
    for (Vm v : inventory.vms()) {
      if (v.poweredOn() && v.unknown().contains("reservation")) unknownReserver.putIfAbsent(v.host(), v.name());
      // vCenter's setting is one fact for every VM; a VM that names no cause of its own gets the generic one.
      Set<String> fields = new TreeSet<>(v.unknown());
      if (vgpuSetting && (v.isUnknown("devices.vgpu") || v.devices().stream().anyMatch(d -> d.type().equals("vgpu")))) {
        fields.add(NotChecked.VGPU_HOT_MIGRATE);
      }
      for (String f : fields) {
        Integer id = lookup(vmFacts, f, v.name());
        if (id == null) {
          id = generic.computeIfAbsent("vm:" + f, k -> {
            causes.add(new Cause((f.equals(NotChecked.VGPU_HOT_MIGRATE) ? "" : "VM ") + new UnknownFact("vm", f).label() + " marked unknown in the inventory", null,
                new TreeSet<>(), new TreeSet<>(Set.of(f)), new TreeSet<>(), new TreeSet<>()));
            return causes.size() - 1;
          });
          vmFacts.computeIfAbsent(f, k -> new HashMap<>()).put(v.name(), id);
        }
        causes.get(id).vms().add(v.name());
      }
    }
  }

  private static Integer lookup(Map<String, Map<String, Integer>> facts, String field, String name) {
    Map<String, Integer> byName = facts.get(field);
    return byName == null ? null : byName.get(name);
  }

  List<Cause> all() {
    return causes;
  }

  /** The cause of the fact {@code f} of this move, or -1. A cpu.* part falls under a cause of "cpu". */
  int of(UnknownFact f, String vm, String source, String target) {
    String kind = f.role().equals("vm") ? "vm" : "host";
    String name = switch (f.role()) {
      case "vm" -> vm;
      case "source" -> source;
      default -> target;
    };
    if (f.field().equals(Completions.VM_RESERVATIONS)) {
      String reserver = unknownReserver.get(name);
      Integer id = reserver == null ? null : lookup(vmFacts, "reservation", reserver);
      return id == null ? -1 : id;
    }
    Map<String, Map<String, Integer>> facts = kind.equals("vm") ? vmFacts : hostFacts;
    Integer id = lookup(facts, f.field(), name);
    if (id == null && f.field().startsWith("cpu.")) id = lookup(facts, "cpu", name);
    if (id == null && f.field().startsWith("devices.")) id = lookup(facts, "devices", name);
    return id == null ? -1 : id;
  }
}

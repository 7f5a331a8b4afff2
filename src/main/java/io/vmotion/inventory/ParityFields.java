package io.vmotion.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of inventory format v1 that carry what vCenter checks beyond CPU, storage and network
 * basics: VM devices and their backings, SCSI bus sharing, CPU and memory affinity, Fault
 * Tolerance, the link state of vMotion adapters, vGPU profiles, DRS groups and rules, and vCenter
 * settings. Read as strictly as the rest of the format, every problem with its JSON path; the
 * references between them are checked once the whole file is read.
 */
final class ParityFields {

  /** A logical CPU number above any ESXi host's (768 logical CPUs per host is the vSphere 8 maximum; 4096 leaves room). */
  static final long MAX_CPU = 4095;
  static final long MAX_NUMA_NODE = 1023;
  /** 1 TiB: far above the frame buffer of any GPU. */
  static final long MAX_VGPU_MB = 1L << 20;

  private ParityFields() {}

  static VmDevice device(JsonFields f) {
    String type = f.oneOf("type", true, VmDevice.TYPES, null);
    String name = f.string("name", false);
    String profile = f.string("profile", false);
    String backing = f.oneOf("backing", false, VmDevice.BACKINGS, null);
    boolean connected = f.bool("connected", true);
    String datastore = f.string("datastore", false);
    long memory = f.number("vgpuMemoryMb", false, 0, MAX_VGPU_MB, -1);
    if (type == null) return null;
    if (backing != null) {
      List<String> allowed = VmDevice.BACKINGS_OF.getOrDefault(type, List.of());
      if (allowed.isEmpty()) {
        f.problem("backing", "a " + type + " device has no backing to state; leave \"backing\" out");
        backing = null;
      } else if (!allowed.contains(backing)) {
        f.problem("backing", "a " + type + " device cannot have backing \"" + backing + "\"; accepted values: " + String.join(", ", allowed));
        backing = null;
      }
    }
    if ("datastore".equals(backing) && datastore == null) {
      f.problem("datastore", "required field is missing; a device with backing \"datastore\" names the datastore of its image file");
    }
    if (datastore != null && !"datastore".equals(backing)) {
      f.problem("datastore", "only a device with backing \"datastore\" has a datastore; set \"backing\": \"datastore\" or leave \"datastore\" out");
      datastore = null;
    }
    if (memory >= 0 && !type.equals("vgpu")) {
      f.problem("vgpuMemoryMb", "only a vgpu device has a vGPU frame buffer");
      memory = -1;
    }
    return new VmDevice(type, name, profile, backing, connected, datastore, memory < 0 ? null : memory);
  }

  static ScsiController scsiController(JsonFields f, int index) {
    String name = f.string("name", true);
    String sharing = f.oneOf("busSharing", false, ScsiController.BUS_SHARING, "none");
    return name == null ? null : new ScsiController(name, sharing);
  }

  static List<Integer> affinity(JsonFields f, String field, long max) {
    List<Integer> out = new ArrayList<>();
    for (long n : f.wholeNumbers(field, false, 0, max)) out.add((int) n);
    return out;
  }

  static FaultTolerance ft(JsonFields f) {
    if (f == null) return null;
    String role = f.oneOf("role", true, FaultTolerance.ROLES, null);
    String partner = f.string("partnerHost", false);
    f.rejectUnknown();
    return role == null ? null : new FaultTolerance(role, partner);
  }

  static VmotionNic vmotionNic(JsonFields f, String name, long speed, int mtu) {
    String duplex = f.oneOf("duplex", false, VmotionNic.DUPLEX, "full");
    boolean up = f.bool("linkUp", true);
    String portGroup = f.string("portGroup", false);
    return name == null ? null : new VmotionNic(name, speed, mtu, duplex, up, portGroup);
  }

  static Vcenter vcenter(JsonFields f) {
    if (f == null) return Vcenter.DEFAULT;
    boolean hot = f.bool("vgpuHotMigrate", false);
    Set<String> unknown = new LinkedHashSet<>();
    for (String u : f.strings("unknown", false)) {
      if (Vcenter.MAY_BE_UNKNOWN.contains(u)) unknown.add(u);
      else f.problem("unknown", "\"" + u + "\" cannot be marked unknown; accepted values: " + String.join(", ", Vcenter.MAY_BE_UNKNOWN));
    }
    f.rejectUnknown();
    return new Vcenter(hot, unknown);
  }

  static Cluster cluster(JsonFields f, int index) {
    String name = f.string("name", true);
    Map<String, List<String>> vmGroups = groups(f.object("vmGroups", false));
    Map<String, List<String>> hostGroups = groups(f.object("hostGroups", false));
    List<ClusterRule> rules = f.objects("rules", false, ParityFields::rule);
    return name == null ? null : new Cluster(name, vmGroups, hostGroups, rules);
  }

  private static Map<String, List<String>> groups(JsonFields f) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (f == null) return out;
    for (String group : f.fieldNames()) {
      if (group.isBlank()) f.problem(group, "a group needs a name");
      out.put(group, f.strings(group, true));
    }
    return out;
  }

  private static ClusterRule rule(JsonFields f, int index) {
    String name = f.string("name", true);
    String type = f.oneOf("type", true, ClusterRule.TYPES, null);
    boolean enabled = f.bool("enabled", true);
    if (type == null) {
      // Without a type the other fields cannot be told apart; take them all as read.
      for (String k : List.of("vmGroup", "hostGroup", "vms", "affine", "mandatory")) f.has(k);
      return null;
    }
    if (!f.has("affine")) f.problem("affine", "required field is missing; expected true or false");
    boolean affine = f.bool("affine", true);
    if (type.equals("vm-host")) {
      String vmGroup = f.string("vmGroup", true);
      String hostGroup = f.string("hostGroup", true);
      if (!f.has("mandatory")) f.problem("mandatory", "required field is missing; expected true (a \"must\" rule) or false (a \"should\" rule)");
      boolean mandatory = f.bool("mandatory", false);
      return name == null || vmGroup == null || hostGroup == null ? null
          : new ClusterRule(name, type, vmGroup, hostGroup, List.of(), affine, mandatory, enabled);
    }
    List<String> vms = f.strings("vms", true);
    if (f.has("vms") && vms.size() < 2) f.problem("vms", "a VM-VM rule names at least two VMs, found " + vms.size());
    return name == null ? null : new ClusterRule(name, type, null, null, vms, affine, false, enabled);
  }

  /** References between the new fields and the hosts and VMs: every name must exist, with its path. */
  static void checkReferences(String file, Inventory inv, List<InputProblem> problems) {
    Map<String, Host> hosts = new HashMap<>();
    inv.hosts().forEach(h -> hosts.put(h.name(), h));
    Set<String> vms = new HashSet<>();
    inv.vms().forEach(v -> vms.add(v.name()));
    for (int i = 0; i < inv.vms().size(); i++) {
      Vm v = inv.vms().get(i);
      if (v.ft() == null) continue;
      String p = "vms[" + i + "].ft.partnerHost";
      String partner = v.ft().partnerHost();
      if (partner == null) {
        if (!v.isUnknown("ft")) problems.add(new InputProblem(file, p, 0, 0,
            "required field is missing; name the host of the other VM of the Fault Tolerance pair (or list \"ft\" in \"unknown\")"));
      } else if (!hosts.containsKey(partner)) {
        problems.add(new InputProblem(file, p, 0, 0, "unknown host \"" + partner + "\"" + near(partner, hosts.keySet()) + "; list it in \"hosts\""));
      } else if (partner.equals(v.host())) {
        problems.add(new InputProblem(file, p, 0, 0, "the partner of a Fault Tolerance pair runs on another host than the VM (" + v.host() + ")"));
      }
    }
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < inv.clusters().size(); c++) {
      Cluster cl = inv.clusters().get(c);
      String at = "clusters[" + c + "]";
      if (!seen.add(cl.name())) problems.add(new InputProblem(file, at + ".name", 0, 0, "duplicate cluster \"" + cl.name() + "\""));
      if (hosts.values().stream().noneMatch(h -> cl.name().equals(h.cluster()))) {
        problems.add(new InputProblem(file, at + ".name", 0, 0, "no host is in cluster \"" + cl.name() + "\"; name a cluster of \"hosts\""));
      }
      cl.vmGroups().forEach((g, members) -> {
        for (int j = 0; j < members.size(); j++) {
          if (!vms.contains(members.get(j))) {
            problems.add(new InputProblem(file, at + ".vmGroups." + g + "[" + j + "]", 0, 0,
                "unknown VM \"" + members.get(j) + "\"" + near(members.get(j), vms) + "; list VMs of \"vms\""));
          }
        }
      });
      cl.hostGroups().forEach((g, members) -> {
        for (int j = 0; j < members.size(); j++) {
          Host h = hosts.get(members.get(j));
          String p = at + ".hostGroups." + g + "[" + j + "]";
          if (h == null) {
            problems.add(new InputProblem(file, p, 0, 0, "unknown host \"" + members.get(j) + "\"" + near(members.get(j), hosts.keySet()) + "; list hosts of \"hosts\""));
          } else if (!cl.name().equals(h.cluster())) {
            problems.add(new InputProblem(file, p, 0, 0, "host \"" + h.name() + "\" is in cluster " + h.cluster()
                + ", not " + cl.name() + "; a DRS group holds hosts of its own cluster"));
          }
        }
      });
      Set<String> ruleNames = new HashSet<>();
      for (int r = 0; r < cl.rules().size(); r++) {
        ClusterRule rule = cl.rules().get(r);
        String p = at + ".rules[" + r + "]";
        if (!ruleNames.add(rule.name())) problems.add(new InputProblem(file, p + ".name", 0, 0, "duplicate rule \"" + rule.name() + "\" in cluster " + cl.name()));
        if (rule.type().equals("vm-host")) {
          if (!cl.vmGroups().containsKey(rule.vmGroup())) {
            problems.add(new InputProblem(file, p + ".vmGroup", 0, 0, "unknown VM group \"" + rule.vmGroup() + "\"" + near(rule.vmGroup(), cl.vmGroups().keySet())
                + "; define it in the cluster's \"vmGroups\""));
          }
          if (!cl.hostGroups().containsKey(rule.hostGroup())) {
            problems.add(new InputProblem(file, p + ".hostGroup", 0, 0, "unknown host group \"" + rule.hostGroup() + "\""
                + near(rule.hostGroup(), cl.hostGroups().keySet()) + "; define it in the cluster's \"hostGroups\""));
          }
        } else {
          for (int j = 0; j < rule.vms().size(); j++) {
            if (!vms.contains(rule.vms().get(j))) {
              problems.add(new InputProblem(file, p + ".vms[" + j + "]", 0, 0, "unknown VM \"" + rule.vms().get(j) + "\"" + near(rule.vms().get(j), vms)));
            }
          }
        }
      }
    }
  }

  private static String near(String name, Set<String> candidates) {
    String n = JsonFields.closest(name, candidates);
    return n == null ? "" : " (did you mean \"" + n + "\"?)";
  }
}

package io.vmotion.inventory.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import io.vmotion.inventory.imports.HostDraft;
import io.vmotion.inventory.imports.ImportedInventory;
import io.vmotion.inventory.imports.VmDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a vSphere dump says of vCenter's further vMotion checks: the VM's devices and their
 * backings (Config.Hardware.Device), SCSI bus sharing, CPU and memory affinity, Fault Tolerance
 * (Config.FtInfo), the DRS groups and rules of clusters (ClusterComputeResource.ConfigurationEx),
 * the vGPU profiles of hosts (Config.SharedPassthruGpuTypes, Config.SharedGpuCapabilities) and
 * vCenter's vgpu.hotmigrate.enabled (an OptionManager's Setting).
 *
 * <p>govc since 0.35 writes each data object's type as "_typeName" (govmomi's vim25/json), which
 * names a device's backing exactly. Older dumps write Go field names without types: there the kind
 * of a device is read from its label and fields, and a backing its fields do not tell (a CD-ROM's
 * DeviceName is the same for a host drive and a client drive) leaves that type of device unknown.
 */
final class VsphereParity {

  private static final Pattern DATASTORE = Pattern.compile("^\\s*\\[([^\\]]+)\\]");
  /** NVIDIA names vGPU types by their frame buffer in GB: grid_t4-16c is 16 GB, grid_a100-4-20c 20 GB. */
  private static final Pattern FRAME_BUFFER_GB = Pattern.compile("-(\\d{1,3})[a-z]+$");

  static final String FIX_VM = "dump the VirtualMachine with all its properties: govc object.collect -o -json VirtualMachine:<id>";
  static final Gap NO_CONFIG = new Gap("the VirtualMachine has no Config: its devices, SCSI controllers, affinity and Fault Tolerance are unknown", FIX_VM);
  static final Gap UNTYPED_BACKING = new Gap("the dump names no type of a device backing (govc before 0.35 writes Go fields without \"_typeName\") "
      + "and the backing's fields do not tell a device of the host from one of the console client",
      "dump with govc 0.35 or later (object.collect -o -json), whose JSON names each backing's type");
  static final Gap NO_FT_PARTNER = new Gap("the VirtualMachine is in a Fault Tolerance pair (Config.FtInfo) but the dump lacks the other VM of the pair",
      "dump every VirtualMachine, the other VM of the pair included");
  static final Gap NO_DRS_CONFIG = new Gap("the VM's cluster is not in the dump with its ConfigurationEx (DRS groups and rules) or Configuration",
      "dump the ClusterComputeResource with all its properties: govc object.collect -o -json ClusterComputeResource:<id>");
  static final Gap UNTYPED_RULE = new Gap("a DRS VM-VM rule of the VM's cluster carries no type name, so keep-together and keep-apart cannot be told apart "
      + "(govc before 0.35 writes Go fields without \"_typeName\")", "dump with govc 0.35 or later (object.collect -o -json)");
  static final Gap NO_GPU_TYPES = new Gap("the HostSystem has no Config: the vGPU profiles its GPUs offer are unknown", VsphereImporter.FIX_HOST_PUBLIC);
  static final String NO_VGPU_SETTING = "the dump has no OptionManager setting vgpu.hotmigrate.enabled of vCenter";
  static final String FIX_VGPU_SETTING = "add vCenter's advanced setting to the dump: govc option.ls -json vgpu.hotmigrate.enabled";

  private VsphereParity() {}

  static String typeName(JsonNode n) {
    return VsphereImporter.text(n.path("_typeName"));
  }

  /** The VM's devices of note, SCSI controllers, affinity and Fault Tolerance role. */
  static void vm(JsonNode v, VmDraft d, ImportedInventory inv) {
    JsonNode config = v.path("Config");
    if (!config.isObject()) {
      for (String f : List.of("devices", "scsiControllers", "cpuAffinity", "memoryAffinity", "ft")) NO_CONFIG.vm(inv, d, f);
      return;
    }
    JsonNode devices = config.at("/Hardware/Device");
    if (!devices.isArray()) {
      NO_CONFIG.vm(inv, d, "devices");
      NO_CONFIG.vm(inv, d, "scsiControllers");
    }
    Set<String> untyped = new TreeSet<>();
    for (JsonNode dev : devices) {
      String kind = kind(dev);
      if (kind == null) continue;
      String label = VsphereImporter.text(dev.at("/DeviceInfo/Label"));
      if (kind.equals("scsi")) {
        String sharing = switch (dev.path("SharedBus").asText("")) {
          case "virtualSharing" -> "virtual";
          case "physicalSharing" -> "physical";
          default -> "none";
        };
        d.scsiControllers.put(label != null ? label : "SCSI controller " + dev.path("BusNumber").asInt(0), sharing);
        continue;
      }
      JsonNode backing = dev.path("Backing");
      boolean connected = dev.at("/Connectable/Connected").asBoolean(true);
      switch (kind) {
        case "cdrom", "floppy", "serial", "parallel", "usb" -> {
          String b = backing(kind, backing);
          if (b == null) {
            untyped.add(kind);
            continue;
          }
          String ds = "datastore".equals(b) ? datastore(VsphereImporter.text(backing.path("FileName"))) : null;
          if ("datastore".equals(b) && ds == null) {
            untyped.add(kind);
            continue;
          }
          d.devices.add(new VmDraft.Device(kind, label, null, b, connected, ds, null));
        }
        case "pci" -> pci(dev, backing, label, d, inv);
        default -> d.devices.add(new VmDraft.Device(kind, label, null, null, true, null, null));
      }
    }
    for (String kind : untyped) UNTYPED_BACKING.vm(inv, d, "devices." + kind);
    d.cpuAffinity = ints(config.at("/CpuAffinity/AffinitySet"));
    d.memoryAffinity = ints(config.at("/MemoryAffinity/AffinitySet"));
  }

  /** What kind of device of note this is (cdrom, floppy, serial, parallel, usb, pci, sriov, scsi), or null. */
  static String kind(JsonNode dev) {
    String t = typeName(dev);
    if (t != null) {
      return switch (t) {
        case "VirtualCdrom" -> "cdrom";
        case "VirtualFloppy" -> "floppy";
        case "VirtualSerialPort" -> "serial";
        case "VirtualParallelPort" -> "parallel";
        case "VirtualUSB" -> "usb";
        case "VirtualPCIPassthrough" -> "pci";
        case "VirtualSriovEthernetCard" -> "sriov";
        case "ParaVirtualSCSIController", "VirtualLsiLogicController", "VirtualLsiLogicSASController", "VirtualBusLogicController",
            "VirtualSCSIController" -> "scsi";
        default -> null;
      };
    }
    String label = dev.at("/DeviceInfo/Label").asText("");
    if (dev.has("SriovBacking")) return "sriov";
    if (dev.has("SharedBus")) return "scsi";
    if (label.startsWith("CD/DVD drive")) return "cdrom";
    if (label.startsWith("Floppy drive")) return "floppy";
    if (label.startsWith("Serial port")) return "serial";
    if (label.startsWith("Parallel port")) return "parallel";
    if (label.startsWith("PCI device")) return "pci";
    // A USB device ("USB 1"), not a USB controller, which has no backing.
    if (label.startsWith("USB") && !label.toLowerCase(java.util.Locale.ROOT).contains("controller") && dev.path("Backing").isObject()) return "usb";
    return null;
  }

  /** The inventory backing of a removable device or port, or null where the dump does not tell. */
  static String backing(String kind, JsonNode b) {
    String t = typeName(b);
    if (t != null) {
      return switch (t) {
        case "VirtualCdromIsoBackingInfo", "VirtualFloppyImageBackingInfo" -> "datastore";
        case "VirtualCdromAtapiBackingInfo", "VirtualCdromPassthroughBackingInfo", "VirtualFloppyDeviceBackingInfo",
            "VirtualSerialPortDeviceBackingInfo", "VirtualParallelPortDeviceBackingInfo", "VirtualUSBUSBBackingInfo",
            "VirtualUSBRemoteHostBackingInfo" -> "host";
        case "VirtualCdromRemoteAtapiBackingInfo", "VirtualCdromRemotePassthroughBackingInfo", "VirtualFloppyRemoteDeviceBackingInfo",
            "VirtualUSBRemoteClientBackingInfo" -> "client";
        case "VirtualSerialPortFileBackingInfo", "VirtualParallelPortFileBackingInfo" -> "file";
        case "VirtualSerialPortURIBackingInfo" -> "uri";
        case "VirtualSerialPortPipeBackingInfo" -> "pipe";
        case "VirtualSerialPortThinPrintBackingInfo" -> "none";
        default -> null;
      };
    }
    // Go field names only: the fields tell a file, a URI or a pipe, and an image on a datastore.
    if (b.isMissingNode() || b.isNull()) return kind.equals("usb") ? null : "none";
    String file = VsphereImporter.text(b.path("FileName"));
    String device = VsphereImporter.text(b.path("DeviceName"));
    switch (kind) {
      case "cdrom", "floppy" -> {
        if (file != null) return "datastore";
        if (device != null && device.startsWith("/vmfs/devices/")) return "host";
        return null;
      }
      case "serial" -> {
        if (VsphereImporter.text(b.path("ServiceURI")) != null) return "uri";
        if (VsphereImporter.text(b.path("PipeName")) != null) return "pipe";
        if (file != null) return "file";
        if (device != null) return "host";
        return null;
      }
      case "parallel" -> {
        if (file != null) return "file";
        if (device != null) return "host";
        return null;
      }
      case "usb" -> {
        // A USB device of a remote host and one of the client both name a Hostname.
        return b.has("Hostname") || device == null ? null : "host";
      }
      default -> {
        return null;
      }
    }
  }

  /** A PCI device: a vGPU (with its profile and the data vMotion copies), Dynamic DirectPath I/O, or DirectPath I/O. */
  private static void pci(JsonNode dev, JsonNode b, String label, VmDraft d, ImportedInventory inv) {
    String t = typeName(b);
    String vgpu = VsphereImporter.text(b.path("Vgpu"));
    boolean isVgpu = "VirtualPCIPassthroughVmiopBackingInfo".equals(t) || (t == null && vgpu != null);
    if (isVgpu) {
      Long mb = b.path("VgpuMigrateDataSizeMB").asLong(0) > 0 ? b.path("VgpuMigrateDataSizeMB").asLong() : null;
      if (mb == null && vgpu != null) {
        Matcher m = FRAME_BUFFER_GB.matcher(vgpu.toLowerCase(java.util.Locale.ROOT));
        if (m.find()) {
          mb = Long.parseLong(m.group(1)) * 1024;
          inv.warnings().add("vGPU " + vgpu + " has no VgpuMigrateDataSizeMB (vSphere 8.0 U1 and later give it); its frame buffer "
              + (mb / 1024) + " GB is read from the profile name", d.name);
        } else {
          inv.warnings().add("vGPU " + vgpu + " has no VgpuMigrateDataSizeMB and its profile name gives no frame buffer; no stun time is estimated", d.name);
        }
      }
      d.devices.add(new VmDraft.Device("vgpu", label, vgpu, null, true, null, mb));
      return;
    }
    boolean dynamic = "VirtualPCIPassthroughDynamicBackingInfo".equals(t) || (t == null && b.has("AllowedDevice"));
    boolean direct = "VirtualPCIPassthroughDeviceBackingInfo".equals(t) || (t == null && (b.has("DeviceId") || b.has("Id")));
    String type = dynamic ? "dynamic-directpath" : direct ? "pci-passthrough" : "other";
    d.devices.add(new VmDraft.Device(type, label, null, null, true, null, null));
  }

  private static String datastore(String path) {
    if (path == null) return null;
    Matcher m = DATASTORE.matcher(path);
    return m.find() && !m.group(1).isBlank() ? m.group(1).trim() : null;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> out = new ArrayList<>();
    for (JsonNode n : array) if (n.canConvertToInt() && n.asInt() >= 0) out.add(n.asInt());
    return out;
  }

  /**
   * Fault Tolerance: Config.FtInfo.Role (1 is the primary) and the host of the other VM of the
   * pair, found by their shared Config.FtInfo.InstanceUuids.
   */
  static void ft(List<JsonNode> vmObjects, Map<JsonNode, VmDraft> drafts, VsphereImporter.Names names, ImportedInventory inv) {
    Map<String, List<JsonNode>> pairs = new HashMap<>();
    for (JsonNode v : vmObjects) {
      JsonNode ft = v.at("/Config/FtInfo");
      if (!ft.isObject() || !drafts.containsKey(v)) continue;
      pairs.computeIfAbsent(String.valueOf(ft.path("InstanceUuids")), k -> new ArrayList<>()).add(v);
    }
    for (List<JsonNode> pair : pairs.values()) {
      for (JsonNode v : pair) {
        VmDraft d = drafts.get(v);
        d.ftRole = v.at("/Config/FtInfo/Role").asInt(1) == 1 ? "primary" : "secondary";
        JsonNode other = pair.stream().filter(o -> o != v).findFirst().orElse(null);
        JsonNode host = other == null ? null : other.at("/Runtime/Host");
        if (host != null && host.isObject()) d.ftPartnerHost = names.name(host);
        else NO_FT_PARTNER.vm(inv, d, "ft");
      }
    }
  }

  /**
   * DRS groups and rules of each cluster (ConfigurationEx, else the rules of the older
   * Configuration), and for every VM of a cluster the dump does not describe, unknown rules.
   */
  static void clusters(List<JsonNode> clusters, Map<String, String> vmNameByRef, Map<String, String> hostNameByRef, ImportedInventory inv) {
    Set<String> described = new TreeSet<>();
    Map<String, Set<String>> untypedVms = new HashMap<>();
    for (JsonNode c : clusters) {
      String name = VsphereImporter.text(c.path("Name"));
      if (name == null) continue;
      JsonNode ex = c.path("ConfigurationEx");
      JsonNode rules = ex.isObject() ? ex.path("Rule") : c.at("/Configuration/Rule");
      if (!ex.isObject() && !c.path("Configuration").isObject()) continue;
      described.add(name);
      Map<String, List<String>> vmGroups = new LinkedHashMap<>();
      Map<String, List<String>> hostGroups = new LinkedHashMap<>();
      for (JsonNode g : ex.path("Group")) {
        String t = typeName(g);
        String gname = VsphereImporter.text(g.path("Name"));
        if (gname == null) continue;
        if ("ClusterVmGroup".equals(t) || (t == null && g.has("Vm"))) vmGroups.put(gname, refs(g.path("Vm"), vmNameByRef));
        else if ("ClusterHostGroup".equals(t) || (t == null && g.has("Host"))) hostGroups.put(gname, refs(g.path("Host"), hostNameByRef));
      }
      List<ImportedInventory.RuleDraft> out = new ArrayList<>();
      for (JsonNode r : rules) {
        String t = typeName(r);
        String rname = VsphereImporter.text(r.path("Name"));
        if (rname == null) continue;
        boolean enabled = r.path("Enabled").asBoolean(true);
        if ("ClusterVmHostRuleInfo".equals(t) || (t == null && r.has("VmGroupName"))) {
          String affine = VsphereImporter.text(r.path("AffineHostGroupName"));
          String anti = VsphereImporter.text(r.path("AntiAffineHostGroupName"));
          String vmGroup = VsphereImporter.text(r.path("VmGroupName"));
          if (vmGroup == null || (affine == null && anti == null)) continue;
          out.add(new ImportedInventory.RuleDraft(rname, "vm-host", vmGroup, affine != null ? affine : anti, List.of(), affine != null,
              r.path("Mandatory").asBoolean(false), enabled));
        } else if ("ClusterAffinityRuleSpec".equals(t) || "ClusterAntiAffinityRuleSpec".equals(t)) {
          out.add(new ImportedInventory.RuleDraft(rname, "vm-vm", null, null, refs(r.path("Vm"), vmNameByRef), t.equals("ClusterAffinityRuleSpec"), false, enabled));
        } else if (t == null && r.has("Vm")) {
          // A keep-together and a keep-apart rule have the same fields: without a type, the rule's VMs' rules are unknown.
          untypedVms.computeIfAbsent(name, k -> new TreeSet<>()).addAll(refs(r.path("Vm"), vmNameByRef));
        }
      }
      inv.addCluster(new ImportedInventory.ClusterDraft(name, vmGroups, hostGroups, out));
    }
    for (VmDraft v : inv.vms()) {
      String cluster = inv.existingHost(v.host == null ? "" : v.host).map(h -> h.cluster).orElse(v.cluster);
      if (cluster == null) continue;
      if (!described.contains(cluster)) NO_DRS_CONFIG.vm(inv, v, "clusterRules");
      else if (untypedVms.getOrDefault(cluster, Set.of()).contains(v.name)) UNTYPED_RULE.vm(inv, v, "clusterRules");
    }
  }

  private static List<String> refs(JsonNode refs, Map<String, String> byRef) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : refs) {
      String n = byRef.get(VsphereImporter.Names.ref(r));
      if (n != null) out.add(n);
    }
    return out;
  }

  /** The vGPU profiles a host's GPUs offer. */
  static void gpuProfiles(JsonNode h, HostDraft d, ImportedInventory inv) {
    JsonNode config = h.path("Config");
    if (!config.isObject()) {
      NO_GPU_TYPES.host(inv, d, "gpuProfiles");
      return;
    }
    for (JsonNode t : config.path("SharedPassthruGpuTypes")) if (VsphereImporter.text(t) != null) d.gpuProfiles.add(t.asText());
    for (JsonNode c : config.path("SharedGpuCapabilities")) if (VsphereImporter.text(c.path("Vgpu")) != null) d.gpuProfiles.add(c.path("Vgpu").asText());
  }

  /** vCenter's vgpu.hotmigrate.enabled from an OptionManager's Setting or a bare option value of the dump. */
  static void vcenter(List<JsonNode> settings, ImportedInventory inv) {
    for (JsonNode s : settings) {
      for (JsonNode o : s.has("Setting") ? s.path("Setting") : List.of(s)) {
        if (!"vgpu.hotmigrate.enabled".equals(o.path("Key").asText())) continue;
        JsonNode value = o.path("Value");
        if (value.isObject()) value = value.path("_value");
        inv.vgpuHotMigrate(value.isBoolean() ? value.asBoolean() : "true".equalsIgnoreCase(value.asText()));
        return;
      }
    }
    inv.vgpuHotMigrateUnknown(NO_VGPU_SETTING, FIX_VGPU_SETTING);
  }
}

package io.vmotion.inventory.vsphere;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vmotion.inventory.InvalidInputException;
import io.vmotion.inventory.InventoryReader;
import io.vmotion.inventory.imports.CpuModels;
import io.vmotion.inventory.imports.EvcCatalog;
import io.vmotion.inventory.imports.HostDraft;
import io.vmotion.inventory.imports.ImportResult;
import io.vmotion.inventory.imports.ImportedInventory;
import io.vmotion.inventory.imports.VmDraft;
import io.vmotion.inventory.imports.Warnings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports a vSphere inventory dump: managed objects (HostSystem, VirtualMachine, Datastore,
 * Network, DistributedVirtualPortgroup, ClusterComputeResource) as govmomi's Go types serialize
 * them, with Go field names ("Self", "Summary", "Config", ...). Two layouts are read: an object whose
 * arrays "hosts", "vms", "clusters", "datastores", "networks" hold the objects (as the vcsim sample
 * does), or one array of objects told apart by their Self.Type.
 */
public final class VsphereImporter {

  private static final Pattern DATASTORE_PATH = Pattern.compile("^\\[([^\\]]+)\\]");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EvcCatalog evc;
  /** Flags that some EVC baseline lists: the guest-visible ones vMotion compatibility depends on. */
  private final Set<String> guestVisible = new HashSet<>();

  public VsphereImporter(EvcCatalog evc) {
    this.evc = evc;
    evc.features().values().forEach(guestVisible::addAll);
  }

  public ImportResult read(Path file) throws InvalidInputException {
    String name = file.toString();
    JsonNode root;
    try {
      if (Files.size(file) > InventoryReader.MAX_BYTES) {
        throw InvalidInputException.of(name, "file is larger than " + InventoryReader.MAX_BYTES + " bytes; dump one datacenter or cluster at a time");
      }
      root = JSON.readTree(file.toFile());
    } catch (NoSuchFileException e) {
      throw InvalidInputException.of(name, "no such file");
    } catch (JsonProcessingException e) {
      throw InvalidInputException.of(name, "not a vSphere JSON dump: malformed JSON at line "
          + (e.getLocation() == null ? 0 : e.getLocation().getLineNr()) + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw InvalidInputException.of(name, "cannot read: " + e.getMessage());
    }
    return read(name, root);
  }

  public ImportResult read(String file, JsonNode root) throws InvalidInputException {
    Objects objects = Objects.of(root);
    if (objects.hosts.isEmpty() && objects.vms.isEmpty()) {
      String hint = objects.unknownTypes.contains("(ObjectContent)")
          ? "; this is property-collector output (Obj/PropSet): dump whole objects with 'govc object.collect -o -json MOID'" : "";
      throw InvalidInputException.of(file, "no HostSystem or VirtualMachine objects found; expected a dump with "
          + "\"hosts\" and \"vms\" arrays of govmomi objects, or one array of them (see docs/importing.md)" + hint);
    }
    Warnings warnings = new Warnings(file);
    ImportedInventory inv = new ImportedInventory(warnings, evc, "the dump's hosts");
    Names names = new Names(objects, warnings);
    for (JsonNode h : objects.hosts) host(h, inv, names);
    int templates = 0;
    int placeholders = 0;
    for (JsonNode v : objects.vms) {
      if (v.at("/Config/Template").asBoolean(false) || v.at("/Summary/Config/Template").asBoolean(false)) {
        templates++;
        continue;
      }
      // Site Recovery Manager placeholders are managed by the SRM extension and never run here.
      if ("placeholderVm".equals(v.at("/Config/ManagedBy/Type").asText()) && v.at("/Config/ManagedBy/ExtensionKey").asText().startsWith("com.vmware.vcDr")) {
        placeholders++;
        continue;
      }
      vm(v, inv, names);
    }
    if (templates > 0) warnings.add(templates + " template(s) skipped: templates cannot be powered on or vMotioned");
    if (placeholders > 0) warnings.add(placeholders + " SRM placeholder VM(s) skipped: they are not running VMs");
    if (!objects.unknownTypes.isEmpty()) warnings.add("objects of other types ignored: " + String.join(", ", new TreeSet<>(objects.unknownTypes)));
    return inv.build();
  }

  /** The dump's objects by kind, and every object by its reference "Type:Value". */
  record Objects(List<JsonNode> hosts, List<JsonNode> vms, Map<String, JsonNode> byRef, List<JsonNode> clusters,
                 Set<String> unknownTypes) {

    static Objects of(JsonNode root) {
      Objects o = new Objects(new ArrayList<>(), new ArrayList<>(), new HashMap<>(), new ArrayList<>(), new HashSet<>());
      if (root.isArray()) {
        root.forEach(o::add);
      } else if (root.isObject()) {
        root.fields().forEachRemaining(e -> {
          if (e.getValue().isArray()) e.getValue().forEach(o::add);
        });
      }
      return o;
    }

    private void add(JsonNode obj) {
      if (!obj.isObject()) return;
      String type = obj.at("/Self/Type").asText("");
      String value = obj.at("/Self/Value").asText("");
      if (!type.isEmpty()) byRef.put(type + ":" + value, obj);
      switch (type) {
        case "HostSystem" -> hosts.add(obj);
        case "VirtualMachine" -> vms.add(obj);
        case "ClusterComputeResource" -> clusters.add(obj);
        case "Datastore", "Network", "DistributedVirtualPortgroup", "OpaqueNetwork", "ComputeResource" -> { }
        default -> unknownTypes.add(!type.isEmpty() ? type : obj.has("Obj") && obj.has("PropSet") ? "(ObjectContent)" : "(no Self.Type)");
      }
    }
  }

  /** Resolves object references to names, warning once per reference it cannot resolve. */
  static final class Names {
    private final Objects objects;
    private final Warnings warnings;
    private final Map<String, String> clusterOfHost = new HashMap<>();
    final Map<String, Set<String>> mountedOn = new HashMap<>();
    final Map<String, Set<String>> networksOn = new HashMap<>();

    Names(Objects objects, Warnings warnings) {
      this.objects = objects;
      this.warnings = warnings;
      for (JsonNode c : objects.clusters) {
        for (JsonNode h : c.path("Host")) clusterOfHost.put(ref(h), c.path("Name").asText(null));
      }
      // Datastores list the hosts that mount them, networks the hosts that connect to them.
      for (JsonNode obj : objects.byRef.values()) {
        String type = obj.at("/Self/Type").asText();
        if (!obj.hasNonNull("Name")) continue;
        String name = obj.get("Name").asText();
        if (type.equals("Datastore")) {
          for (JsonNode mount : obj.path("Host")) {
            if (mount.at("/MountInfo/Mounted").asBoolean(true)) mountedOn.computeIfAbsent(ref(mount.path("Key")), k -> new TreeSet<>()).add(name);
          }
        } else if (type.equals("Network") || type.equals("DistributedVirtualPortgroup") || type.equals("OpaqueNetwork")) {
          for (JsonNode ref : obj.path("Host")) networksOn.computeIfAbsent(ref(ref), k -> new TreeSet<>()).add(name);
        }
      }
    }

    String name(JsonNode ref) {
      String key = ref(ref);
      JsonNode obj = objects.byRef.get(key);
      if (obj != null && obj.hasNonNull("Name")) return obj.get("Name").asText();
      // A Network reference may also point at a DistributedVirtualPortgroup and vice versa.
      for (String type : List.of("Network", "DistributedVirtualPortgroup", "OpaqueNetwork")) {
        JsonNode alt = objects.byRef.get(type + ":" + ref.path("Value").asText());
        if (alt != null && alt.hasNonNull("Name")) return alt.get("Name").asText();
      }
      warnings.add("reference not found in the dump; its id is used as its name", key);
      return ref.path("Value").asText();
    }

    /** A distributed port group's name from its key ("dvportgroup-13"). */
    String portGroupByKey(String key) {
      JsonNode obj = objects.byRef.get("DistributedVirtualPortgroup:" + key);
      if (obj != null && obj.hasNonNull("Name")) return obj.get("Name").asText();
      warnings.add("distributed port group not found in the dump; its key is used as its name", key);
      return key;
    }

    String clusterOf(JsonNode host) {
      JsonNode parent = host.path("Parent");
      if ("ClusterComputeResource".equals(parent.path("Type").asText())) {
        JsonNode c = objects.byRef.get(ref(parent));
        if (c != null && c.hasNonNull("Name")) return c.get("Name").asText();
      }
      String byList = clusterOfHost.get(ref(host.path("Self")));
      if (byList != null) return byList;
      if ("ClusterComputeResource".equals(parent.path("Type").asText())) {
        warnings.add("cluster not in the dump; its id is used as the cluster name", parent.path("Value").asText());
        return parent.path("Value").asText();
      }
      return null;
    }

    String clusterEvc(String clusterName) {
      for (JsonNode c : objects.clusters) {
        if (clusterName != null && clusterName.equals(c.path("Name").asText())) return text(c.at("/Summary/CurrentEVCModeKey"));
      }
      return null;
    }

    static String ref(JsonNode ref) {
      return ref.path("Type").asText() + ":" + ref.path("Value").asText();
    }
  }

  private void host(JsonNode h, ImportedInventory inv, Names names) {
    String name = text(h.path("Name"));
    if (name == null) name = text(h.at("/Summary/Config/Name"));
    if (name == null) {
      inv.warnings().add("HostSystem without a name skipped", Names.ref(h.path("Self")));
      return;
    }
    HostDraft d = inv.host(name);
    d.cluster = names.clusterOf(h);
    String product = first(text(h.at("/Summary/Config/Product/Version")), text(h.at("/Config/Product/Version")),
        text(h.at("/Summary/Config/Product/FullName")), text(h.at("/Config/Product/FullName")));
    d.version = ImportedInventory.esxiVersion(product);
    String state = first(text(h.at("/Runtime/ConnectionState")), text(h.at("/Summary/Runtime/ConnectionState")));
    if (state != null) d.state = switch (state) {
      case "disconnected" -> "disconnected";
      case "notResponding" -> "notResponding";
      default -> "connected";
    };
    JsonNode mm = h.at("/Runtime/InMaintenanceMode");
    if (mm.isBoolean()) d.maintenanceMode = mm.asBoolean();
    else d.maintenanceMode = h.at("/Summary/Runtime/InMaintenanceMode").asBoolean(false);

    cpu(h, d, inv);
    String current = first(text(h.at("/Summary/CurrentEVCModeKey")), names.clusterEvc(d.cluster));
    if (current != null) d.evcMode = evc.normalize(current) != null ? evc.normalize(current) : current;

    long bytes = first(h.at("/Hardware/MemorySize"), h.at("/Summary/Hardware/MemorySize")).asLong(-1);
    if (bytes > 0) d.memoryMb = bytes / (1024 * 1024);
    vmotionNics(h, d, inv);

    for (JsonNode ds : h.path("Datastore")) d.datastores.add(names.name(ds));
    String self = Names.ref(h.path("Self"));
    d.datastores.addAll(names.mountedOn.getOrDefault(self, Set.of()));
    d.portGroups.addAll(names.networksOn.getOrDefault(self, Set.of()));
    for (JsonNode net : h.path("Network")) d.portGroups.add(names.name(net));
    for (JsonNode pg : h.at("/Config/Network/Portgroup")) {
      String pgName = text(pg.at("/Spec/Name"));
      if (pgName != null) d.portGroups.add(pgName);
    }
  }

  private void cpu(JsonNode h, HostDraft d, ImportedInventory inv) {
    JsonNode hw = h.path("Hardware");
    d.cores = positive(first(hw.at("/CpuInfo/NumCpuCores"), h.at("/Summary/Hardware/NumCpuCores")));
    d.threads = positive(first(hw.at("/CpuInfo/NumCpuThreads"), h.at("/Summary/Hardware/NumCpuThreads")));
    Integer mhz = positive(h.at("/Summary/Hardware/CpuMhz"));
    if (mhz == null && hw.at("/CpuInfo/Hz").asLong(0) > 0) mhz = (int) (hw.at("/CpuInfo/Hz").asLong() / 1_000_000);
    d.mhz = mhz;
    String vendor = text(hw.at("/CpuPkg/0/Vendor"));
    if (vendor != null) vendor = vendor.toLowerCase(Locale.ROOT);
    List<CpuId.Leaf> leaves = new ArrayList<>();
    JsonNode features = hw.path("CpuFeature");
    if (!features.isArray() || features.isEmpty()) features = hw.at("/CpuPkg/0/CpuFeature");
    for (JsonNode f : features) {
      Integer eax = CpuId.register(text(f.path("Eax")));
      Integer ebx = CpuId.register(text(f.path("Ebx")));
      Integer ecx = CpuId.register(text(f.path("Ecx")));
      Integer edx = CpuId.register(text(f.path("Edx")));
      if (eax == null || ebx == null || ecx == null || edx == null) {
        inv.warnings().add("CPUID register not 32 bits of 0, 1 or -; that leaf ignored", d.name);
        continue;
      }
      // Go serializes Level as a signed int32: 0x80000001 is -2147483647.
      leaves.add(new CpuId.Leaf(f.path("Level").asInt(0), eax, ebx, ecx, edx));
    }
    for (CpuId.Leaf l : leaves) {
      if (l.level() == 0 && CpuId.vendor(l) != null) vendor = CpuId.vendor(l);
      if (l.level() == CpuId.LEAF_1) {
        d.family = CpuId.family(l.eax());
        d.model = CpuId.model(l.eax());
      }
    }
    String cpuModel = first(text(h.at("/Summary/Hardware/CpuModel")), text(hw.at("/CpuPkg/0/Description")));
    if (vendor == null || !(vendor.equals("intel") || vendor.equals("amd"))) vendor = CpuModels.vendor(cpuModel);
    d.vendor = vendor;

    String maxEvc = evc.normalize(text(h.at("/Summary/MaxEVCModeKey")));
    if (!leaves.isEmpty()) {
      Set<String> decoded = new TreeSet<>(CpuId.features(leaves));
      decoded.retainAll(guestVisible);
      // The host can run its max EVC mode, so it has every feature of that baseline, including
      // those of CPUID leaves HostCpuIdInfo does not carry (leaf 0DH: xsaveopt, xsavec, xsaves).
      if (maxEvc != null) decoded.addAll(evc.features().get(maxEvc));
      d.features = decoded;
      boolean hasLeaf7 = leaves.stream().anyMatch(l -> l.level() == CpuId.LEAF_7);
      if (!hasLeaf7) inv.warnings().add("CPUID leaf 7 not in Hardware.CpuFeature; AVX2, AVX-512 and later features cannot be seen", d.name);
    } else if (maxEvc != null) {
      d.features = new TreeSet<>(evc.features().get(maxEvc));
      inv.warnings().add("no CPUID in Hardware.CpuFeature; CPU features taken from the max EVC mode", d.name);
    } else {
      CpuModels.builtin().find(cpuModel).ifPresent(g -> {
        d.features = new TreeSet<>(evc.features().getOrDefault(g.evc(), Set.of()));
        if (d.family == null) d.family = g.family();
        if (d.model == null) d.model = g.model();
        inv.warnings().add("no CPUID and no max EVC mode; CPU features from the CPU model table (" + g.name() + ")", d.name);
      });
    }
  }

  private void vmotionNics(JsonNode h, HostDraft d, ImportedInventory inv) {
    JsonNode config = h.path("Config");
    if (!config.isObject()) return; // unknown: defaults with a warning
    JsonNode network = config.path("Network");
    Set<String> selected = new HashSet<>();
    Map<String, JsonNode> candidates = new HashMap<>();
    boolean described = false;
    for (JsonNode nc : config.at("/VirtualNicManagerInfo/NetConfig")) {
      described = true;
      if (!"vmotion".equalsIgnoreCase(nc.path("NicType").asText())) continue;
      nc.path("SelectedVnic").forEach(s -> selected.add(s.asText()));
      nc.path("CandidateVnic").forEach(c -> candidates.put(c.path("Key").asText(), c));
    }
    // Older hosts and the HostVMotionSystem report the vMotion adapter here instead.
    JsonNode legacy = config.at("/Vmotion/NetConfig");
    if (legacy.isObject()) {
      described = true;
      legacy.path("SelectedVnic").forEach(s -> selected.add(s.asText()));
      legacy.path("CandidateVnic").forEach(c -> candidates.put(c.path("Key").asText(), c));
    }
    if (!described) return;
    Map<String, HostDraft.NicDraft> nics = new java.util.TreeMap<>();
    for (String key : selected) {
      JsonNode vnic = candidates.get(key);
      String device = vnic != null ? text(vnic.path("Device")) : null;
      if (device == null) device = key.replaceFirst(".*VirtualNic-", "");
      JsonNode spec = vnic != null ? vnic.path("Spec") : JSON.missingNode();
      for (JsonNode v : network.path("Vnic")) {
        if (device.equals(v.path("Device").asText())) spec = v.path("Spec");
      }
      Integer mtu = spec.path("Mtu").isInt() && spec.path("Mtu").asInt() > 0 ? spec.path("Mtu").asInt() : null;
      Long speed = uplinkSpeed(network, device, spec);
      if (speed == null) {
        inv.warnings().add("vMotion adapter's uplink speed not resolvable; assumed 1000 Mbit/s", d.name + " " + device);
        speed = 1000L;
      }
      nics.put(device, new HostDraft.NicDraft(device, speed, mtu));
    }
    d.vmotionNics = new ArrayList<>(nics.values());
  }

  /**
   * The fastest physical NIC behind a VMkernel adapter: its standard port group's vSwitch, or its
   * distributed switch's proxy switch on the host. null when the links cannot be followed.
   */
  private static Long uplinkSpeed(JsonNode network, String device, JsonNode spec) {
    List<String> pnicKeys = new ArrayList<>();
    String portGroup = text(spec.path("Portgroup"));
    for (JsonNode v : network.path("Vnic")) {
      if (device.equals(v.path("Device").asText()) && portGroup == null) portGroup = text(v.path("Portgroup"));
    }
    if (portGroup != null) {
      for (JsonNode pg : network.path("Portgroup")) {
        if (!portGroup.equals(pg.at("/Spec/Name").asText())) continue;
        String vswitch = pg.path("Vswitch").asText();
        for (JsonNode sw : network.path("Vswitch")) {
          if (vswitch.equals(sw.path("Key").asText())) sw.path("Pnic").forEach(p -> pnicKeys.add(p.asText()));
        }
      }
    }
    String dvs = text(spec.at("/DistributedVirtualPort/SwitchUuid"));
    if (dvs != null) {
      for (JsonNode ps : network.path("ProxySwitch")) {
        if (dvs.equals(ps.path("DvsUuid").asText())) ps.path("Pnic").forEach(p -> pnicKeys.add(p.asText()));
      }
    }
    long best = -1;
    for (JsonNode pnic : network.path("Pnic")) {
      if (!pnicKeys.contains(pnic.path("Key").asText())) continue;
      long speed = pnic.at("/LinkSpeed/SpeedMb").asLong(-1);
      best = Math.max(best, speed);
    }
    return best > 0 ? best : null;
  }

  private void vm(JsonNode v, ImportedInventory inv, Names names) {
    String name = first(text(v.path("Name")), text(v.at("/Config/Name")), text(v.at("/Summary/Config/Name")));
    if (name == null) {
      inv.warnings().add("VirtualMachine without a name skipped", Names.ref(v.path("Self")));
      return;
    }
    VmDraft d = inv.addVm(name);
    JsonNode hostRef = v.at("/Runtime/Host");
    if (!hostRef.isObject()) hostRef = v.at("/Summary/Runtime/Host");
    if (hostRef.isObject()) d.host = names.name(hostRef);
    String power = first(text(v.at("/Runtime/PowerState")), text(v.at("/Summary/Runtime/PowerState")));
    if (power != null && List.of("poweredOn", "poweredOff", "suspended").contains(power)) d.powerState = power;
    String version = text(v.at("/Config/Version"));
    if (version != null && version.matches("vmx-\\d+")) d.hardwareVersion = Integer.parseInt(version.substring(4));
    d.guestOs = first(text(v.at("/Config/GuestId")), text(v.at("/Summary/Config/GuestId")), text(v.at("/Guest/GuestId")));
    d.vcpus = positive(first(v.at("/Config/Hardware/NumCPU"), v.at("/Summary/Config/NumCpu")));
    JsonNode mem = first(v.at("/Config/Hardware/MemoryMB"), v.at("/Summary/Config/MemorySizeMB"));
    if (mem.canConvertToLong() && mem.asLong() >= 0) d.memoryMb = mem.asLong();
    d.cpuReservationMhz = Math.max(0, first(v.at("/Config/CpuAllocation/Reservation"), v.at("/Summary/Config/CpuReservation")).asLong(0));
    d.memoryReservationMb = Math.max(0, first(v.at("/Config/MemoryAllocation/Reservation"), v.at("/Summary/Config/MemoryReservation")).asLong(0));

    for (JsonNode ds : v.path("Datastore")) d.datastores.add(names.name(ds));
    addPath(d, text(v.at("/Config/Files/VmPathName")));
    for (JsonNode dev : v.at("/Config/Hardware/Device")) {
      JsonNode backing = dev.path("Backing");
      addPath(d, text(backing.path("FileName")));
      if (!dev.has("MacAddress")) continue;
      String pg = text(backing.path("DeviceName"));
      if (text(backing.at("/Port/PortgroupKey")) != null) pg = names.portGroupByKey(backing.at("/Port/PortgroupKey").asText());
      else if (backing.path("Network").isObject()) pg = names.name(backing.path("Network"));
      if (pg != null) d.nics.add(new VmDraft.Nic(pg, text(dev.path("MacAddress"))));
    }
    String minEvc = text(v.at("/Runtime/MinRequiredEVCModeKey"));
    if (minEvc != null) {
      String key = evc.normalize(minEvc);
      if (key != null) d.cpuFeatures = new TreeSet<>(evc.features().get(key));
      else inv.warnings().add("min required EVC mode \"" + minEvc + "\" unknown to rules/data/evc-baselines.json; the VM is taken to use its host's features", d.name);
    }
  }

  private static void addPath(VmDraft d, String path) {
    if (path == null) return;
    Matcher m = DATASTORE_PATH.matcher(path.trim());
    if (m.find() && !m.group(1).isBlank()) d.datastores.add(m.group(1).trim());
  }

  static String text(JsonNode n) {
    if (n == null || n.isMissingNode() || n.isNull()) return null;
    String s = n.asText().trim();
    return s.isEmpty() ? null : s;
  }

  private static Integer positive(JsonNode n) {
    return n.canConvertToInt() && n.asInt() > 0 ? n.asInt() : null;
  }

  @SafeVarargs
  private static <T> T first(T... values) {
    for (T v : values) {
      if (v == null) continue;
      if (v instanceof JsonNode n && (n.isMissingNode() || n.isNull())) continue;
      return v;
    }
    return values[values.length - 1];
  }
}

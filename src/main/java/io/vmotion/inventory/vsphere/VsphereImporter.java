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
 * Network, DistributedVirtualPortgroup, ClusterComputeResource, LicenseManager,
 * LicenseAssignmentManager) as govmomi's Go types serialize them, with Go field names ("Self",
 * "Summary", "Config", ...; newer govc's camelCase names are rewritten to those), and license
 * assignments as {@code govc license.assigned.ls -json} prints them. Two layouts are read: an object
 * whose arrays "hosts", "vms", "clusters", "datastores", "networks" hold the objects (as the vcsim
 * sample does), or one array of objects told apart by their Self.Type (nested arrays, as
 * {@code jq -s} makes of commands that print arrays, are read too).
 *
 * <p>Every fact the dump does not give is marked unknown in the draft, with the gap (the missing
 * object or property) as its cause in the inventory's unknownCauses.
 */
public final class VsphereImporter {

  private static final Pattern DATASTORE_PATH = Pattern.compile("^\\[([^\\]]+)\\]");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** MHz given to a host the dump lacks; unknown, so no rule checks it (ImportedInventory's default too). */
  private static final int MISSING_HOST_MHZ = 2000;

  private static final String FIX_HOST = "dump the HostSystem with all its properties: govc object.collect -o -json HostSystem:<id>";
  static final String FIX_HOST_PUBLIC = FIX_HOST;
  private static final String FIX_CPU = "dump the HostSystem with Hardware.CpuFeature, Config.FeatureCapability and Summary.MaxEVCModeKey "
      + "(a real ESXi host has all three; vcsim has no leaf 7 and no feature capability), or list the host's cpu.features by hand";
  private static final String FIX_VM = "dump the VirtualMachine with all its properties: govc object.collect -o -json VirtualMachine:<id>";
  static final Gap HOST_MISSING = new Gap("the host is not among the dump's HostSystem objects, but VMs run on it: nothing of it is known "
      + "(its datastores and port groups are taken from the VMs of its cluster)", FIX_HOST);
  static final Gap NO_VERSION = new Gap("the HostSystem has no Summary.Config.Product or Config.Product version", FIX_HOST);
  static final Gap NO_MEMORY = new Gap("the HostSystem has no Hardware.MemorySize or Summary.Hardware.MemorySize", FIX_HOST);
  static final Gap NO_CPU_SIZE = new Gap("the HostSystem has no Hardware.CpuInfo or Summary.Hardware (cores, threads, MHz)", FIX_HOST);
  static final Gap NO_CPU_VENDOR = new Gap("the HostSystem has no CPUID leaf 0, Hardware.CpuPkg vendor, feature capability or known CPU model", FIX_HOST);
  static final Gap NO_CPU_MODEL = new Gap("the HostSystem has no CPUID leaf 1 in Hardware.CpuFeature and its CPU model is not in the CPU model table", FIX_HOST);
  static final Gap NO_LEAF_7 = new Gap("the HostSystem's Hardware.CpuFeature has no CPUID leaf 7 and it has no Config.FeatureCapability: "
      + "AVX2, AVX-512 and later features cannot be seen (the features listed are a lower bound)", FIX_CPU);
  static final Gap NO_LEAF_D = new Gap("the HostSystem has neither Summary.MaxEVCModeKey nor Config.FeatureCapability: CPUID leaf 0Dh "
      + "features (xsaveopt, xsavec, xsaves) cannot be seen (the features listed are a lower bound)", FIX_CPU);
  static final Gap NO_LEAF_1 = new Gap("the HostSystem has Config.FeatureCapability but neither CPUID leaf 1 nor a max EVC mode: "
      + "the base x86 features (sse2, cmov, ...) cannot be seen (the features listed are a lower bound)", FIX_CPU);
  static final Gap NO_BASE_LEAVES = new Gap("the HostSystem's Hardware.CpuFeature lacks CPUID leaf 1 or 8000_0001h and it has no "
      + "Config.FeatureCapability (the features listed are a lower bound)", FIX_CPU);
  static final Gap FEATURES_FROM_EVC = new Gap("the HostSystem has no Hardware.CpuFeature (CPUID) or Config.FeatureCapability: its CPU "
      + "features are those of its max EVC mode, a lower bound", FIX_CPU);
  static final Gap FEATURES_FROM_MODEL = new Gap("the HostSystem has no CPUID, Config.FeatureCapability or Summary.MaxEVCModeKey: its CPU "
      + "features are those of its CPU model's generation (cpu-models.json), a lower bound", FIX_CPU);
  static final Gap NO_FEATURES = new Gap("the HostSystem has no CPUID, Config.FeatureCapability, Summary.MaxEVCModeKey or known CPU model", FIX_CPU);
  static final Gap NO_HOST_CONFIG = new Gap("the HostSystem has no Config.VirtualNicManagerInfo or Config.Vmotion: its vMotion adapters are unknown", FIX_HOST);
  static final Gap NO_HOST_DATASTORES = new Gap("the HostSystem has no Datastore property and no Datastore object lists it among its mounts", FIX_HOST);
  static final Gap NO_HOST_NETWORKS = new Gap("the HostSystem has no Network or Config.Network property and no network object lists it", FIX_HOST);
  static final Gap NO_HOST_EVC = new Gap("the HostSystem has no Summary (CurrentEVCModeKey) and no cluster of the dump says its EVC mode", FIX_HOST);
  static final Gap MISSING_HOST_EVC = new Gap("the host is not among the dump's HostSystem objects and no cluster of the dump lists it: "
      + "its EVC mode is unknown", FIX_HOST);
  static final Gap VM_NO_DATASTORES = new Gap("the VirtualMachine has no Datastore references, Config.Files.VmPathName or disk backing "
      + "naming a datastore", FIX_VM);
  static final Gap VM_NO_DEVICES = new Gap("the VirtualMachine has no Config.Hardware.Device: its network adapters are unknown", FIX_VM);
  static final Gap VM_NO_POWER = new Gap("the VirtualMachine has no Runtime.PowerState", FIX_VM);
  static final Gap VM_NO_HW_VERSION = new Gap("the VirtualMachine has no Config.Version (vmx-N)", FIX_VM);
  static final Gap VM_NO_GUEST = new Gap("the VirtualMachine has no Config.GuestId, Summary.Config.GuestId or Guest.GuestId", FIX_VM);
  static final Gap VM_NO_VCPUS = new Gap("the VirtualMachine has no Config.Hardware.NumCPU or Summary.Config.NumCpu", FIX_VM);
  static final Gap VM_NO_MEMORY = new Gap("the VirtualMachine has no Config.Hardware.MemoryMB or Summary.Config.MemorySizeMB", FIX_VM);

  private final EvcCatalog evc;
  /** Flags that some EVC baseline lists: the guest-visible ones vMotion compatibility depends on. */
  private final Set<String> guestVisible = new HashSet<>();
  /**
   * The same per vendor. A VM's requirement keeps only its vendor's flags: an Intel VM's
   * FeatureRequirement lists rdtscp, which only AMD baselines name, so under an Intel EVC mode it
   * would be missing from every target.
   */
  private final Map<String, Set<String>> vendorVisible = new HashMap<>();

  public VsphereImporter(EvcCatalog evc) {
    this.evc = evc;
    evc.features().values().forEach(guestVisible::addAll);
    evc.vendors().forEach((key, vendor) -> vendorVisible.computeIfAbsent(vendor, v -> new HashSet<>()).addAll(evc.features().get(key)));
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
    Objects objects = Objects.of(GoFieldNames.normalize(root));
    if (objects.hosts.isEmpty() && objects.vms.isEmpty()) {
      String hint = objects.unknownTypes.contains("(ObjectContent)")
          ? "; this is property-collector output (Obj/PropSet): dump whole objects with 'govc object.collect -o -json MOID'" : "";
      throw InvalidInputException.of(file, "no HostSystem or VirtualMachine objects found; expected a dump with "
          + "\"hosts\" and \"vms\" arrays of govmomi objects, or one array of them (see docs/importing.md)" + hint);
    }
    Warnings warnings = new Warnings(file);
    ImportedInventory inv = new ImportedInventory(warnings, evc, "the dump's hosts");
    Map<JsonNode, VmDraft> drafts = new java.util.IdentityHashMap<>();
    Map<String, String> vmNameByRef = new HashMap<>();
    Map<String, String> hostNameByRef = new HashMap<>();
    Names names = new Names(objects, warnings);
    for (JsonNode h : objects.hosts) {
      host(h, inv, names, objects.licensing);
      String hn = first(text(h.path("Name")), text(h.at("/Summary/Config/Name")));
      if (hn != null) hostNameByRef.put(Names.ref(h.path("Self")), hn);
    }
    int templates = 0;
    int placeholders = 0;
    Requirements requirements = new Requirements();
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
      VmDraft d = vm(v, inv, names, requirements);
      if (d != null) {
        drafts.put(v, d);
        vmNameByRef.put(Names.ref(v.path("Self")), d.name);
      }
    }
    VsphereParity.ft(objects.vms, drafts, names, inv);
    if (templates > 0) warnings.add(templates + " template(s) skipped: templates cannot be powered on or vMotioned");
    if (placeholders > 0) warnings.add(placeholders + " SRM placeholder VM(s) skipped: they are not running VMs");
    if (!requirements.unknownKeys.isEmpty()) {
      String message = "Runtime.FeatureRequirement keys with no CPU flag known to vmotion, not checked: " + String.join(", ", requirements.unknownKeys);
      requirements.unknownKeyVms.forEach(vm -> warnings.add(message, vm));
    }
    if (!objects.unknownTypes.isEmpty()) warnings.add("objects of other types ignored: " + String.join(", ", new TreeSet<>(objects.unknownTypes)));
    missingHosts(inv, names, objects.licensing);
    VsphereParity.clusters(objects.clusters, vmNameByRef, hostNameByRef, inv);
    VsphereParity.vcenter(objects.settings, inv);
    return inv.build();
  }

  /** Runtime.FeatureRequirement keys no table maps, and the VMs that have them, for one warning. */
  private static final class Requirements {
    final Set<String> unknownKeys = new TreeSet<>();
    final Set<String> unknownKeyVms = new java.util.LinkedHashSet<>();
  }

  /** The dump's objects by kind, and every object by its reference "Type:Value". */
  record Objects(List<JsonNode> hosts, List<JsonNode> vms, Map<String, JsonNode> byRef, List<JsonNode> clusters,
                 Set<String> unknownTypes, Licensing licensing, List<JsonNode> settings) {

    static Objects of(JsonNode root) {
      Objects o = new Objects(new ArrayList<>(), new ArrayList<>(), new HashMap<>(), new ArrayList<>(), new HashSet<>(), new Licensing(),
          new ArrayList<>());
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
      // 'jq -s' of commands that print arrays (govc license.assigned.ls -json) nests them.
      if (obj.isArray()) {
        obj.forEach(this::add);
        return;
      }
      if (!obj.isObject()) return;
      String type = obj.at("/Self/Type").asText("");
      String value = obj.at("/Self/Value").asText("");
      if (!type.isEmpty()) byRef.put(type + ":" + value, obj);
      switch (type) {
        case "HostSystem" -> hosts.add(obj);
        case "VirtualMachine" -> vms.add(obj);
        case "ClusterComputeResource" -> clusters.add(obj);
        case "LicenseManager" -> licensing.manager(obj);
        case "LicenseAssignmentManager" -> licensing.assignmentManager(obj);
        case "OptionManager" -> settings.add(obj);
        case "Datastore", "Network", "DistributedVirtualPortgroup", "OpaqueNetwork", "ComputeResource" -> { }
        case "" -> {
          // An option value as govc option.ls -json prints it: vCenter's advanced settings.
          if (obj.has("Key") && obj.has("Value") && obj.size() <= 3) settings.add(obj);
          else if (Licensing.isAssignment(obj)) licensing.assignment(obj);
          else if (Licensing.isLicenseInfo(obj)) licensing.license(obj);
          // A QueryAssignedLicensesResponse kept whole.
          else if (obj.path("Returnval").isArray() && !obj.path("Returnval").isEmpty() && Licensing.isAssignment(obj.path("Returnval").get(0))) {
            obj.path("Returnval").forEach(this::add);
          } else unknownTypes.add(obj.has("Obj") && obj.has("PropSet") ? "(ObjectContent)" : "(no Self.Type)");
        }
        default -> unknownTypes.add(type);
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

    /** Whether the dump has the named cluster with its Summary, which says its EVC mode (none when unset). */
    boolean clusterEvcKnown(String clusterName) {
      for (JsonNode c : objects.clusters) {
        if (clusterName != null && clusterName.equals(c.path("Name").asText()) && c.path("Summary").isObject()) return true;
      }
      return false;
    }

    /** The cluster whose Host list names this host reference ("HostSystem:host-21"), or null. */
    String clusterListing(String hostRef) {
      return clusterOfHost.get(hostRef);
    }

    static String ref(JsonNode ref) {
      return ref.path("Type").asText() + ":" + ref.path("Value").asText();
    }
  }

  private void host(JsonNode h, ImportedInventory inv, Names names, Licensing licensing) {
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
    if (d.version == null) NO_VERSION.host(inv, d, "version");
    String state = first(text(h.at("/Runtime/ConnectionState")), text(h.at("/Summary/Runtime/ConnectionState")));
    if (state != null) d.state = switch (state) {
      case "disconnected" -> "disconnected";
      case "notResponding" -> "notResponding";
      default -> "connected";
    };
    JsonNode mm = h.at("/Runtime/InMaintenanceMode");
    if (mm.isBoolean()) d.maintenanceMode = mm.asBoolean();
    else d.maintenanceMode = h.at("/Summary/Runtime/InMaintenanceMode").asBoolean(false);

    license(d, h.at("/Self/Value").asText(null), inv, licensing);
    cpu(h, d, inv);
    String current = first(text(h.at("/Summary/CurrentEVCModeKey")), names.clusterEvc(d.cluster));
    if (current != null) d.evcMode = evc.normalize(current) != null ? evc.normalize(current) : current;
    else if (!h.path("Summary").isObject() && !names.clusterEvcKnown(d.cluster)) NO_HOST_EVC.host(inv, d, "evcMode");

    long bytes = first(h.at("/Hardware/MemorySize"), h.at("/Summary/Hardware/MemorySize")).asLong(-1);
    if (bytes > 0) d.memoryMb = bytes / (1024 * 1024);
    else NO_MEMORY.host(inv, d, "memoryMb");
    vmotionNics(h, d, inv, names);
    if (d.vmotionNics == null) NO_HOST_CONFIG.host(inv, d, "vmotionNics");
    VsphereParity.gpuProfiles(h, d, inv);

    for (JsonNode ds : h.path("Datastore")) d.datastores.add(names.name(ds));
    String self = Names.ref(h.path("Self"));
    d.datastores.addAll(names.mountedOn.getOrDefault(self, Set.of()));
    // A null Datastore list is Go's empty list: a fact. Only a dump without the property leaves it open.
    if (d.datastores.isEmpty() && !h.has("Datastore")) NO_HOST_DATASTORES.host(inv, d, "datastores");
    d.portGroups.addAll(names.networksOn.getOrDefault(self, Set.of()));
    for (JsonNode net : h.path("Network")) d.portGroups.add(names.name(net));
    for (JsonNode pg : h.at("/Config/Network/Portgroup")) {
      String pgName = text(pg.at("/Spec/Name"));
      if (pgName != null) d.portGroups.add(pgName);
    }
    if (d.portGroups.isEmpty() && !h.has("Network") && !h.at("/Config/Network").isObject()) NO_HOST_NETWORKS.host(inv, d, "portGroups");
  }

  /** The host's license from the dump's license objects, else unknown with the gap. */
  private static void license(HostDraft d, String id, ImportedInventory inv, Licensing licensing) {
    Licensing.Resolution r = licensing.resolve(id, d.name);
    if (r.edition() != null) {
      d.license = r.edition();
      if (r.warning() != null) inv.warnings().add(r.warning(), d.name);
    } else {
      r.gap().host(inv, d, "license");
    }
  }

  private void cpu(JsonNode h, HostDraft d, ImportedInventory inv) {
    JsonNode hw = h.path("Hardware");
    d.cores = positive(first(hw.at("/CpuInfo/NumCpuCores"), h.at("/Summary/Hardware/NumCpuCores")));
    d.threads = positive(first(hw.at("/CpuInfo/NumCpuThreads"), h.at("/Summary/Hardware/NumCpuThreads")));
    Integer mhz = positive(h.at("/Summary/Hardware/CpuMhz"));
    if (mhz == null && hw.at("/CpuInfo/Hz").asLong(0) > 0) mhz = (int) (hw.at("/CpuInfo/Hz").asLong() / 1_000_000);
    d.mhz = mhz;
    if (d.cores == null) NO_CPU_SIZE.host(inv, d, "cpu.cores");
    if (d.threads == null) NO_CPU_SIZE.host(inv, d, "cpu.threads");
    if (d.mhz == null) NO_CPU_SIZE.host(inv, d, "cpu.mhz");
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
    // Config.FeatureCapability: the features the host offers VMs, under vSphere's names.
    Set<String> capability = new TreeSet<>();
    String capabilityVendor = null;
    Set<String> unknownCapabilities = new TreeSet<>();
    for (JsonNode c : h.at("/Config/FeatureCapability")) {
      String key = first(text(c.path("Key")), text(c.path("FeatureName")));
      if (!FeatureNames.capable(text(c.path("Value")))) continue;
      FeatureNames.Meaning m = FeatureNames.meaning(key);
      switch (m.kind()) {
        case FLAG -> capability.add(m.value());
        case VENDOR -> capabilityVendor = m.value();
        case IGNORED -> { }
        case UNKNOWN -> {
          // Hosts list many keys of other kinds (hv.*, vpmc.*, misc.*); only unknown CPUID ones are news.
          if (key != null && key.toLowerCase(Locale.ROOT).startsWith("cpuid.")) unknownCapabilities.add(key);
        }
      }
    }
    if (!unknownCapabilities.isEmpty()) {
      inv.warnings().add("Config.FeatureCapability keys with no CPU flag known to vmotion, ignored: " + String.join(", ", unknownCapabilities), d.name);
    }
    boolean hasCapability = !capability.isEmpty();
    String cpuModel = first(text(h.at("/Summary/Hardware/CpuModel")), text(hw.at("/CpuPkg/0/Description")));
    if ((vendor == null || !(vendor.equals("intel") || vendor.equals("amd"))) && capabilityVendor != null) vendor = capabilityVendor;
    if (vendor == null || !(vendor.equals("intel") || vendor.equals("amd"))) vendor = CpuModels.vendor(cpuModel);
    d.vendor = vendor;
    if (d.vendor == null) NO_CPU_VENDOR.host(inv, d, "cpu.vendor");

    String maxKey = text(h.at("/Summary/MaxEVCModeKey"));
    String maxEvc = evc.normalize(maxKey);
    if (maxKey != null && maxEvc == null) {
      inv.warnings().add("max EVC mode \"" + maxKey + "\" unknown to rules/data/evc-baselines.json; ignored", d.name);
    }
    d.maxEvcMode = maxEvc;
    boolean has1 = leaves.stream().anyMatch(l -> l.level() == CpuId.LEAF_1);
    boolean has7 = leaves.stream().anyMatch(l -> l.level() == CpuId.LEAF_7);
    boolean hasExt1 = leaves.stream().anyMatch(l -> l.level() == CpuId.LEAF_EXT_1);
    if (!leaves.isEmpty() || hasCapability) {
      Set<String> decoded = new TreeSet<>(CpuId.features(leaves));
      decoded.addAll(capability);
      decoded.retainAll(guestVisible);
      // The host can run its max EVC mode, so it has every feature of that baseline, including
      // those of CPUID leaves HostCpuIdInfo does not carry (leaf 0DH: xsaveopt, xsavec, xsaves).
      if (maxEvc != null) decoded.addAll(evc.features().get(maxEvc));
      d.features = decoded;
      // Complete when the CPUID leaves and the max EVC mode (for leaf 0DH) cover every listed flag,
      // or when the feature capability (all but the base x86 flags) has leaf 1 or the EVC mode beside it.
      if (hasCapability) {
        if (!has1 && maxEvc == null) NO_LEAF_1.host(inv, d, "cpu.features");
      } else if (!has7) {
        inv.warnings().add("CPUID leaf 7 not in Hardware.CpuFeature; AVX2, AVX-512 and later features cannot be seen", d.name);
        NO_LEAF_7.host(inv, d, "cpu.features");
      } else if (maxEvc == null) {
        NO_LEAF_D.host(inv, d, "cpu.features");
      } else if (!has1 || !hasExt1) {
        NO_BASE_LEAVES.host(inv, d, "cpu.features");
      }
    } else if (maxEvc != null) {
      d.features = new TreeSet<>(evc.features().get(maxEvc));
      inv.warnings().add("no CPUID in Hardware.CpuFeature; CPU features taken from the max EVC mode", d.name);
      FEATURES_FROM_EVC.host(inv, d, "cpu.features");
    } else {
      CpuModels.builtin().find(cpuModel).ifPresent(g -> {
        d.features = new TreeSet<>(evc.features().getOrDefault(g.evc(), Set.of()));
        if (d.family == null) d.family = g.family();
        if (d.model == null) d.model = g.model();
        inv.warnings().add("no CPUID and no max EVC mode; CPU features from the CPU model table (" + g.name() + ")", d.name);
      });
      if (d.features != null) FEATURES_FROM_MODEL.host(inv, d, "cpu.features");
      // Nothing to go on: the import fills the CPU in from a peer and marks all of it unknown.
      else NO_FEATURES.host(inv, d, "cpu");
    }
    if (d.family == null || d.model == null) {
      // Without CPUID leaf 1, the CPU model's generation gives family and model (as for RVTools).
      CpuModels.builtin().find(cpuModel).ifPresent(g -> {
        if (d.family == null) d.family = g.family();
        if (d.model == null) d.model = g.model();
      });
    }
    if (d.family == null || d.model == null) NO_CPU_MODEL.host(inv, d, "cpu.model");
  }

  private void vmotionNics(JsonNode h, HostDraft d, ImportedInventory inv, Names names) {
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
      Link link = uplinkLink(network, device, spec);
      if (speed == null) {
        inv.warnings().add("vMotion adapter's uplink speed not resolvable; assumed 1000 Mbit/s", d.name + " " + device);
        speed = 1000L;
      }
      String portGroup = text(spec.path("Portgroup"));
      for (JsonNode v : network.path("Vnic")) {
        if (device.equals(v.path("Device").asText()) && portGroup == null) portGroup = text(v.path("Portgroup"));
      }
      String dvPortGroup = text(spec.at("/DistributedVirtualPort/PortgroupKey"));
      if (portGroup == null && dvPortGroup != null) portGroup = names.portGroupByKey(dvPortGroup);
      nics.put(device, new HostDraft.NicDraft(device, speed, mtu, link == null ? null : link.duplex(), link == null ? null : link.up(), portGroup));
    }
    d.vmotionNics = new ArrayList<>(nics.values());
  }

  /** The link of the physical NICs behind a VMkernel adapter: up when one of them has a link (PhysicalNic.LinkSpeed set), its duplex that of the fastest such. */
  record Link(boolean up, String duplex) {}

  private static Link uplinkLink(JsonNode network, String device, JsonNode spec) {
    List<String> keys = uplinkKeys(network, device, spec);
    if (keys.isEmpty()) return null;
    long best = -1;
    String duplex = "full";
    boolean up = false;
    for (JsonNode pnic : network.path("Pnic")) {
      if (!keys.contains(pnic.path("Key").asText())) continue;
      JsonNode ls = pnic.path("LinkSpeed");
      if (!ls.isObject()) continue;
      up = true;
      if (ls.path("SpeedMb").asLong(0) > best) {
        best = ls.path("SpeedMb").asLong(0);
        duplex = ls.path("Duplex").asBoolean(true) ? "full" : "half";
      }
    }
    return new Link(up, duplex);
  }

  private static List<String> uplinkKeys(JsonNode network, String device, JsonNode spec) {
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
    return pnicKeys;
  }

  /**
   * The fastest physical NIC behind a VMkernel adapter: its standard port group's vSwitch, or its
   * distributed switch's proxy switch on the host. null when the links cannot be followed.
   */
  private static Long uplinkSpeed(JsonNode network, String device, JsonNode spec) {
    List<String> pnicKeys = uplinkKeys(network, device, spec);
    long best = -1;
    for (JsonNode pnic : network.path("Pnic")) {
      if (!pnicKeys.contains(pnic.path("Key").asText())) continue;
      long speed = pnic.at("/LinkSpeed/SpeedMb").asLong(-1);
      best = Math.max(best, speed);
    }
    return best > 0 ? best : null;
  }

  private VmDraft vm(JsonNode v, ImportedInventory inv, Names names, Requirements requirements) {
    String name = first(text(v.path("Name")), text(v.at("/Config/Name")), text(v.at("/Summary/Config/Name")));
    if (name == null) {
      inv.warnings().add("VirtualMachine without a name skipped", Names.ref(v.path("Self")));
      return null;
    }
    VmDraft d = inv.addVm(name);
    JsonNode hostRef = v.at("/Runtime/Host");
    if (!hostRef.isObject()) hostRef = v.at("/Summary/Runtime/Host");
    if (hostRef.isObject()) d.host = names.name(hostRef);
    String power = first(text(v.at("/Runtime/PowerState")), text(v.at("/Summary/Runtime/PowerState")));
    if (power != null && List.of("poweredOn", "poweredOff", "suspended").contains(power)) d.powerState = power;
    else VM_NO_POWER.vm(inv, d, "powerState");
    String version = text(v.at("/Config/Version"));
    if (version != null && version.matches("vmx-\\d+")) d.hardwareVersion = Integer.parseInt(version.substring(4));
    if (d.hardwareVersion == null || d.hardwareVersion < 3 || d.hardwareVersion > 99) VM_NO_HW_VERSION.vm(inv, d, "hardwareVersion");
    d.guestOs = first(text(v.at("/Config/GuestId")), text(v.at("/Summary/Config/GuestId")), text(v.at("/Guest/GuestId")));
    if (d.guestOs == null) VM_NO_GUEST.vm(inv, d, "guestOs");
    d.vcpus = positive(first(v.at("/Config/Hardware/NumCPU"), v.at("/Summary/Config/NumCpu")));
    if (d.vcpus == null) VM_NO_VCPUS.vm(inv, d, "vcpus");
    JsonNode mem = first(v.at("/Config/Hardware/MemoryMB"), v.at("/Summary/Config/MemorySizeMB"));
    if (mem.canConvertToLong() && mem.asLong() >= 0) d.memoryMb = mem.asLong();
    else VM_NO_MEMORY.vm(inv, d, "memoryMb");
    d.cpuReservationMhz = Math.max(0, first(v.at("/Config/CpuAllocation/Reservation"), v.at("/Summary/Config/CpuReservation")).asLong(0));
    d.memoryReservationMb = Math.max(0, first(v.at("/Config/MemoryAllocation/Reservation"), v.at("/Summary/Config/MemoryReservation")).asLong(0));
    d.activeMemoryMb = activeMemory(v, d);

    for (JsonNode ds : v.path("Datastore")) d.datastores.add(names.name(ds));
    addPath(d, text(v.at("/Config/Files/VmPathName")));
    addPath(d, text(v.at("/Summary/Config/VmPathName")));
    JsonNode devices = v.at("/Config/Hardware/Device");
    for (JsonNode dev : devices) {
      JsonNode backing = dev.path("Backing");
      // An image or port file is not where the VM's disks live: devices.image-not-on-target and devices.file-backed-port judge those.
      String kind = VsphereParity.kind(dev);
      boolean removable = kind != null && List.of("cdrom", "floppy", "serial", "parallel").contains(kind);
      if (!removable) addPath(d, text(backing.path("FileName")));
      if (!dev.has("MacAddress")) continue;
      String pg = text(backing.path("DeviceName"));
      if (text(backing.at("/Port/PortgroupKey")) != null) pg = names.portGroupByKey(backing.at("/Port/PortgroupKey").asText());
      else if (backing.path("Network").isObject()) pg = names.name(backing.path("Network"));
      if (pg != null) d.nics.add(new VmDraft.Nic(pg, text(dev.path("MacAddress"))));
    }
    // Every VM lives on a datastore (its .vmx at least): none found means none could be read.
    if (d.datastores.isEmpty()) VM_NO_DATASTORES.vm(inv, d, "datastores");
    if (!devices.isArray()) VM_NO_DEVICES.vm(inv, d, "nics");
    cpuRequirement(v, d, inv, requirements);
    VsphereParity.vm(v, d, inv);
    return d;
  }

  /**
   * Memory the guest touched recently, for the duration estimate: QuickStats.ActiveMemory (vSphere API
   * 7.0.3 and later), else GuestMemoryUsage, which the API calls "active guest memory". Both are valid
   * only while the VM runs, and a zero is how an unsampled VM (or the simulator) reports them, so zero
   * is taken as not reported rather than as an idle guest.
   */
  private static Long activeMemory(JsonNode v, VmDraft d) {
    if (!"poweredOn".equals(d.powerState)) return null;
    JsonNode stats = v.at("/Summary/QuickStats");
    for (String field : List.of("ActiveMemory", "GuestMemoryUsage")) {
      JsonNode n = stats.path(field);
      if (n.canConvertToLong() && n.asLong() > 0) return n.asLong();
    }
    return null;
  }

  /**
   * The VM's own CPU requirement: Runtime.FeatureRequirement decoded to Linux flags (cpuFeatures),
   * Runtime.MinRequiredEVCModeKey (minRequiredEvcMode), and the vendor that either implies.
   */
  private void cpuRequirement(JsonNode v, VmDraft d, ImportedInventory inv, Requirements requirements) {
    String minEvc = first(text(v.at("/Runtime/MinRequiredEVCModeKey")), text(v.at("/Summary/Runtime/MinRequiredEVCModeKey")));
    if (minEvc != null) {
      String key = evc.normalize(minEvc);
      if (key != null) {
        d.minRequiredEvcMode = key;
        d.cpuVendor = evc.vendors().get(key);
      } else {
        inv.warnings().add("min required EVC mode \"" + minEvc + "\" unknown to rules/data/evc-baselines.json; ignored", d.name);
      }
    }
    JsonNode required = v.at("/Runtime/FeatureRequirement");
    if (!required.isArray() || required.isEmpty()) required = v.at("/Summary/Runtime/FeatureRequirement");
    Set<String> flags = new TreeSet<>();
    String vendor = null;
    for (JsonNode r : required) {
      String key = first(text(r.path("Key")), text(r.path("FeatureName")));
      if (key == null || !FeatureNames.required(text(r.path("Value")))) continue;
      FeatureNames.Meaning m = FeatureNames.meaning(key);
      switch (m.kind()) {
        // Flags no EVC baseline lists (pcid, ss, speculation controls) are not among any host's
        // features either (see cpu()): requiring them would fail every move.
        case FLAG -> { if (guestVisible.contains(m.value())) flags.add(m.value()); }
        case VENDOR -> vendor = m.value();
        case IGNORED -> { }
        case UNKNOWN -> {
          requirements.unknownKeys.add(key);
          requirements.unknownKeyVms.add(d.name);
        }
      }
    }
    String flagVendor = vendor != null ? vendor : d.cpuVendor != null ? d.cpuVendor
        : inv.existingHost(d.host == null ? "" : d.host).map(h -> h.vendor).orElse(null);
    if (flagVendor != null && vendorVisible.containsKey(flagVendor)) flags.retainAll(vendorVisible.get(flagVendor));
    if (!flags.isEmpty()) d.cpuFeatures = flags;
    if (vendor != null) {
      if (d.cpuVendor != null && !d.cpuVendor.equals(vendor)) {
        inv.warnings().add("Runtime.FeatureRequirement names CPU vendor " + vendor + " but the min required EVC mode " + d.minRequiredEvcMode
            + " is " + d.cpuVendor + "; the requirement's vendor is used", d.name);
      }
      d.cpuVendor = vendor;
    }
  }

  /**
   * Hosts VMs run on that the dump lacks: added with what the dump does say of them (the cluster
   * that lists them, its EVC mode, a license assignment, datastores and networks that list them),
   * and everything else unknown, with no other host's CPU, memory or version copied onto them.
   */
  private void missingHosts(ImportedInventory inv, Names names, Licensing licensing) {
    inv.addMissingHosts();
    for (HostDraft h : inv.hosts()) {
      if (h.listed) continue;
      // An unresolved reference is named by its id ("host-21").
      String ref = "HostSystem:" + h.name;
      String cluster = names.clusterListing(ref);
      if (cluster != null) h.cluster = cluster;
      if (h.cluster != null && names.clusterEvcKnown(h.cluster)) {
        String current = names.clusterEvc(h.cluster);
        if (current != null) h.evcMode = evc.normalize(current) != null ? evc.normalize(current) : current;
      } else {
        MISSING_HOST_EVC.host(inv, h, "evcMode");
      }
      Licensing.Resolution license = licensing.resolve(h.name, h.name);
      // Only an assignment to this very host says its license; a guess from the others does not.
      if (license.edition() != null && license.warning() == null) h.license = license.edition();
      else HOST_MISSING.host(inv, h, "license");
      HOST_MISSING.host(inv, h, "version");
      HOST_MISSING.host(inv, h, "cpu");
      HOST_MISSING.host(inv, h, "memoryMb");
      HOST_MISSING.host(inv, h, "vmotionNics");
      HOST_MISSING.host(inv, h, "gpuProfiles");
      h.datastores.addAll(names.mountedOn.getOrDefault(ref, Set.of()));
      h.portGroups.addAll(names.networksOn.getOrDefault(ref, Set.of()));
      // The import gives these the datastores and port groups its cluster's VMs use.
      if (h.datastores.isEmpty()) HOST_MISSING.host(inv, h, "datastores");
      if (h.portGroups.isEmpty()) HOST_MISSING.host(inv, h, "portGroups");
      // Filled here, so that the import does not copy a peer's: unknown all the same.
      h.features = new TreeSet<>();
      int vcpus = 1;
      long memory = 0;
      for (VmDraft v : inv.vms()) {
        if (!h.name.equals(v.host)) continue;
        if (v.vcpus != null) vcpus = Math.max(vcpus, v.vcpus);
        if (v.memoryMb != null) memory += v.memoryMb;
      }
      h.cores = vcpus;
      h.threads = vcpus;
      h.mhz = MISSING_HOST_MHZ;
      h.memoryMb = Math.max(memory, 1024);
      inv.warnings().add("host not in the dump: its CPU, memory, version, license and vMotion adapters are unknown "
          + "(enough threads and memory for its VMs, no CPU features; nothing copied from other hosts)", h.name);
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

package io.vmotion.inventory.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Collects the hosts and VMs an import found and writes them as inventory format v1 (the field
 * names of io.vmotion.inventory.InventoryReader), filling every required field the source lacked.
 *
 * <p>Defaults are chosen so that an unknown fact does not invent a blocker on every move (which
 * would bury the real ones), and each default is named in a warning so the user knows which checks
 * rest on a guess. They are listed in docs/importing.md.
 */
public final class ImportedInventory {

  static final String DEFAULT_VERSION = "6.7.0";
  static final String DEFAULT_LICENSE = "evaluation";
  static final int DEFAULT_MHZ = 2000;
  static final long DEFAULT_VMOTION_MBPS = 1000;
  static final int DEFAULT_HARDWARE_VERSION = 13;
  static final String DEFAULT_GUEST = "otherGuest";
  private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final Pattern VERSION = Pattern.compile("\\d{1,2}\\.\\d{1,2}(\\.\\d{1,2})?");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Gaps of the export, by cause: which fields of which hosts and VMs each leaves unknown. */
  private final Map<String, CauseDraft> causes = new java.util.LinkedHashMap<>();

  private static final class CauseDraft {
    String fix;
    final java.util.Set<String> hostFields = new TreeSet<>();
    final java.util.Set<String> hosts = new TreeSet<>();
    final java.util.Set<String> vmFields = new TreeSet<>();
    final java.util.Set<String> vms = new TreeSet<>();
  }

  /** "host\0field" and "vm\0field" pairs that some cause explains. */
  private final java.util.Set<String> hostCaused = new java.util.HashSet<>();
  private final java.util.Set<String> vmCaused = new java.util.HashSet<>();
  /** What the source lacked when it yields no VM, or no powered-on VM, as the importer can tell. */
  private String whyNoVms;
  private String whyNoPoweredOnVms;

  /** The cause given to an unknown field that no importer explained. */
  public static final String UNEXPLAINED = "no value for it in the export";

  /** DRS groups and rules per cluster, as the source names its VMs and hosts. */
  public record ClusterDraft(String name, Map<String, List<String>> vmGroups, Map<String, List<String>> hostGroups, List<RuleDraft> rules) {}

  /** A DRS rule: type vm-host (vmGroup, hostGroup, mandatory) or vm-vm (vms). */
  public record RuleDraft(String name, String type, String vmGroup, String hostGroup, List<String> vms, boolean affine, boolean mandatory,
      boolean enabled) {}

  private final List<ClusterDraft> clusters = new ArrayList<>();
  /** vCenter's vgpu.hotmigrate.enabled; null: the source does not say. */
  private Boolean vgpuHotMigrate;
  private String[] vgpuHotMigrateGap;

  public void addCluster(ClusterDraft c) {
    clusters.add(c);
  }

  /** vCenter's vgpu.hotmigrate.enabled, as the source gives it. */
  public void vgpuHotMigrate(boolean on) {
    vgpuHotMigrate = on;
  }

  /** The source does not give vCenter's vgpu.hotmigrate.enabled: marked unknown (for the VMs it matters to) with this cause. */
  public void vgpuHotMigrateUnknown(String cause, String fix) {
    vgpuHotMigrateGap = new String[] {cause, fix};
  }

  private final Map<String, HostDraft> hosts = new TreeMap<>();
  private final Map<String, VmDraft> vms = new TreeMap<>();
  private final Warnings warnings;
  private final EvcCatalog evc;
  /** Where hosts come from, for "host X is not in vHost" ("tab vHost", "the dump's hosts"). */
  private final String hostSource;

  public ImportedInventory(Warnings warnings, EvcCatalog evc, String hostSource) {
    this.warnings = warnings;
    this.evc = evc;
    this.hostSource = hostSource;
  }

  public Warnings warnings() {
    return warnings;
  }

  public EvcCatalog evc() {
    return evc;
  }

  /** The host of this name, created on first use. */
  public HostDraft host(String name) {
    return hosts.computeIfAbsent(name, HostDraft::new);
  }

  public Optional<HostDraft> existingHost(String name) {
    return Optional.ofNullable(hosts.get(name));
  }

  public Collection<HostDraft> hosts() {
    return hosts.values();
  }

  public Collection<VmDraft> vms() {
    return vms.values();
  }

  public Optional<VmDraft> vm(String name) {
    return Optional.ofNullable(vms.get(name));
  }

  /**
   * Adds a VM. Names must be unique in inventory v1, but vCenter allows one name in several folders
   * or datacenters: a repeated name gets a " #2" suffix and a warning.
   */
  public VmDraft addVm(String name) {
    String unique = name;
    for (int i = 2; vms.containsKey(unique); i++) unique = name + " #" + i;
    if (!unique.equals(name)) warnings.add("VM name used more than once; renamed with a \" #N\" suffix", unique);
    VmDraft vm = new VmDraft(unique);
    vms.put(unique, vm);
    return vm;
  }

  /**
   * Records why a host's field is unknown, e.g. cause "tab vLicense is missing" for field
   * "license", with the fix to print once ("export the vLicense tab"). Written as "unknownCauses";
   * the field must also be in the host's unknown list.
   */
  public void hostCause(String cause, String fix, String field, String host) {
    CauseDraft c = cause(cause, fix);
    c.hostFields.add(field);
    c.hosts.add(host);
    hostCaused.add(host + "\0" + field);
  }

  /** As {@link #hostCause}, for a VM's field. */
  public void vmCause(String cause, String fix, String field, String vm) {
    CauseDraft c = cause(cause, fix);
    c.vmFields.add(field);
    c.vms.add(vm);
    vmCaused.add(vm + "\0" + field);
  }

  /** The draft of a cause; its fix is the first one given. */
  private CauseDraft cause(String cause, String fix) {
    CauseDraft c = causes.computeIfAbsent(cause, k -> new CauseDraft());
    if (c.fix == null) c.fix = fix;
    return c;
  }

  /** Marks a host's field unknown and records why: {@link #hostCause} and the host's unknown list at once. */
  public void markUnknown(HostDraft host, String field, String cause, String fix) {
    host.unknown.add(field);
    hostCause(cause, fix, field, host.name);
  }

  /** Marks a VM's field unknown and records why. */
  public void markUnknown(VmDraft vm, String field, String cause, String fix) {
    vm.unknown.add(field);
    vmCause(cause, fix, field, vm.name);
  }

  /**
   * What the source lacked, when the import yields no VM: "tab vInfo is missing", "tab vInfo has
   * no column \"VM\" in its first 20 rows". Reported by {@link ImportResult#emptyImport()}.
   */
  public void explainNoVms(String why) {
    if (whyNoVms == null) whyNoVms = why;
  }

  /** What the source lacked, when the import yields VMs but none powered on: "tab vInfo has no column \"Powerstate\"". */
  public void explainNoPoweredOnVms(String why) {
    if (whyNoPoweredOnVms == null) whyNoPoweredOnVms = why;
  }

  /** Fills the gaps and writes inventory v1 with hosts and VMs sorted by name. */
  public ImportResult build() {
    addMissingHosts();
    for (HostDraft h : hosts.values()) fill(h);
    ObjectNode root = JSON.createObjectNode();
    // vmJson fills the VMs' defaults (and their unknown lists) first, so that every unknown field
    // is known before the causes are written.
    List<ObjectNode> vmNodes = new ArrayList<>();
    for (VmDraft v : vms.values()) vmNodes.add(vmJson(v));
    explainTheRest();
    for (HostDraft h : hosts.values()) collapseCpu(h);
    root.put("formatVersion", 1);
    ArrayNode hostArray = root.putArray("hosts");
    for (HostDraft h : hosts.values()) hostArray.add(hostJson(h));
    ArrayNode vmArray = root.putArray("vms");
    vmNodes.forEach(vmArray::add);
    clustersJson(root);
    vcenterJson(root);
    if (!causes.isEmpty()) {
      ArrayNode causeArray = root.putArray("unknownCauses");
      causes.forEach((cause, c) -> {
        ObjectNode o = causeArray.addObject().put("cause", cause);
        if (c.fix != null) o.put("fix", c.fix);
        if (!c.hostFields.isEmpty()) {
          strings(o.putArray("hostFields"), c.hostFields);
          strings(o.putArray("hosts"), c.hosts);
        }
        if (!c.vmFields.isEmpty()) {
          strings(o.putArray("vmFields"), c.vmFields);
          strings(o.putArray("vms"), c.vms);
        }
      });
    }
    return new ImportResult(root, warnings.lines(), emptyImport());
  }

  /** Why the import gives nothing to check, or null: no VM, or no powered-on VM. */
  private String emptyImport() {
    if (vms.isEmpty()) return "no VM imported" + (whyNoVms == null ? "" : ": " + whyNoVms);
    if (vms.values().stream().noneMatch(v -> "poweredOn".equals(v.powerState))) {
      return "no powered-on VM imported (" + vms.size() + " VM" + (vms.size() == 1 ? "" : "s") + ", none powered on)"
          + (whyNoPoweredOnVms == null ? "" : ": " + whyNoPoweredOnVms);
    }
    return null;
  }

  /** Gives every unknown field that no importer explained the cause {@link #UNEXPLAINED}: no field is unknown without a cause. */
  private void explainTheRest() {
    String fix = "fill the field in by hand and remove it from \"unknown\"";
    for (HostDraft h : hosts.values()) {
      for (String f : new TreeSet<>(h.unknown)) {
        boolean covered = hostCaused.contains(h.name + "\0" + f)
            || (f.startsWith("cpu.") && hostCaused.contains(h.name + "\0cpu"))
            || (f.equals("cpu") && io.vmotion.inventory.Host.CPU_PARTS.stream().allMatch(p -> hostCaused.contains(h.name + "\0" + p)));
        if (!covered) hostCause(UNEXPLAINED, fix, f, h.name);
      }
    }
    for (VmDraft v : vms.values()) {
      for (String f : new TreeSet<>(v.unknown)) {
        if (!vmCaused.contains(v.name + "\0" + f)) vmCause(UNEXPLAINED, fix, f, v.name);
      }
    }
  }

  /** A host whose every CPU part is unknown lists "cpu" alone, which stands for all of them. */
  private static void collapseCpu(HostDraft h) {
    if (h.unknown.containsAll(io.vmotion.inventory.Host.CPU_PARTS)) {
      h.unknown.removeAll(io.vmotion.inventory.Host.CPU_PARTS);
      h.unknown.add("cpu");
    }
    if (h.unknown.contains("cpu")) h.unknown.removeAll(io.vmotion.inventory.Host.CPU_PARTS);
  }

  /**
   * Adds the hosts that VMs name but the source lacks, with the cluster the VM gives. Idempotent;
   * importers call it early when later steps need every host to exist.
   */
  public void addMissingHosts() {
    for (VmDraft vm : vms.values()) {
      if (vm.host == null || vm.host.isBlank()) {
        vm.host = "unknown-host";
        warnings.add("VM without a host; placed on the added host \"unknown-host\"", vm.name);
      }
      if (!hosts.containsKey(vm.host)) {
        HostDraft h = host(vm.host);
        h.listed = false;
        h.cluster = vm.cluster;
      }
      HostDraft h = hosts.get(vm.host);
      if (!h.listed) {
        warnings.add("host not in " + hostSource + " but a VM runs on it; added with its cluster from the VM and defaults for the rest", h.name);
        if (h.cluster == null) h.cluster = vm.cluster;
      }
    }
  }

  /** Hosts of the same cluster (or all hosts) that know a value, to borrow from. */
  private List<HostDraft> peers(HostDraft h) {
    List<HostDraft> same = hosts.values().stream().filter(o -> o != h && o.listed && java.util.Objects.equals(o.cluster, h.cluster)).toList();
    if (!same.isEmpty()) return same;
    return hosts.values().stream().filter(o -> o != h && o.listed).toList();
  }

  private void fill(HostDraft h) {
    if (!h.listed && (h.datastores.isEmpty() || h.portGroups.isEmpty())) {
      // Nothing is known of what the host mounts or connects: offer what its cluster's VMs use, so
      // that moves to it are not all blocked by a guess, and say that it is one.
      boolean datastores = h.datastores.isEmpty();
      boolean portGroups = h.portGroups.isEmpty();
      if (datastores) h.unknown.add("datastores");
      if (portGroups) h.unknown.add("portGroups");
      for (VmDraft v : vms.values()) {
        HostDraft vh = hosts.get(v.host);
        if (vh != null && java.util.Objects.equals(vh.cluster, h.cluster)) {
          if (datastores) h.datastores.addAll(v.datastores);
          if (portGroups) v.nics.forEach(n -> h.portGroups.add(n.portGroup()));
        }
      }
      warnings.add((datastores && portGroups ? "datastores and port groups" : datastores ? "datastores" : "port groups")
          + " unknown; given those its cluster's VMs use, so " + (datastores ? "storage.shared" : "")
          + (datastores && portGroups ? " and " : "") + (portGroups ? "network.port-group" : "") + " decides only what the known facts decide", h.name);
    }
    if (h.version != null && !VERSION.matcher(h.version).matches()) {
      warnings.add("ESXi version \"" + h.version + "\" not understood", h.name);
      h.version = null;
    }
    if (h.version == null) {
      // The lowest known release of its peers: clusters are usually upgraded together, and the
      // lowest is the one that could refuse a VM, so a guess does not hide a version blocker.
      String v = peers(h).stream().map(p -> p.version).filter(x -> x != null && VERSION.matcher(x).matches())
          .min(Comparator.comparing(ImportedInventory::versionKey)).orElse(DEFAULT_VERSION);
      warnings.add("ESXi version unknown; set to " + v + " (the lowest known in its cluster, else " + DEFAULT_VERSION + ")", h.name);
      h.version = v;
      h.unknown.add("version");
    }
    if (h.license == null) {
      warnings.add("license unknown; set to \"" + DEFAULT_LICENSE + "\" (all features), so license.vmotion decides only what the known facts decide", h.name);
      h.license = DEFAULT_LICENSE;
      h.unknown.add("license");
    }
    if (h.evcMode != null && !evc.knows(h.evcMode)) {
      warnings.add("EVC mode \"" + h.evcMode + "\" is not in rules/data/evc-baselines.json; left out and marked unknown", h.name);
      h.evcMode = null;
      h.unknown.add("evcMode");
    }
    if (h.maxEvcMode != null && !evc.knows(h.maxEvcMode)) h.maxEvcMode = null;
    if (h.features == null) {
      // Listed features of a host whose features are unknown are those known to be present: a copy
      // of another host's would pass as known, so none are listed.
      h.features = new TreeSet<>();
      h.unknown.add("cpu.features");
      if (h.listed) warnings.add("CPU features unknown; none listed and cpu.features marked unknown", h.name);
    }
    if (h.vendor == null && h.maxEvcMode != null) h.vendor = evc.vendors().get(h.maxEvcMode); // the EVC mode's vendor is a fact
    if (h.vendor == null) {
      h.unknown.add("cpu.vendor");
      h.vendor = "intel";
      if (h.listed) warnings.add("CPU vendor unknown; set to intel and marked unknown", h.name);
    }
    if (h.family == null || h.model == null) {
      if (h.family == null) h.family = 0;
      if (h.model == null) h.model = 0;
      h.unknown.add("cpu.model");
      if (h.listed) warnings.add("CPU family/model unknown; set to 0 and marked unknown", h.name);
    }
    if (h.cores == null || h.threads == null || h.mhz == null || h.memoryMb == null) {
      Optional<HostDraft> peer = peers(h).stream().filter(p -> p.cores != null && p.threads != null && p.mhz != null && p.memoryMb != null)
          .min(Comparator.comparing((HostDraft p) -> p.threads).thenComparing(p -> p.name));
      List<VmDraft> own = vms.values().stream().filter(v -> h.name.equals(v.host)).toList();
      int maxVcpus = own.stream().map(v -> v.vcpus == null ? 1 : v.vcpus).max(Integer::compare).orElse(1);
      long vmMemory = own.stream().mapToLong(v -> v.memoryMb == null ? 0 : v.memoryMb).sum();
      List<String> filled = new ArrayList<>();
      if (h.cores == null) {
        h.cores = peer.map(p -> p.cores).orElse(h.threads != null ? h.threads : maxVcpus);
        filled.add("cores");
        h.unknown.add("cpu.cores");
      }
      if (h.threads == null) {
        // Its own cores are a lower bound; a peer's thread count would pass as this host's.
        h.threads = !filled.contains("cores") ? h.cores : peer.map(p -> p.threads).orElse(h.cores);
        filled.add("threads");
        h.unknown.add("cpu.threads");
      }
      if (h.mhz == null) {
        h.mhz = peer.map(p -> p.mhz).orElse(DEFAULT_MHZ);
        filled.add("MHz");
        h.unknown.add("cpu.mhz");
      }
      if (h.memoryMb == null) {
        h.memoryMb = peer.map(p -> p.memoryMb).orElse(Math.max(vmMemory, 1024));
        filled.add("memory");
        h.unknown.add("memoryMb");
      }
      // A host the source does not list was already reported once, with "defaults for the rest".
      if (h.listed) warnings.add("CPU/memory size (" + String.join(", ", filled) + ") unknown; "
          + (peer.isPresent() ? "copied from the smallest host of its cluster" : "set to fit the VMs on it, " + DEFAULT_MHZ + " MHz")
          + " and marked unknown", h.name);
    }
    h.cores = Math.max(1, h.cores);
    h.threads = Math.max(h.cores, h.threads);
    h.mhz = Math.min(100_000, Math.max(1, h.mhz));
    if (h.vmotionNics == null) {
      h.vmotionNics = new ArrayList<>(List.of(new HostDraft.NicDraft("unknown", DEFAULT_VMOTION_MBPS, null)));
      h.unknown.add("vmotionNics");
      warnings.add("vMotion VMkernel adapter unknown; assumed one of " + DEFAULT_VMOTION_MBPS + " Mbit/s named \"unknown\", so network.vmotion-nic decides only what the known facts decide", h.name);
    }
    if (h.state == null) h.state = "connected";
    if (h.maintenanceMode == null) h.maintenanceMode = false;
  }

  private ObjectNode hostJson(HostDraft h) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", h.name);
    if (h.cluster != null && !h.cluster.isBlank()) o.put("cluster", h.cluster);
    o.put("version", h.version);
    o.put("license", h.license);
    o.put("state", h.state);
    o.put("maintenanceMode", h.maintenanceMode);
    ObjectNode cpu = o.putObject("cpu");
    cpu.put("vendor", h.vendor).put("family", h.family).put("model", h.model).put("cores", h.cores)
        .put("threads", h.threads).put("mhz", h.mhz);
    strings(cpu.putArray("features"), h.features);
    if (h.evcMode != null) o.put("evcMode", h.evcMode);
    if (h.maxEvcMode != null && evc.knows(h.maxEvcMode)) o.put("maxEvcMode", h.maxEvcMode);
    o.put("memoryMb", Math.max(0, h.memoryMb));
    ArrayNode nics = o.putArray("vmotionNics");
    h.vmotionNics.stream().sorted(Comparator.comparing(HostDraft.NicDraft::name)).forEach(n -> {
      ObjectNode nic = nics.addObject().put("name", n.name()).put("speedMbps", Math.max(0, Math.min(10_000_000, n.speedMbps())));
      if (n.mtu() != null && n.mtu() >= 576 && n.mtu() <= 9216) nic.put("mtu", n.mtu());
      if ("half".equals(n.duplex())) nic.put("duplex", "half");
      if (Boolean.FALSE.equals(n.linkUp())) nic.put("linkUp", false);
      if (n.portGroup() != null && !n.portGroup().isBlank()) nic.put("portGroup", n.portGroup());
    });
    if (!h.gpuProfiles.isEmpty()) strings(o.putArray("gpuProfiles"), h.gpuProfiles);
    strings(o.putArray("datastores"), h.datastores);
    strings(o.putArray("portGroups"), h.portGroups);
    if (!h.unknown.isEmpty()) strings(o.putArray("unknown"), h.unknown);
    return o;
  }

  private ObjectNode vmJson(VmDraft v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", v.name);
    o.put("host", v.host);
    if (v.powerState == null) {
      v.powerState = "poweredOff";
      v.unknown.add("powerState");
      warnings.add("power state unknown; set to poweredOff, so the VM is not checked unless a plan moves it", v.name);
    }
    o.put("powerState", v.powerState);
    if (v.hardwareVersion == null || v.hardwareVersion < 3 || v.hardwareVersion > 99) {
      warnings.add("hardware version unknown; set to vmx-" + DEFAULT_HARDWARE_VERSION + " (runs on ESXi 6.5 and later)", v.name);
      v.hardwareVersion = DEFAULT_HARDWARE_VERSION;
      v.unknown.add("hardwareVersion");
    }
    o.put("hardwareVersion", v.hardwareVersion);
    if (v.guestOs == null || v.guestOs.isBlank()) {
      warnings.add("guest OS id unknown; set to \"" + DEFAULT_GUEST + "\", so vm.guest-os decides only what the known facts decide", v.name);
      v.guestOs = DEFAULT_GUEST;
      v.unknown.add("guestOs");
    }
    o.put("guestOs", v.guestOs);
    if (v.vcpus == null || v.vcpus < 1) {
      warnings.add("vCPU count unknown; set to 1", v.name);
      v.vcpus = 1;
      v.unknown.add("vcpus");
    }
    o.put("vcpus", Math.min(768, v.vcpus));
    if (v.memoryMb == null || v.memoryMb < 0) {
      warnings.add("memory size unknown; set to its memory reservation", v.name);
      v.memoryMb = v.memoryReservationMb;
      v.unknown.add("memoryMb");
    }
    o.put("memoryMb", v.memoryMb);
    long memRes = Math.max(0, v.memoryReservationMb);
    if (memRes > v.memoryMb && v.memoryMb > 0) {
      warnings.add("memory reservation above the VM's memory; cut to the memory size", v.name);
      memRes = v.memoryMb;
    }
    if (v.cpuReservationMhz > 0 || memRes > 0) {
      o.putObject("reservation").put("cpuMhz", Math.max(0, v.cpuReservationMhz)).put("memoryMb", memRes);
    }
    strings(o.putArray("datastores"), v.datastores);
    ArrayNode nics = o.putArray("nics");
    for (VmDraft.Nic n : v.nics) {
      if (n.portGroup() == null || n.portGroup().isBlank()) continue;
      ObjectNode nic = nics.addObject().put("portGroup", n.portGroup());
      if (n.mac() != null && MAC.matcher(n.mac()).matches()) nic.put("mac", n.mac().toLowerCase(java.util.Locale.ROOT));
    }
    if (v.cpuFeatures != null) strings(o.putArray("cpuFeatures"), v.cpuFeatures);
    if (v.cpuVendor != null) o.put("cpuVendor", v.cpuVendor);
    if (v.minRequiredEvcMode != null && evc.knows(v.minRequiredEvcMode)) o.put("minRequiredEvcMode", v.minRequiredEvcMode);
    if (v.activeMemoryMb != null && v.activeMemoryMb >= 0) {
      long active = v.activeMemoryMb;
      if (active > v.memoryMb && v.memoryMb > 0) {
        warnings.add("active memory above the VM's memory; cut to the memory size", v.name);
        active = v.memoryMb;
      }
      o.put("activeMemoryMb", active);
    }
    parityJson(v, o);
    if (!v.unknown.isEmpty()) strings(o.putArray("unknown"), v.unknown);
    return o;
  }

  /** Devices, SCSI bus sharing, affinity and Fault Tolerance, as far as the source gives them. */
  private void parityJson(VmDraft v, ObjectNode o) {
    if (!v.devices.isEmpty()) {
      ArrayNode devices = o.putArray("devices");
      v.devices.stream().sorted(Comparator.comparing((VmDraft.Device d) -> d.type()).thenComparing(d -> String.valueOf(d.name()))).forEach(d -> {
        ObjectNode n = devices.addObject().put("type", d.type());
        if (d.name() != null) n.put("name", d.name());
        if (d.profile() != null) n.put("profile", d.profile());
        if (d.backing() != null) n.put("backing", d.backing());
        if (!d.connected()) n.put("connected", false);
        if (d.datastore() != null && "datastore".equals(d.backing())) n.put("datastore", d.datastore());
        if (d.vgpuMemoryMb() != null && d.type().equals("vgpu")) n.put("vgpuMemoryMb", Math.max(0, Math.min(1L << 20, d.vgpuMemoryMb())));
      });
    }
    if (!v.scsiControllers.isEmpty()) {
      ArrayNode scsi = o.putArray("scsiControllers");
      v.scsiControllers.forEach((name, sharing) -> scsi.addObject().put("name", name).put("busSharing", sharing));
    }
    if (v.cpuAffinity != null && !v.cpuAffinity.isEmpty()) v.cpuAffinity.stream().sorted().distinct().forEach(o.withArray("cpuAffinity")::add);
    if (v.memoryAffinity != null && !v.memoryAffinity.isEmpty()) v.memoryAffinity.stream().sorted().distinct().forEach(o.withArray("memoryAffinity")::add);
    if (v.ftRole != null) {
      ObjectNode ft = o.putObject("ft").put("role", v.ftRole);
      boolean partner = v.ftPartnerHost != null && hosts.containsKey(v.ftPartnerHost) && !v.ftPartnerHost.equals(v.host);
      if (partner) {
        ft.put("partnerHost", v.ftPartnerHost);
      } else if (!v.unknown.contains("ft")) {
        warnings.add("Fault Tolerance partner host unknown; ft marked unknown", v.name);
        v.unknown.add("ft");
      }
    }
  }

  /** DRS groups and rules, keeping only members the inventory holds (a template or an absent host is left out). */
  private void clustersJson(ObjectNode root) {
    ArrayNode out = JSON.createArrayNode();
    java.util.Set<String> named = new java.util.HashSet<>();
    for (ClusterDraft c : clusters) {
      if (c.name() == null || !named.add(c.name()) || hosts.values().stream().noneMatch(h -> c.name().equals(h.cluster))) continue;
      ObjectNode n = out.addObject().put("name", c.name());
      ObjectNode vmGroups = n.putObject("vmGroups");
      c.vmGroups().forEach((g, members) -> strings(vmGroups.putArray(g), members.stream().filter(vms::containsKey).toList()));
      ObjectNode hostGroups = n.putObject("hostGroups");
      c.hostGroups().forEach((g, members) -> strings(hostGroups.putArray(g),
          members.stream().filter(h -> hosts.containsKey(h) && c.name().equals(hosts.get(h).cluster)).toList()));
      ArrayNode rules = n.putArray("rules");
      java.util.Set<String> ruleNames = new java.util.HashSet<>();
      for (RuleDraft r : c.rules()) {
        if (r.name() == null || !ruleNames.add(r.name())) continue;
        if (r.type().equals("vm-host")) {
          if (!c.vmGroups().containsKey(r.vmGroup())) vmGroups.putArray(r.vmGroup());
          if (!c.hostGroups().containsKey(r.hostGroup())) hostGroups.putArray(r.hostGroup());
          rules.addObject().put("name", r.name()).put("type", "vm-host").put("vmGroup", r.vmGroup()).put("hostGroup", r.hostGroup())
              .put("affine", r.affine()).put("mandatory", r.mandatory()).put("enabled", r.enabled());
        } else {
          List<String> present = r.vms().stream().filter(vms::containsKey).distinct().toList();
          if (present.size() < 2) continue;
          ObjectNode rule = rules.addObject().put("name", r.name()).put("type", "vm-vm");
          strings(rule.putArray("vms"), present);
          rule.put("affine", r.affine()).put("enabled", r.enabled());
        }
      }
    }
    if (!out.isEmpty()) root.set("clusters", out);
  }

  private void vcenterJson(ObjectNode root) {
    if (vgpuHotMigrate != null) {
      root.putObject("vcenter").put("vgpuHotMigrate", vgpuHotMigrate);
      return;
    }
    if (vgpuHotMigrateGap == null) return;
    // The setting matters only to VMs that have, or may have, a vGPU.
    List<String> concerned = vms.values().stream()
        .filter(v -> v.unknown.contains("devices.vgpu") || v.unknown.contains("devices") || v.devices.stream().anyMatch(d -> d.type().equals("vgpu")))
        .map(v -> v.name).toList();
    if (concerned.isEmpty()) return;
    root.putObject("vcenter").put("vgpuHotMigrate", false).putArray("unknown").add("vgpuHotMigrate");
    for (String vm : concerned) vmCause(vgpuHotMigrateGap[0], vgpuHotMigrateGap[1], "vgpuHotMigrate", vm);
    warnings.add("vCenter's vgpu.hotmigrate.enabled unknown; taken as off and marked unknown, so devices.vgpu decides only what the known facts decide");
  }

  private static void strings(ArrayNode array, Collection<String> values) {
    new TreeSet<>(values).forEach(array::add);
  }

  static int versionKey(String v) {
    String[] p = v.split("\\.");
    int key = 0;
    for (int i = 0; i < 3; i++) key = key * 100 + (i < p.length ? Integer.parseInt(p[i]) : 0);
    return key;
  }

  private static final Pattern VERSION_IN_TEXT = Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{1,2}))?(?![\\d])");
  private static final Pattern UPDATE_IN_TEXT = Pattern.compile("(?i)\\b(?:update\\s*|u)(\\d{1,2})\\b");

  /**
   * "VMware ESXi 8.0.2 build-22380479", "8.0.2" → "8.0.2"; "VMware ESXi 7.0 Update 3" or "7.0 U3"
   * → "7.0.3"; "8.0" → "8.0.0" (GA). Null when no version is in it.
   */
  public static String esxiVersion(String text) {
    if (text == null) return null;
    java.util.regex.Matcher m = VERSION_IN_TEXT.matcher(text);
    if (!m.find()) return null;
    String update = m.group(3);
    if (update == null) {
      java.util.regex.Matcher u = UPDATE_IN_TEXT.matcher(text.substring(m.end()));
      update = u.find() ? u.group(1) : "0";
    }
    return m.group(1) + "." + m.group(2) + "." + update;
  }
}
